using Microsoft.Playwright;

namespace AnjuPortal.Web.Tests.Browser;

/// <summary>
/// Debian's Chromium driven by Playwright (never a downloaded browser). Screenshots go to
/// TestResults/screenshots beside the test assembly's results, as test artifacts.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private BrowserSession(IPlaywright playwright, IBrowser browser, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        Page = page;
    }

    public IPage Page { get; }

    /// <summary>TestResults at the repository root: screenshots and logs kept as artifacts of the run.</summary>
    public static string TestResultsFolder => Path.Combine(FindRepositoryRoot(), "TestResults");

    public static string ScreenshotFolder
    {
        get
        {
            var folder = Path.Combine(TestResultsFolder, "screenshots");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    public static async Task<BrowserSession> StartAsync(Uri baseAddress)
    {
        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: install Debian's chromium (tests/run.sh does).");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            Locale = "zh-CN",
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        // Expect(...) assertions wait 5 s by default, too short for a loaded 2-core CI machine (seen failing there).
        Assertions.SetDefaultExpectTimeout(30_000);
        return new BrowserSession(playwright, browser, page);
    }

    /// <summary>Signs in through the sign-in page and waits until the interactive circuit is live.</summary>
    public async Task SignInAsync(string userName, string password)
    {
        await Page.GotoAsync("/Account/Login");
        await Page.FillAsync("#username", userName);
        await Page.FillAsync("#password", password);
        await Page.ClickAsync("#sign-in");
        await WaitForCircuitAsync();
    }

    /// <summary>The layout sets data-ready on a hidden marker after its first interactive render.</summary>
    public Task WaitForCircuitAsync()
        => Page.Locator("#anju-circuit-ready[data-ready='true']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

    public async Task<string> ScreenshotAsync(string name)
    {
        var path = Path.Combine(ScreenshotFolder, $"{name}.png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    private static string FindRepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "AnjuPortal.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? AppContext.BaseDirectory;
    }
}

using AnjuPortal.Infrastructure.Identity;
using AnjuPortal.Infrastructure.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AnjuPortal.Web.Tests.Hosting;

/// <summary>
/// The real portal (Program) on a fresh SQLite file in a temporary folder, with its logs there too. Demo data
/// and the Hangfire server are off unless asked for; <see cref="UseRealServer"/> serves on Kestrel for a browser.
/// </summary>
public sealed class PortalFactory : WebApplicationFactory<Program>
{
    public const string Password = "Test-Password-2026";

    private readonly bool _demo;
    private readonly bool _jobs;

    private readonly IReadOnlyDictionary<string, string> _settings;

    public PortalFactory(bool demo = false, bool jobs = false, IReadOnlyDictionary<string, string>? settings = null)
    {
        _demo = demo;
        _jobs = jobs;
        _settings = settings ?? new Dictionary<string, string>();
        DataFolder = Directory.CreateTempSubdirectory("anju-web-test-").FullName;
        LogFolder = Path.Combine(Browser.BrowserSession.TestResultsFolder, "logs", Path.GetFileName(DataFolder));
    }

    public string DataFolder { get; }

    /// <summary>The clock the whole app reads (sessions, audit stamps, jobs); tests move it.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>
    /// Kept after the run under TestResults/logs: tests/run.sh scans every log line the whole run wrote for ID and
    /// mobile numbers and fails the run if it finds one.
    /// </summary>
    public string LogFolder { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Anju", $"Data Source={Path.Combine(DataFolder, "anju.db")}");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Demo:Enabled", _demo ? "true" : "false");
        builder.UseSetting("Jobs:RunServer", _jobs ? "true" : "false");
        builder.UseSetting("Logging:Directory", LogFolder);
        builder.UseSetting("Evidence:Directory", Path.Combine(DataFolder, "attachments"));
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>Serves on Kestrel at a free loopback port and returns its base address.</summary>
    public Uri UseRealServer()
    {
        UseKestrel(0);
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
    }

    public HttpClient CreateBrowserLikeClient()
        => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Creates a user at the jurisdiction with the given code, with <see cref="Password"/>.</summary>
    public async Task CreateUserAsync(string userName, string jurisdictionCode, string role)
    {
        await using var scope = Services.CreateAsyncScope();
        await using var db = scope.ServiceProvider.GetRequiredService<SystemDbContextFactory>().Create();
        var jurisdictionId = await db.Jurisdictions.Where(j => j.Code == jurisdictionCode).Select(j => j.Id).SingleAsync();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = userName, DisplayName = userName, JurisdictionId = jurisdictionId };
        var result = await users.CreateAsync(user, Password);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // Hangfire's SQLite storage may still hold its file for a moment; the temp folder is left to the OS.
        }
    }
}

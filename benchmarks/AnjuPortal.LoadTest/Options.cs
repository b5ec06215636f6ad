using System.Globalization;

namespace AnjuPortal.LoadTest;

/// <summary>
/// Command line. Without <c>--url</c> the driver starts the portal itself (Release build, SQLite demo data in a temp
/// folder) and prepares load-test accounts; with <c>--url</c> it drives a running portal as <c>--user</c>.
/// </summary>
internal sealed record Options
{
    public const string Usage =
        "Usage: AnjuPortal.LoadTest [--sessions 50,200,500] [--pages dashboard,report] [--events 5] [--think-ms 2000] "
        + "[--monthend 60] [--nodes 1] [--gc server|workstation] [--web-dll PATH] [--url URL --user NAME --password PW [--pid PID]] [--data DIR] [--gcdump DIR]";

    public IReadOnlyList<int> Sessions { get; init; } = [50, 200, 500];

    public IReadOnlyList<string> Pages { get; init; } = ["dashboard", "report"];

    /// <summary>UI events each session sends after all sessions are open (0: idle only).</summary>
    public int Events { get; init; } = 5;

    /// <summary>Each session waits a random time up to this before each event, so events spread as users' do.</summary>
    public int ThinkMs { get; init; } = 2000;

    /// <summary>Units (one session each) that submit their monthly report at once in the month-end run; 0 skips it.</summary>
    public int MonthEnd { get; init; } = 60;

    /// <summary>Portal processes the driver starts on the same database (month-end sessions spread over them).</summary>
    public int Nodes { get; init; } = 1;

    public string? WebDll { get; init; }

    public Uri? Url { get; init; }

    public string? User { get; init; }

    public string? Password { get; init; }

    public int? Pid { get; init; }

    public string? DataFolder { get; init; }

    /// <summary>The portal's GC when the driver starts it: "server" or "workstation" (DOTNET_gcServer); null leaves it as built.</summary>
    public string? Gc { get; init; }

    /// <summary>
    /// When set, a heap snapshot of the portal (<c>dotnet-gcdump collect</c>, the tool on PATH) is written here before and
    /// after each step's sessions open: <c>dotnet-gcdump report</c> then shows which types the sessions hold.
    /// </summary>
    public string? GcDumpFolder { get; init; }

    /// <summary>Sessions starting at once (the rest queue).</summary>
    public int StartConcurrency { get; init; } = 16;

    public static Options Parse(string[] args)
    {
        var options = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--sessions" => options with { Sessions = value.Split(',').Select(v => Number(v, args[i])).ToList() },
                "--pages" => options with { Pages = ParsePages(value) },
                "--events" => options with { Events = Number(value, args[i], allowZero: true) },
                "--think-ms" => options with { ThinkMs = Number(value, args[i], allowZero: true) },
                "--monthend" => options with { MonthEnd = Number(value, args[i], allowZero: true) },
                "--nodes" => options with { Nodes = Number(value, args[i]) },
                "--web-dll" => options with { WebDll = value },
                "--url" => options with { Url = new Uri(value.EndsWith('/') ? value : value + "/") },
                "--user" => options with { User = value },
                "--password" => options with { Password = value },
                "--pid" => options with { Pid = Number(value, args[i]) },
                "--data" => options with { DataFolder = value },
                "--gc" => options with { Gc = value is "server" or "workstation" ? value : throw new ArgumentException($"--gc takes server or workstation, not {value}.") },
                "--gcdump" => options with { GcDumpFolder = value },
                "--start-concurrency" => options with { StartConcurrency = Number(value, args[i]) },
                _ => throw new ArgumentException($"Unknown argument {args[i]}."),
            };
            i++;
        }

        if (options.Url is not null && (options.User is null || options.Password is null))
        {
            throw new ArgumentException("--url needs --user and --password (an account that may open the pages).");
        }

        return options;
    }

    private static string[] ParsePages(string value)
    {
        var pages = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return pages.All(p => p is "dashboard" or "report") ? pages : throw new ArgumentException($"--pages takes dashboard,report, not {value}.");
    }

    private static int Number(string value, string name, bool allowZero = false)
        => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && (n > 0 || (allowZero && n == 0))
            ? n
            : throw new ArgumentException($"{name} takes a {(allowZero ? "whole" : "positive whole")} number, not {value}.");
}

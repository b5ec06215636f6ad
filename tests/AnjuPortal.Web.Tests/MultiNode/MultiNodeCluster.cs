using System.Security.Cryptography;
using AnjuPortal.TestSupport;
using Npgsql;

namespace AnjuPortal.Web.Tests.MultiNode;

/// <summary>
/// The scaled-out portal on this machine, loopback only: a real PostgreSQL, a real redis-server, two web nodes
/// (<c>Jobs:RunServer=false</c>) and two job workers, each a child process started from the build output with its
/// settings in environment variables. Node A migrates the database and seeds the demo data before the others start.
/// Everything is stopped and deleted on dispose (also after a failure); PostgreSQL and Redis also at process exit.
/// </summary>
public sealed class MultiNodeCluster : IAsyncLifetime
{
    private readonly List<NodeProcess> _nodes = [];
    private readonly string _blindIndexKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private PostgresTestDatabase? _database;

    public PostgresServer Postgres { get; } = new();

    public RedisServer Redis { get; } = new();

    public string ConnectionString { get; private set; } = string.Empty;

    public string LogFolder { get; } = Directory.CreateTempSubdirectory("anju-multinode-").FullName;

    public NodeProcess WebA { get; private set; } = null!;

    public NodeProcess WebB { get; private set; } = null!;

    public NodeProcess Worker1 { get; private set; } = null!;

    public NodeProcess Worker2 { get; private set; } = null!;

    /// <summary>The PostgreSQL application_name of a worker's connections (to tell which worker runs a job).</summary>
    public static string ApplicationName(string node) => "anju-" + node;

    public async Task InitializeAsync()
    {
        await Task.WhenAll(Postgres.InitializeAsync(), Redis.InitializeAsync());
        _database = await Postgres.CreateDatabaseAsync(migrateAndSeed: false);
        ConnectionString = Postgres.ConnectionStringFor(_database.Name);

        WebA = StartWeb("web-a", demo: true);
        await WebA.WaitUntilServingAsync(TimeSpan.FromMinutes(4));
        WebB = StartWeb("web-b", demo: false);
        Worker1 = StartWorker("worker-1");
        Worker2 = StartWorker("worker-2");
        await Task.WhenAll(
            WebB.WaitUntilServingAsync(TimeSpan.FromMinutes(2)),
            Worker1.WaitUntilServingAsync(TimeSpan.FromMinutes(2)),
            Worker2.WaitUntilServingAsync(TimeSpan.FromMinutes(2)));
    }

    /// <summary>A web node: no job server, its signals through Redis (and the database when Redis is down).</summary>
    private NodeProcess StartWeb(string name, bool demo)
        => Start(name, WebDll, new Dictionary<string, string>(Common(name))
        {
            ["Jobs__RunServer"] = "false",
            ["Demo__Enabled"] = demo ? "true" : "false",
            ["Database__MigrateOnStartup"] = demo ? "true" : "false",
        });

    /// <summary>A job worker: the separate job service (src/AnjuPortal.Jobs), as deployed: Hangfire server and health endpoints only.</summary>
    private NodeProcess StartWorker(string name)
        => Start(name, JobsDll, new Dictionary<string, string>(Common(name))
        {
            ["Jobs__WorkerCount"] = "2",
            ["Demo__Enabled"] = "false",
            ["Database__MigrateOnStartup"] = "false",
        }, ProjectFolder("AnjuPortal.Jobs"));

    private Dictionary<string, string> Common(string name) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development", // static web assets from the build output (TOOLCHAIN.md)
        ["Database__Provider"] = "PostgreSql",
        ["ConnectionStrings__Anju"] = new NpgsqlConnectionStringBuilder(ConnectionString) { ApplicationName = ApplicationName(name) }.ConnectionString,
        ["PersonalData__BlindIndexKey"] = _blindIndexKey,
        ["Signals__Redis"] = Redis.ConnectionString + ",connectTimeout=2000",
        ["Signals__PollSeconds"] = "1",
        // A worker killed mid-job: its job goes to the other worker after this long (Hangfire's sliding invisibility).
        ["Jobs__InvisibilityTimeoutMinutes"] = "0.25",
    };

    private NodeProcess Start(string name, string dll, Dictionary<string, string> settings, string? contentRoot = null)
    {
        var node = NodeProcess.Start(name, dll, contentRoot ?? WebContentRoot, LogFolder, settings);
        lock (_nodes)
        {
            _nodes.Add(node);
        }

        return node;
    }

    /// <summary>The web program in this test assembly's build output (the project reference copies it here).</summary>
    private static string WebDll => Path.Combine(AppContext.BaseDirectory, "AnjuPortal.Web.dll");

    /// <summary>The job service in its own build output, of the same configuration as this test assembly (Web.Tests builds it first).</summary>
    private static string JobsDll
        => Path.Combine(ProjectFolder("AnjuPortal.Jobs"), "bin", new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0", "AnjuPortal.Jobs.dll");

    /// <summary>The web project's folder: appsettings.json and wwwroot, as in a deployment's content root.</summary>
    private static string WebContentRoot => ProjectFolder("AnjuPortal.Web");

    private static string ProjectFolder(string project)
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "AnjuPortal.sln")))
        {
            folder = folder.Parent;
        }

        return Path.Combine(folder?.FullName ?? throw new InvalidOperationException("AnjuPortal.sln not found above the test assembly."), "src", project);
    }

    /// <summary>Every node's last log lines, for a failure message.</summary>
    public string Logs()
    {
        lock (_nodes)
        {
            return string.Join("\n", _nodes.Select(n => $"----- {n.Name} (exited: {n.HasExited}) -----\n{n.Tail(40)}"));
        }
    }

    public async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task DisposeAsync()
    {
        List<NodeProcess> nodes;
        lock (_nodes)
        {
            nodes = [.. _nodes];
        }

        foreach (var node in nodes)
        {
            await node.DisposeAsync();
        }

        NpgsqlConnection.ClearAllPools();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        await Postgres.DisposeAsync();
        await Redis.DisposeAsync();
        try
        {
            Directory.Delete(LogFolder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

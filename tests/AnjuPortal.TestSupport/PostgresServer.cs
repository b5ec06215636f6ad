using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AnjuPortal.Infrastructure.Persistence;
using Npgsql;
using Xunit;

namespace AnjuPortal.TestSupport;

/// <summary>
/// A throwaway PostgreSQL server for one test run: initdb into a temporary folder, started with pg_ctl on a free
/// port of 127.0.0.1 (socket in the same folder), stopped with <c>-m immediate</c> and deleted on dispose. Share it
/// through an xunit collection fixture; each test class or test takes a fresh database from <see cref="CreateDatabaseAsync"/>.
/// Runs as root too (CI does): initdb refuses root, so the server runs as the <c>postgres</c> user via runuser.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private const string TemplateName = "anju_template";
    private const string FolderPrefix = "anju-pg-";
    private const string OwnerFile = "owner.pid";
    private static int _databaseCounter;

    private readonly SemaphoreSlim _templateLock = new(1, 1);
    private string? _binDirectory;
    private string? _folder;
    private bool _templateReady;

    public int Port { get; private set; }

    /// <summary>The connection string of the server's maintenance database.</summary>
    public string AdminConnectionString => ConnectionStringFor("postgres");

    public string ConnectionStringFor(string database)
        => new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = "postgres",
            Database = database,
            IncludeErrorDetail = true,
        }.ConnectionString;

    public async Task InitializeAsync()
    {
        _binDirectory = FindBinDirectory();
        await StopOrphansAsync();
        _folder = Directory.CreateTempSubdirectory(FolderPrefix).FullName;
        await File.WriteAllTextAsync(Path.Combine(_folder, OwnerFile), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (RunsAsRoot)
        {
            // The server runs as postgres: it must own its folder (initdb refuses to run as root).
            await RunAsync("chown", ["-R", "postgres:postgres", _folder]);
        }

        var data = Path.Combine(_folder, "data");
        await RunServerToolAsync("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);

        // A free port can be taken between our probe and the server's bind: try a few.
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            var options = $"-p {Port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
            try
            {
                await RunServerToolAsync("pg_ctl", ["-D", data, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "30", "-o", options, "start"]);
                break;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
            }
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
    }

    public Task DisposeAsync()
    {
        Stop();
        return Task.CompletedTask;
    }

    /// <summary>
    /// A fresh database. With <paramref name="migrateAndSeed"/> it is a copy of a template that holds every
    /// PostgreSQL migration and the jurisdiction tree (built once per server); without, it is empty.
    /// </summary>
    public async Task<PostgresTestDatabase> CreateDatabaseAsync(bool migrateAndSeed = true, bool seedJurisdictions = true)
    {
        var name = $"anju_{Environment.ProcessId}_{Interlocked.Increment(ref _databaseCounter)}";
        if (migrateAndSeed && seedJurisdictions)
        {
            await EnsureTemplateAsync();
            // FILE_COPY copies the template's files instead of writing every block through the WAL: faster for each test.
            await ExecuteAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{TemplateName}\" STRATEGY FILE_COPY");
            return new PostgresTestDatabase(this, name);
        }

        await ExecuteAsync($"CREATE DATABASE \"{name}\" TEMPLATE template0");
        var database = new PostgresTestDatabase(this, name);
        if (migrateAndSeed)
        {
            await database.InitializeAsync(seedJurisdictions);
        }

        return database;
    }

    internal async Task DropDatabaseAsync(string name)
    {
        using (var pooled = new NpgsqlConnection(ConnectionStringFor(name)))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task EnsureTemplateAsync()
    {
        await _templateLock.WaitAsync();
        try
        {
            if (_templateReady)
            {
                return;
            }

            await ExecuteAsync($"CREATE DATABASE \"{TemplateName}\" TEMPLATE template0");
            var template = new PostgresTestDatabase(this, TemplateName);
            await template.InitializeAsync(seedJurisdictions: true);

            // CREATE DATABASE ... TEMPLATE refuses while anyone is connected to the template.
            NpgsqlConnection.ClearAllPools();
            _templateReady = true;
        }
        finally
        {
            _templateLock.Release();
        }
    }

    private void Stop()
    {
        if (_folder is null || _binDirectory is null)
        {
            return;
        }

        var folder = _folder;
        _folder = null;
        NpgsqlConnection.ClearAllPools();
        try
        {
            RunServerToolAsync("pg_ctl", ["-D", Path.Combine(folder, "data"), "-m", "immediate", "-w", "stop"]).GetAwaiter().GetResult();
        }
        catch (InvalidOperationException)
        {
            // Not running (start failed or already stopped): the folder still goes.
        }

        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>
    /// A test run that was killed (no dispose, no process-exit handler) leaves its server running. Stop the servers of
    /// earlier runs whose owning test process is gone; servers of live runs are left alone.
    /// </summary>
    private async Task StopOrphansAsync()
    {
        foreach (var folder in Directory.GetDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            var owner = Path.Combine(folder, OwnerFile);
            if (!File.Exists(owner) || !int.TryParse(await File.ReadAllTextAsync(owner), out var pid) || IsAlive(pid))
            {
                continue;
            }

            try
            {
                if (File.Exists(Path.Combine(folder, "data", "postmaster.pid")))
                {
                    await RunServerToolAsync("pg_ctl", ["-D", Path.Combine(folder, "data"), "-m", "immediate", "-w", "stop"]);
                }

                Directory.Delete(folder, recursive: true);
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                // Someone else's folder or already gone: not ours to force.
            }
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool RunsAsRoot => Environment.IsPrivilegedProcess;

    /// <summary>The newest <c>{root}/{version}/bin</c> holding initdb and pg_ctl; a clear instruction when there is none.</summary>
    public static string FindBinDirectory(string root = "/usr/lib/postgresql")
    {
        var bin = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return bin ?? throw new InvalidOperationException(
            $"PostgreSQL server binaries were not found under {root}/*/bin (initdb, pg_ctl). "
            + "The PostgreSQL tests start their own throwaway server: install it with `apt-get install postgresql` "
            + "(tests/run.sh installs it when missing).");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs a PostgreSQL tool, as the postgres user when we are root.</summary>
    private Task RunServerToolAsync(string tool, IReadOnlyList<string> arguments)
    {
        var executable = Path.Combine(_binDirectory!, tool);
        return RunsAsRoot
            ? RunAsync("runuser", ["-u", "postgres", "--", executable, .. arguments])
            : RunAsync(executable, arguments);
    }

    private static async Task RunAsync(string fileName, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"`{fileName} {string.Join(' ', arguments)}` exited with {process.ExitCode}:\n{await output}\n{await error}");
        }
    }
}

/// <summary>One database of a <see cref="PostgresServer"/>; dispose drops it.</summary>
public sealed class PostgresTestDatabase : TestDatabase
{
    private readonly PostgresServer _server;

    internal PostgresTestDatabase(PostgresServer server, string name)
        : base(new DatabaseSettings(DatabaseProvider.PostgreSql, server.ConnectionStringFor(name), MigrateOnStartup: true))
    {
        _server = server;
        Name = name;
    }

    public string Name { get; }

    internal Task InitializeAsync(bool seedJurisdictions) => MigrateAndSeedAsync(seedJurisdictions);

    public override async ValueTask DisposeAsync() => await _server.DropDatabaseAsync(Name);
}

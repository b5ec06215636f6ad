using System.Diagnostics;
using AnjuPortal.Infrastructure.Persistence;
using AnjuPortal.TestSupport;
using AnjuPortal.TestSupport.National;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Benchmarks;

/// <summary>
/// The national data set for the dashboard benchmark. On SQLite the generated file is kept under
/// <c>benchmarks/.data</c> (git-ignored), named by the options and the latest migration, and copied for each run, so a
/// re-run does not regenerate; PostgreSQL generates into a fresh database each run (binary COPY).
/// </summary>
internal static class NationalData
{
    /// <summary>Raise when the generator changes what it writes: old cached files are then not reused.</summary>
    private const int GeneratorVersion = 1;

    public sealed record Loaded(TestDatabase Database, NationalDataSetSummary Summary, TimeSpan Generation, bool FromCache, TimeSpan Copy);

    public static async Task<Loaded> LoadAsync(string provider, NationalDataSetOptions options, PostgresServer? postgres, Action<string> progress)
    {
        if (provider == "postgres")
        {
            var database = await postgres!.CreateDatabaseAsync(seedJurisdictions: false);
            var summary = await NationalDataSet.GenerateAsync(database, options, progress: progress);
            return new Loaded(database, summary, summary.Elapsed, false, TimeSpan.Zero);
        }

        var folder = Path.Combine(RepositoryRoot(), "benchmarks", ".data");
        Directory.CreateDirectory(folder);
        var migration = await LatestMigrationAsync();
        var cached = Path.Combine(folder, $"national-v{GeneratorVersion}-{options.Key}-{migration}.db");
        var summaryFile = cached + ".summary.json";
        NationalDataSetSummary? cachedSummary = null;
        var fromCache = File.Exists(cached) && File.Exists(summaryFile);
        if (fromCache)
        {
            cachedSummary = System.Text.Json.JsonSerializer.Deserialize<NationalDataSetSummary>(await File.ReadAllTextAsync(summaryFile), JsonOptions);
            progress($"sqlite: reusing {cached} (generated in {cachedSummary!.Elapsed.TotalSeconds:F0} s)");
        }
        else
        {
            var partial = cached + ".partial";
            File.Delete(partial);
            var fresh = new FileDatabase(partial);
            await fresh.MigrateAsync();
            cachedSummary = await NationalDataSet.GenerateAsync(fresh, options, progress: progress);
            await fresh.DisposeAsync();
            File.Move(partial, cached, overwrite: true);
            await File.WriteAllTextAsync(summaryFile, System.Text.Json.JsonSerializer.Serialize(cachedSummary, JsonOptions));
        }

        // Work on a copy: the benchmark writes statistics rows, and the cached file stays as generated.
        var copy = Stopwatch.StartNew();
        var work = Path.Combine(Directory.CreateTempSubdirectory("anju-national-").FullName, "national.db");
        File.Copy(cached, work);
        copy.Stop();
        return new Loaded(new FileDatabase(work, deleteOnDispose: true), cachedSummary, cachedSummary.Elapsed, fromCache, copy.Elapsed);
    }

    private static readonly System.Text.Json.JsonSerializerOptions JsonOptions = new() { IncludeFields = true, WriteIndented = true };

    private static async Task<string> LatestMigrationAsync()
    {
        var probe = new FileDatabase(Path.Combine(Path.GetTempPath(), $"anju-probe-{Environment.ProcessId}.db"), deleteOnDispose: true);
        await using var _ = probe;
        await using var db = probe.CreateSystemContext();
        return db.Database.GetMigrations().Last().Split('_')[0];
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AnjuPortal.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }

    /// <summary>A SQLite database at a given path (the test fixture's files live in temporary folders).</summary>
    private sealed class FileDatabase(string file, bool deleteOnDispose = false)
        : TestDatabase(SqliteTestDatabase.SettingsFor(file))
    {
        public Task MigrateAsync() => MigrateAndSeedAsync(seedJurisdictions: false);

        public override ValueTask DisposeAsync()
        {
            SqliteConnection.ClearAllPools();
            if (deleteOnDispose)
            {
                File.Delete(file);
                var folder = Path.GetDirectoryName(file);
                if (folder is not null && Path.GetFileName(folder).StartsWith("anju-national-", StringComparison.Ordinal))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }

            return ValueTask.CompletedTask;
        }
    }
}

using AnjuPortal.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;

namespace AnjuPortal.TestSupport;

/// <summary>
/// A real SQLite database file in a temporary folder, migrated with the SQLite migrations and holding Jilin's
/// jurisdiction tree. Each instance is its own file; dispose deletes it. No EF in-memory provider anywhere.
/// The migrated, seeded file is built once per test run and copied for each database.
/// </summary>
public sealed class SqliteTestDatabase : TestDatabase
{
    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static string? _seededTemplate;

    private readonly string _folder;

    private SqliteTestDatabase(string folder)
        : base(SettingsFor(Path.Combine(folder, "anju-test.db")))
        => _folder = folder;

    public string FilePath => Path.Combine(_folder, "anju-test.db");

    public static async Task<SqliteTestDatabase> CreateAsync(bool seedJurisdictions = true)
    {
        var folder = Directory.CreateTempSubdirectory("anju-test-").FullName;
        var database = new SqliteTestDatabase(folder);
        if (seedJurisdictions)
        {
            File.Copy(await SeededTemplateAsync(), database.FilePath);
        }
        else
        {
            await database.MigrateAndSeedAsync(seedJurisdictions: false);
        }

        return database;
    }

    public static DatabaseSettings SettingsFor(string file)
        => new(DatabaseProvider.Sqlite, $"Data Source={file};Pooling=false", MigrateOnStartup: true);

    public override async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        await Task.Yield();
        TryDelete(_folder);
    }

    /// <summary>Migrating and seeding takes most of a database's set-up time: do it once, then copy the file.</summary>
    private static async Task<string> SeededTemplateAsync()
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (_seededTemplate is null)
            {
                var folder = Directory.CreateTempSubdirectory("anju-template-").FullName;
                var template = new SqliteTestDatabase(folder);
                await template.MigrateAndSeedAsync(seedJurisdictions: true);
                SqliteConnection.ClearAllPools();
                _seededTemplate = template.FilePath;
                AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(folder);
            }

            return _seededTemplate;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a failing test is left for the OS to clean up; the test result says what failed.
        }
    }
}

using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;

namespace AnjuPortal.Infrastructure.Persistence;

/// <summary>The supported database providers. SQLite is the embedded default; SQL Server the production provider.</summary>
public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    PostgreSql,
}

/// <summary>
/// <c>Database:Provider</c>, <c>ConnectionStrings:Anju</c> and <c>Database:MigrateOnStartup</c>, read once.
/// Each provider has its own migrations assembly, chosen here.
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString, bool MigrateOnStartup)
{
    public const string DefaultSqliteConnection = "Data Source=App_Data/anju.db";

    public static DatabaseSettings From(IConfiguration configuration, string contentRoot)
    {
        var providerText = configuration["Database:Provider"] ?? nameof(DatabaseProvider.Sqlite);
        if (!Enum.TryParse<DatabaseProvider>(providerText, ignoreCase: true, out var provider))
        {
            throw new InvalidOperationException(
                $"Database:Provider '{providerText}' is not supported. Use one of: {string.Join(", ", Enum.GetNames<DatabaseProvider>())}.");
        }

        var connection = configuration.GetConnectionString("Anju");
        if (string.IsNullOrWhiteSpace(connection))
        {
            connection = provider == DatabaseProvider.Sqlite
                ? DefaultSqliteConnection
                : throw new InvalidOperationException($"ConnectionStrings:Anju is required for the {provider} provider.");
        }

        if (provider == DatabaseProvider.Sqlite)
        {
            connection = AnchorSqlitePath(connection, contentRoot);
        }

        return new DatabaseSettings(provider, connection, configuration.GetValue("Database:MigrateOnStartup", provider == DatabaseProvider.Sqlite));
    }

    public string MigrationsAssembly => $"AnjuPortal.Migrations.{Provider}";

    /// <summary>For SQLite, the folder that holds the database file (other local files, such as the job store, sit beside it).</summary>
    public string? SqliteDirectory => Provider == DatabaseProvider.Sqlite
        ? Path.GetDirectoryName(new SqliteConnectionStringBuilder(ConnectionString).DataSource)
        : null;

    public void Configure(DbContextOptionsBuilder builder)
    {
        switch (Provider)
        {
            case DatabaseProvider.Sqlite:
                builder.UseSqlite(ConnectionString, o => o.MigrationsAssembly(MigrationsAssembly));
                break;
            case DatabaseProvider.SqlServer:
                // No retrying execution strategy: every audited save runs in its own transaction (ADR-003), which a
                // retrying strategy refuses; transient faults surface to the user as a failed save, nothing half-done.
                builder.UseSqlServer(ConnectionString, o => o.MigrationsAssembly(MigrationsAssembly));
                break;
            case DatabaseProvider.PostgreSql:
                builder.UseNpgsql(ConnectionString, o => o.MigrationsAssembly(MigrationsAssembly));
                break;
        }

        // Every tenant-owned row and its jurisdiction carry the same filter, so a required navigation to a
        // filtered jurisdiction cannot hide a row that the row's own filter would have shown.
        builder.ConfigureWarnings(w => w.Ignore(CoreEventId.PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning));
    }

    /// <summary>A relative SQLite path is taken relative to the app's content root, not the shell's working folder.</summary>
    private static string AnchorSqlitePath(string connection, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connection);
        if (builder.DataSource is { Length: > 0 } source && source != ":memory:" && !Path.IsPathRooted(source))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, source));
        }

        if (Path.GetDirectoryName(builder.DataSource) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        return builder.ToString();
    }
}

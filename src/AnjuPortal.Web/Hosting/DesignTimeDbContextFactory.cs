using AnjuPortal.Infrastructure.Persistence;
using AnjuPortal.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AnjuPortal.Web.Hosting;

/// <summary>
/// For <c>dotnet ef</c> (found in the startup project): <c>dotnet ef migrations add Name --project
/// src/AnjuPortal.Migrations.SqlServer --startup-project src/AnjuPortal.Web -- --provider SqlServer</c>.
/// No server is needed to add a migration; commands that touch a database take <c>--connection "..."</c>.
/// </summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    private static readonly Dictionary<DatabaseProvider, string> PlaceholderConnections = new()
    {
        [DatabaseProvider.Sqlite] = "Data Source=design-time.db",
        [DatabaseProvider.SqlServer] = "Server=localhost;Database=AnjuPortal;Integrated Security=true;TrustServerCertificate=true",
        [DatabaseProvider.PostgreSql] = "Host=localhost;Database=anjuportal;Username=postgres",
    };

    public AppDbContext CreateDbContext(string[] args)
    {
        var config = new ConfigurationBuilder()
            .AddCommandLine(args, new Dictionary<string, string> { ["--provider"] = "Database:Provider", ["--connection"] = "ConnectionStrings:Anju" })
            .Build();
        var provider = Enum.Parse<DatabaseProvider>(config["Database:Provider"] ?? nameof(DatabaseProvider.Sqlite), ignoreCase: true);
        var settings = new DatabaseSettings(provider, config.GetConnectionString("Anju") ?? PlaceholderConnections[provider], MigrateOnStartup: false);
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        settings.Configure(builder);
        return new AppDbContext(builder.Options, SystemUser.Instance);
    }
}

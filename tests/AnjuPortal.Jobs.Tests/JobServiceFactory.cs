using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AnjuPortal.Jobs.Tests;

/// <summary>
/// The real job service (its Program) on the given database, with its logs under TestResults/logs (tests/run.sh
/// scans them for personal data).
/// </summary>
public sealed class JobServiceFactory(string provider, string connectionString, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    public string LogFolder { get; } = Path.Combine(RepositoryRoot(), "TestResults", "logs", $"anju-jobs-test-{Guid.NewGuid():N}");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", provider);
        builder.UseSetting("ConnectionStrings:Anju", connectionString);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Jobs:WorkerCount", "1");
        builder.UseSetting("Logging:Directory", LogFolder);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "AnjuPortal.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("AnjuPortal.sln not found above the test folder.");
    }
}

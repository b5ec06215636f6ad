using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Jurisdictions;
using AnjuPortal.Domain.Reporting;
using AnjuPortal.Infrastructure;
using AnjuPortal.Infrastructure.Identity;
using AnjuPortal.Infrastructure.Persistence;
using AnjuPortal.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AnjuPortal.LoadTest;

/// <summary>
/// Prepares the portal's demo database for the month-end run, beside the running portal (same SQLite file, same
/// Data Protection keys, which live in the database): one county operator account per county-level unit
/// (<c>load.&lt;code&gt;</c>, load-test only, never on a real install), and a new reporting period after the
/// latest one, in which no unit has reported yet.
/// </summary>
public static class LoadData
{
    public const string Password = "Load-Test-Password-2026";

    public sealed record Unit(int JurisdictionId, string Code, string UserName);

    public static async Task<(int PeriodId, IReadOnlyList<Unit> Units)> PrepareAsync(string dataFolder, int maxUnits)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Anju"] = $"Data Source={Path.Combine(dataFolder, "anju.db")}",
        }).Build();
        var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton(TimeProvider.System)
            .AddSingleton<IConfiguration>(configuration)
            .AddScoped<ICurrentUser>(_ => SystemUser.Instance);
        services.AddAnjuInfrastructure(configuration, dataFolder);
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var contexts = scope.ServiceProvider.GetRequiredService<SystemDbContextFactory>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();

        await using var db = contexts.Create();
        var latest = await db.ReportingPeriods.OrderByDescending(p => p.Year).ThenByDescending(p => p.Month).FirstAsync();
        var next = new DateOnly(latest.Year, latest.Month, 1).AddMonths(1);
        var period = ReportingPeriod.Open(next.Year, next.Month);
        db.ReportingPeriods.Add(period);
        await db.SaveChangesAsync();

        var counties = await db.Jurisdictions.AsNoTracking()
            .Where(j => j.Level == JurisdictionLevel.County)
            .OrderBy(j => j.Code)
            .Select(j => new { j.Id, j.Code })
            .Take(maxUnits)
            .ToListAsync();
        var units = new List<Unit>();
        foreach (var county in counties)
        {
            var userName = $"load.{county.Code}";
            if (await users.FindByNameAsync(userName) is null)
            {
                var user = new AppUser { UserName = userName, DisplayName = userName, JurisdictionId = county.Id };
                Check(await users.CreateAsync(user, Password), userName);
                Check(await users.AddToRoleAsync(user, Roles.CountyOperator), userName);
            }

            units.Add(new Unit(county.Id, county.Code, userName));
        }

        return (period.Id, units);
    }

    private static void Check(IdentityResult result, string userName)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Load-test account {userName}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}

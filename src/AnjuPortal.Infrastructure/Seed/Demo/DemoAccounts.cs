using AnjuPortal.Application.Security;
using AnjuPortal.Infrastructure.Identity;
using AnjuPortal.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Infrastructure.Seed.Demo;

/// <summary>
/// Demo accounts, created only in demo mode (<c>Demo:Enabled</c>) and listed in the README. They share one
/// published password, so they must never exist on a real install: the flag <see cref="AppUser.IsDemoAccount"/> marks them.
/// </summary>
public static class DemoAccounts
{
    public const string Password = "Anju-Demo-2026";

    public static readonly IReadOnlyList<(string UserName, string DisplayName, string JurisdictionCode, string Role)> All =
    [
        ("sysadmin", "系统管理员（演示）", "220000", Roles.SystemAdministrator),
        ("province.admin", "省安居办管理员（演示）", "220000", Roles.ProvinceAdministrator),
        ("province.reviewer", "省安居办审核员（演示）", "220000", Roles.ProvinceReviewer),
        ("supervisor", "省督查组（演示）", "220000", Roles.Supervisor),
        ("changchun", "长春市住建局填报员（演示）", "220100", Roles.CityOperator),
        ("nanguan", "南关区住建局填报员（演示）", "220102", Roles.CountyOperator),
        ("kuancheng", "宽城区住建局填报员（演示）", "220103", Roles.CountyOperator),
        ("jilinshi", "吉林市住建局填报员（演示）", "220200", Roles.CityOperator),
        ("yanbian", "延边州住建局填报员（演示）", "222400", Roles.CityOperator),
    ];

    public static async Task SeedAsync(UserManager<AppUser> users, AppDbContext systemDb, CancellationToken ct = default)
    {
        foreach (var (userName, displayName, code, role) in All)
        {
            if (await users.FindByNameAsync(userName) is not null)
            {
                continue;
            }

            var jurisdictionId = await systemDb.Jurisdictions.Where(j => j.Code == code).Select(j => j.Id).FirstAsync(ct);
            var user = new AppUser { UserName = userName, DisplayName = displayName, JurisdictionId = jurisdictionId, IsDemoAccount = true };
            Check(await users.CreateAsync(user, Password), userName);
            Check(await users.AddToRoleAsync(user, role), userName);
        }
    }

    private static void Check(IdentityResult result, string userName)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Demo account {userName}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}

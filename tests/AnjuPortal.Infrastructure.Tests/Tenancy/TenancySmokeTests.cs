using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Projects;
using AnjuPortal.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Infrastructure.Tests.Tenancy;

public sealed class TenancySmokeTests
{
    [Fact]
    public async Task CountyUser_SeesOnlyOwnProjects_AndCannotWriteSibling()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        var nanguan = await database.JurisdictionAsync("220102");
        var kuancheng = await database.JurisdictionAsync("220103");
        await using (var system = database.CreateSystemContext())
        {
            system.Projects.Add(RenovationProject.Register("NG-0001", nanguan.Id, Details("南关项目")));
            system.Projects.Add(RenovationProject.Register("KC-0001", kuancheng.Id, Details("宽城项目")));
            await system.SaveChangesAsync();
        }

        var user = TestUser.At(nanguan, Roles.CountyOperator);
        await using var db = database.CreateContext(user);
        Assert.Equal(["NG-0001"], await db.Projects.Select(p => p.Code).ToListAsync());
        Assert.Equal(1, await db.Jurisdictions.CountAsync());

        db.Projects.Add(RenovationProject.Register("KC-0002", kuancheng.Id, Details("越权项目")));
        await Assert.ThrowsAsync<TenantAccessDeniedException>(() => db.SaveChangesAsync());
    }

    private static RenovationProject.Details Details(string name)
        => new(name, 2020, 100, ResettlementMode.InKind, "张三", new DateOnly(2020, 4, 1), new DateOnly(2021, 10, 1));
}

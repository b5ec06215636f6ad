using AnjuPortal.Application.Security;
using Bunit;
using AnjuPortal.Domain.OverdueResettlement;
using AnjuPortal.Web.Components.Pages.Cases.Components;

namespace AnjuPortal.Web.Tests.Components.Pages.Cases;

/// <summary>The 销号 panel shows only the actions the use case allows the user: a city applies, a county and the province do not.</summary>
public sealed class CaseClosurePanelTests : PortalTestContext
{
    [Theory]
    [InlineData("220100", Roles.CityOperator, true)]
    [InlineData("220102", Roles.CountyOperator, false)]
    [InlineData("220000", Roles.ProvinceReviewer, false)]
    public async Task Panel_OffersApply_OnlyToTheCity(string unit, string role, bool offered)
    {
        var caseId = await SeedCaseAsync();
        await SignIn(unit, role);

        var cut = RenderPage<CaseClosurePanel>(("CaseId", caseId));

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=closure-status]")));
        Assert.Equal(offered, cut.FindAll("[data-testid=closure-apply]").Count == 1);
        Assert.Empty(cut.FindAll("[data-testid=closure-close]"));
        Assert.Contains("尚无销号办理记录", cut.Markup);
    }

    private async Task<int> SeedCaseAsync()
    {
        var project = await SeedProjectAsync("NG-CL-001", "220102");
        await using var db = Database.CreateSystemContext();
        var tracked = await db.Projects.FindAsync(project.Id);
        var overdue = OverdueCase.Open(tracked!, OverdueCategory.Started, new DateOnly(2021, 12, 31), "陈副区长");
        db.OverdueCases.Add(overdue);
        await db.SaveChangesAsync();
        return overdue.Id;
    }
}

using AnjuPortal.Application.OverdueResettlement;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.OverdueResettlement;
using AnjuPortal.Domain.PersonalData;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using LedgerPage = AnjuPortal.Web.Components.Pages.Cases.CaseLedger;

namespace AnjuPortal.Web.Tests.Components.Pages.Cases;

public sealed class CaseLedgerTests : PortalTestContext
{
    private const string Nanguan = "220102";
    private const string Kuancheng = "220103";

    [Fact]
    public async Task Render_ShowsOwnCasesWithNumberedCategory_WhenCountyOperatorSignedIn()
    {
        await SeedCaseAsync("NG-2016-001", Nanguan, OverdueCategory.Litigation);
        await SeedCaseAsync("KC-2016-001", Kuancheng, OverdueCategory.DeadKnot);
        await SignIn(Nanguan, Roles.CountyOperator);

        var cut = RenderPage<LedgerPage>();

        cut.WaitForAssertion(() => Assert.Equal(["NG-2016-001"], RowCodes(cut)));
        Assert.Contains("1 涉法涉诉", cut.Markup);
        // The summary above the grid names every category; the grid lists only the county's own case.
        Assert.DoesNotContain("“死结”", cut.Find("[data-testid=case-grid]").TextContent);
    }

    [Fact]
    public async Task CategoryFilter_ListsOnlyThatCategory_WhenCategoryPicked()
    {
        await SeedCaseAsync("NG-2016-001", Nanguan, OverdueCategory.Litigation);
        await SeedCaseAsync("NG-2016-002", Nanguan, OverdueCategory.StalledForFunds);
        await SignIn(Nanguan, Roles.CountyOperator);
        var cut = RenderPage<LedgerPage>();
        cut.WaitForAssertion(() => Assert.Equal(2, RowCodes(cut).Count));

        var picker = cut.FindComponents<MudSelect<OverdueCategory?>>().Single();
        await cut.InvokeAsync(() => picker.Instance.ValueChanged.InvokeAsync(OverdueCategory.StalledForFunds));

        cut.WaitForAssertion(() => Assert.Equal(["NG-2016-002"], RowCodes(cut)));
    }

    [Fact]
    public async Task QueryUnit_ListsOnlyThatSubtree_WhenOpenedFromADashboardFigure()
    {
        await SeedCaseAsync("NG-2016-001", Nanguan, OverdueCategory.Litigation);
        await SeedCaseAsync("KC-2016-001", Kuancheng, OverdueCategory.DeadKnot);
        var kuancheng = await UnitAsync(Kuancheng);
        await SignIn("220100", Roles.CityOperator);
        Services.GetRequiredService<NavigationManager>().NavigateTo($"cases?unit={kuancheng.Id}");

        var cut = RenderPage<LedgerPage>();

        cut.WaitForAssertion(() => Assert.Equal(["KC-2016-001"], RowCodes(cut)));
    }

    [Fact]
    public async Task ExpandRow_ShowsMaskedIdAndPhoneOnly_WhenHouseholdsListed()
    {
        await SeedCaseAsync("NG-2016-001", Nanguan, OverdueCategory.Started, ("刘淑芬", FullId, "13904311234"));
        await SignIn(Nanguan, Roles.CountyOperator);
        var cut = RenderPage<LedgerPage>();
        cut.WaitForAssertion(() => Assert.Single(RowCodes(cut)));

        var grid = cut.FindComponent<MudDataGrid<CaseListItem>>();
        var row = grid.Instance.ServerItems.Single();
        await cut.InvokeAsync(() => grid.Instance.ToggleHierarchyVisibilityAsync(row));

        cut.WaitForAssertion(() => Assert.Contains("刘淑芬", cut.Find("[data-testid=case-households]").TextContent));
        var households = cut.Find("[data-testid=case-households]").TextContent;
        Assert.Contains(IdCardNumber.Mask(FullId), households);
        Assert.Contains("139****1234", households);
        Assert.Contains("2019-12-31", households);
        Assert.DoesNotContain(FullId, cut.Markup);
        Assert.DoesNotContain(FakeCipher.Marker, cut.Markup);
    }

    [Theory]
    [InlineData(Roles.CountyOperator, Nanguan, false, false)]
    [InlineData(Roles.CityOperator, "220100", true, false)]
    [InlineData(Roles.ProvinceReviewer, "220000", true, false)]
    [InlineData(Roles.ProvinceAdministrator, "220000", true, true)]
    public async Task ExportButtons_FollowExportAndUnmaskPermissions_OnTheLedgerAndInTheExpandedCase(string role, string unit, bool export, bool full)
    {
        await SeedCaseAsync("NG-2016-001", Nanguan, OverdueCategory.Started, ("刘淑芬", FullId, "13904311234"));
        await SignIn(unit, role);
        var cut = RenderPage<LedgerPage>();
        cut.WaitForAssertion(() => Assert.Single(RowCodes(cut)));
        var grid = cut.FindComponent<MudDataGrid<CaseListItem>>();
        var row = grid.Instance.ServerItems.Single();
        await cut.InvokeAsync(() => grid.Instance.ToggleHierarchyVisibilityAsync(row));
        cut.WaitForAssertion(() => Assert.Contains("刘淑芬", cut.Find("[data-testid=case-households]").TextContent));

        Assert.Equal(export, cut.FindAll("[data-testid=case-export]").Count == 1);
        Assert.Equal(export, cut.FindAll("[data-testid=household-export]").Count == 1);
        Assert.Equal(full, cut.FindAll("[data-testid=case-export-full]").Count == 1);
        Assert.Equal(full, cut.FindAll("[data-testid=household-export-full]").Count == 1);
        if (full)
        {
            Assert.Equal($"export/households.xlsx?caseId={row.Id}&full=true", cut.Find("[data-testid=household-export-full]").GetAttribute("href"));
            Assert.Equal("export/households.xlsx?full=true", cut.Find("[data-testid=case-export-full]").GetAttribute("href"));
        }

        if (export)
        {
            Assert.Equal($"export/households.xlsx?caseId={row.Id}", cut.Find("[data-testid=household-export]").GetAttribute("href"));
        }
    }

    [Fact]
    public async Task LedgerExportButton_CarriesTheCurrentFilter_WhenCategoryAndStatusPicked()
    {
        await SeedCaseAsync("NG-2016-001", Nanguan, OverdueCategory.Litigation);
        await SignIn("220100", Roles.CityOperator);
        var cut = RenderPage<LedgerPage>();
        cut.WaitForAssertion(() => Assert.Single(RowCodes(cut)));

        await cut.InvokeAsync(() => cut.FindComponent<MudSelect<OverdueCategory?>>().Instance.ValueChanged.InvokeAsync(OverdueCategory.DeadKnot));
        await cut.InvokeAsync(() => cut.FindComponent<MudSelect<CaseStatus?>>().Instance.ValueChanged.InvokeAsync(CaseStatus.Open));

        cut.WaitForAssertion(() => Assert.Equal("export/households.xlsx?category=DeadKnot&status=Open", cut.Find("[data-testid=case-export]").GetAttribute("href")));
        Assert.True(cut.Find("[data-testid=case-export]").HasAttribute("download"));
    }

    /// <summary>A valid ID number (GB 11643 check character computed, so the domain accepts it).</summary>
    private static readonly string FullId = "22010219800101123" + IdCardNumber.ComputeCheckCharacter("22010219800101123");

    private async Task SeedCaseAsync(string projectCode, string jurisdictionCode, OverdueCategory category, params (string Name, string Id, string Phone)[] households)
    {
        var project = await SeedProjectAsync(projectCode, jurisdictionCode, batchYear: 2016);
        await using var db = Database.CreateSystemContext();
        db.Attach(project);
        var overdue = OverdueCase.Open(project, category, new DateOnly(2020, 12, 31), "陈副区长");
        foreach (var (name, id, phone) in households)
        {
            overdue.AddHousehold(name, IdCardNumber.Parse(id), PhoneNumber.Parse(phone), new DateOnly(2019, 12, 31), new FakeCipher());
        }

        db.OverdueCases.Add(overdue);
        await db.SaveChangesAsync();
    }

    private static List<string> RowCodes(IRenderedComponent<LedgerPage> cut)
        => cut.FindAll("[data-testid=case-row]").Select(a => a.GetAttribute("data-code") ?? string.Empty).ToList();

    /// <summary>Marks what it "encrypts", so a test can tell if ciphertext (or the plain value) ever reached the page.</summary>
    private sealed class FakeCipher : IPersonalDataCipher
    {
        public const string Marker = "CIPHER:";

        public string Protect(string plaintext) => Marker + new string(plaintext.Reverse().ToArray());

        public string Unprotect(string ciphertext) => new(ciphertext[Marker.Length..].Reverse().ToArray());

        public string BlindIndex(string plaintext) => "IDX:" + plaintext.GetHashCode(StringComparison.Ordinal);
    }
}

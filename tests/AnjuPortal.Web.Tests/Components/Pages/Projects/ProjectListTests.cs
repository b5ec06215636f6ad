using AnjuPortal.Application.Projects;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Projects;
using AnjuPortal.Web.Components.Pages.Projects;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AnjuPortal.Web.Tests.Components.Pages.Projects;

public sealed class ProjectListTests : PortalTestContext
{
    private const string Nanguan = "220102";
    private const string Kuancheng = "220103";
    private const string Changchun = "220100";
    private const string Changyi = "220202"; // 吉林市昌邑区: another city

    [Fact]
    public async Task Render_ShowsOnlyOwnJurisdictionRows_WhenCountyOperatorSignedIn()
    {
        await SeedProjectAsync("NG-2020-001", Nanguan);
        await SeedProjectAsync("NG-2020-002", Nanguan);
        await SeedProjectAsync("KC-2020-001", Kuancheng);
        await SeedProjectAsync("JL-2020-001", Changyi);
        await SignIn(Nanguan, Roles.CountyOperator);

        var cut = RenderPage<ProjectList>();

        cut.WaitForAssertion(() => Assert.Equal(["NG-2020-001", "NG-2020-002"], RowCodes(cut)));
        // A county sees one unit: no jurisdiction picker, only year and stage selects.
        Assert.DoesNotContain(cut.FindComponents<MudSelect<int?>>(), s => s.Instance.Label == "所属辖区");
    }

    [Fact]
    public async Task Render_ShowsCountiesOfTheCityButNoOtherCity_WhenCityOperatorSignedIn()
    {
        await SeedProjectAsync("NG-2020-001", Nanguan);
        await SeedProjectAsync("KC-2020-001", Kuancheng);
        await SeedProjectAsync("JL-2020-001", Changyi);
        await SignIn(Changchun, Roles.CityOperator);

        var cut = RenderPage<ProjectList>();

        cut.WaitForAssertion(() => Assert.Equal(["KC-2020-001", "NG-2020-001"], RowCodes(cut).Order()));
    }

    [Fact]
    public async Task JurisdictionFilter_ListsOnlyThatUnit_WhenCityOperatorPicksACounty()
    {
        await SeedProjectAsync("NG-2020-001", Nanguan);
        await SeedProjectAsync("KC-2020-001", Kuancheng);
        var kuancheng = await UnitAsync(Kuancheng);
        await SignIn(Changchun, Roles.CityOperator);
        var cut = RenderPage<ProjectList>();
        cut.WaitForAssertion(() => Assert.Equal(2, RowCodes(cut).Count));

        var picker = cut.FindComponents<MudSelect<int?>>().Single(s => s.Instance.Label == "所属辖区");
        await cut.InvokeAsync(() => picker.Instance.ValueChanged.InvokeAsync(kuancheng.Id));

        cut.WaitForAssertion(() => Assert.Equal(["KC-2020-001"], RowCodes(cut)));
        Assert.Equal(kuancheng.Id, cut.Instance.LastFilter?.JurisdictionId);
    }

    [Fact]
    public async Task QueryUnitAndYear_ListOnlyThatSubtreeAndBatch_WhenOpenedFromADashboardFigure()
    {
        await SeedProjectAsync("NG-2026-001", Nanguan, batchYear: 2026);
        await SeedProjectAsync("NG-2020-001", Nanguan, batchYear: 2020);
        await SeedProjectAsync("KC-2026-001", Kuancheng, batchYear: 2026);
        await SeedProjectAsync("JL-2026-001", Changyi, batchYear: 2026);
        var changchun = await UnitAsync(Changchun);
        await SignIn("220000", Roles.ProvinceReviewer);
        Services.GetRequiredService<NavigationManager>().NavigateTo($"projects?unit={changchun.Id}&year=2026");

        var cut = RenderPage<ProjectList>();

        // The city's subtree (both counties), that batch only: not 2020's project, not the other city's.
        cut.WaitForAssertion(() => Assert.Equal(["KC-2026-001", "NG-2026-001"], RowCodes(cut).Order()));
        Assert.Equal(changchun.Id, cut.Instance.LastFilter?.JurisdictionId);
        Assert.Equal(2026, cut.Instance.LastFilter?.BatchYear);
        // The filters show what the link asked for, so the reader sees why the list is short.
        Assert.Contains(cut.FindAll("input"), i => i.GetAttribute("value") == "长春市");
    }

    [Fact]
    public async Task Search_ListsOnlyMatchingProjects_WhenNameFragmentEntered()
    {
        await SeedProjectAsync("NG-2020-001", Nanguan, name: "东大桥片区棚户区改造项目");
        await SeedProjectAsync("NG-2020-002", Nanguan, name: "永吉街片区棚户区改造项目");
        await SignIn(Nanguan, Roles.CountyOperator);
        var cut = RenderPage<ProjectList>();
        cut.WaitForAssertion(() => Assert.Equal(2, RowCodes(cut).Count));

        cut.FindComponent<MudTextField<string>>().Find("input").Change("永吉街");

        cut.WaitForAssertion(() => Assert.Equal(["NG-2020-002"], RowCodes(cut)));
        Assert.Equal("永吉街", cut.Instance.LastFilter?.Search);
    }

    [Fact]
    public async Task Pager_LoadsSecondPageFromServer_WhenMoreProjectsThanOnePage()
    {
        for (var i = 1; i <= 25; i++)
        {
            await SeedProjectAsync($"NG-2020-{i:000}", Nanguan);
        }

        await SignIn(Nanguan, Roles.CountyOperator);
        var cut = RenderPage<ProjectList>();
        cut.WaitForAssertion(() => Assert.Equal(20, RowCodes(cut).Count));
        Assert.Equal("NG-2020-001", RowCodes(cut)[0]);

        var grid = cut.FindComponent<MudDataGrid<ProjectListItem>>();
        await cut.InvokeAsync(() => grid.Instance.NavigateTo(Page.Next));

        cut.WaitForAssertion(() => Assert.Equal(["NG-2020-021", "NG-2020-022", "NG-2020-023", "NG-2020-024", "NG-2020-025"], RowCodes(cut)));
        Assert.Equal(1, cut.Instance.LastPage?.Page);
        Assert.Contains("共 25 条", cut.Markup);
    }

    [Fact]
    public async Task Sort_OrdersRowsOnServer_WhenSortedByPlannedUnitsDescending()
    {
        await SeedProjectAsync("NG-2020-001", Nanguan, plannedUnits: 50);
        await SeedProjectAsync("NG-2020-002", Nanguan, plannedUnits: 1_300);
        await SeedProjectAsync("NG-2020-003", Nanguan, plannedUnits: 120);
        await SignIn(Nanguan, Roles.CountyOperator);
        var cut = RenderPage<ProjectList>();
        cut.WaitForAssertion(() => Assert.Equal(3, RowCodes(cut).Count));

        var grid = cut.FindComponent<MudDataGrid<ProjectListItem>>();
        await cut.InvokeAsync(() => grid.Instance.SetSortAsync(nameof(ProjectListItem.PlannedUnits), SortDirection.Descending, p => p.PlannedUnits, null));

        cut.WaitForAssertion(() => Assert.Equal(["NG-2020-002", "NG-2020-003", "NG-2020-001"], RowCodes(cut)));
        Assert.Equal(nameof(ProjectListItem.PlannedUnits), cut.Instance.LastPage?.SortBy);
        Assert.Contains("1,300", cut.Markup);
    }

    [Theory]
    [InlineData(Roles.CountyOperator, Nanguan, true)]
    [InlineData(Roles.Supervisor, "220000", false)]
    public async Task NewButton_ShownOnlyWithEditPermission_WhenRoleVaries(string role, string unit, bool expected)
    {
        await SignIn(unit, role);

        var cut = RenderPage<ProjectList>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=project-empty]")));
        Assert.Equal(expected, cut.FindAll("[data-testid=project-new]").Count == 1);
    }

    [Theory]
    [InlineData(Roles.CityOperator, Changchun, true)]
    [InlineData(Roles.ProvinceReviewer, "220000", true)]
    [InlineData(Roles.CountyOperator, Nanguan, false)]
    [InlineData(Roles.SystemAdministrator, "220000", false)]
    public async Task ExportButton_ShownOnlyWithExportPermission_WhenRoleVaries(string role, string unit, bool expected)
    {
        await SignIn(unit, role);

        var cut = RenderPage<ProjectList>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=project-empty]")));
        Assert.Equal(expected, cut.FindAll("[data-testid=project-export]").Count == 1);
    }

    [Fact]
    public async Task ExportButton_LinksToTheDownloadWithTheCurrentFilter_WhenFiltersChange()
    {
        await SeedProjectAsync("NG-2020-001", Nanguan);
        var nanguan = await UnitAsync(Nanguan);
        await SignIn(Changchun, Roles.CityOperator);
        var cut = RenderPage<ProjectList>();
        cut.WaitForAssertion(() => Assert.Single(RowCodes(cut)));
        Assert.Equal("export/projects.xlsx", ExportHref(cut));

        var picker = cut.FindComponents<MudSelect<int?>>().Single(s => s.Instance.Label == "所属辖区");
        await cut.InvokeAsync(() => picker.Instance.ValueChanged.InvokeAsync(nanguan.Id));
        var stage = cut.FindComponent<MudSelect<ProjectStage?>>();
        await cut.InvokeAsync(() => stage.Instance.ValueChanged.InvokeAsync(ProjectStage.Approval));
        cut.FindComponent<MudTextField<string>>().Find("input").Change("东大桥 片区");

        cut.WaitForAssertion(() => Assert.Equal(
            $"export/projects.xlsx?search=%E4%B8%9C%E5%A4%A7%E6%A1%A5%20%E7%89%87%E5%8C%BA&jurisdictionId={nanguan.Id}&stage=Approval", ExportHref(cut)));
        var button = cut.Find("[data-testid=project-export]");
        Assert.True(button.HasAttribute("download"), "without download, Blazor's router would take the click");
        Assert.Contains("导出 Excel", button.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_ShowsChineseEmptyState_WhenNoProjectMatches()
    {
        await SeedProjectAsync("KC-2020-001", Kuancheng);
        await SignIn(Nanguan, Roles.CountyOperator);

        var cut = RenderPage<ProjectList>();

        cut.WaitForAssertion(() => Assert.Contains("暂无符合条件的棚改项目", cut.Find("[data-testid=project-empty]").TextContent));
        Assert.Empty(RowCodes(cut));
    }

    private static string? ExportHref(IRenderedComponent<ProjectList> cut) => cut.Find("[data-testid=project-export]").GetAttribute("href");

    private static List<string> RowCodes(IRenderedComponent<ProjectList> cut)
        => cut.FindAll("[data-testid=project-row]").Select(a => a.GetAttribute("data-code") ?? string.Empty).ToList();
}

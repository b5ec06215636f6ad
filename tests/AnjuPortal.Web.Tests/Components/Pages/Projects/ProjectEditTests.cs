using AnjuPortal.Application.Projects;
using AnjuPortal.Application.Security;
using AnjuPortal.Infrastructure.Tenancy;
using AnjuPortal.Web.Components.Pages.Projects;
using AnjuPortal.Web.Security;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AnjuPortal.Web.Tests.Components.Pages.Projects;

public sealed class ProjectEditTests : PortalTestContext
{
    private const string Nanguan = "220102";
    private const string Kuancheng = "220103";

    [Fact]
    public async Task Save_RegistersProjectAndOpensDetail_WhenInputValid()
    {
        await SignIn(Nanguan, Roles.CountyOperator);
        var nanguan = await UnitAsync(Nanguan);
        var cut = RenderPage<ProjectEdit>();

        Fill(cut, code: "cc-ng-2020-007", name: "南关区东大桥片区棚户区改造项目", units: 1_280, start: "2020-04-15", end: "2021-10-31");
        cut.Find("form").Submit();

        var navigation = Services.GetRequiredService<NavigationManager>();
        cut.WaitForAssertion(() => Assert.Matches(@"/projects/\d+$", navigation.Uri));
        await using var db = Database.CreateSystemContext();
        var saved = await db.Projects.SingleAsync();
        Assert.Equal("CC-NG-2020-007", saved.Code);
        Assert.Equal("南关区东大桥片区棚户区改造项目", saved.Name);
        Assert.Equal(nanguan.Id, saved.JurisdictionId);
        Assert.Equal(1_280, saved.PlannedUnits);
        Assert.Equal("王立新", saved.ResponsibleOfficial);
        Assert.Equal(new DateOnly(2020, 4, 15), saved.PlannedStartDate);
        Assert.Equal(new DateOnly(2021, 10, 31), saved.PlannedCompletionDate);
        Assert.EndsWith($"/projects/{saved.Id}", navigation.Uri);
    }

    [Fact]
    public async Task Save_ShowsChineseMessageAndSavesNothing_WhenPlannedUnitsNegative()
    {
        await SignIn(Nanguan, Roles.CountyOperator);
        var cut = RenderPage<ProjectEdit>();

        Fill(cut, code: "CC-NG-2020-008", name: "南关区测试项目", units: -5, start: "2020-04-15", end: "2021-10-31");
        cut.Find("form").Submit();

        var units = NumericField(cut, "计划套数");
        cut.WaitForAssertion(() => Assert.Contains("计划套数不能为负数", units.Instance.GetErrorText()));
        Assert.Contains("计划套数不能为负数", cut.Markup);
        Assert.Equal(0, await CountProjectsAsync());
    }

    [Fact]
    public async Task Save_ShowsCodeTakenMessageAndSavesNothing_WhenCodeUsedInAnotherJurisdiction()
    {
        var existing = await SeedProjectAsync("CC-2020-001", Kuancheng, name: "宽城区原有项目");
        await SignIn(Nanguan, Roles.CountyOperator);
        var cut = RenderPage<ProjectEdit>();

        Fill(cut, code: "cc-2020-001", name: "南关区重号项目", units: 300, start: "2020-04-15", end: "2021-10-31");
        cut.Find("form").Submit();

        var code = TextField(cut, "项目编号");
        cut.WaitForAssertion(() => Assert.Contains("项目编号“CC-2020-001”已被使用", code.Instance.GetErrorText()));
        await using var db = Database.CreateSystemContext();
        var projects = await db.Projects.ToListAsync();
        Assert.Equal(existing.Id, Assert.Single(projects).Id);
        Assert.Equal("宽城区原有项目", projects[0].Name);
        Assert.DoesNotContain("/projects/", Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public async Task Save_ShowsDateOrderMessageAndSavesNothing_WhenCompletionBeforeStart()
    {
        await SignIn(Nanguan, Roles.CountyOperator);
        var cut = RenderPage<ProjectEdit>();

        Fill(cut, code: "CC-NG-2020-009", name: "南关区日期倒置项目", units: 300, start: "2020-10-01", end: "2020-05-01");
        cut.Find("form").Submit();

        var completion = DatePicker(cut, "计划完工日期");
        cut.WaitForAssertion(() => Assert.Contains("计划完工日期（2020-05-01）不能早于计划开工日期（2020-10-01）", completion.Instance.GetErrorText()));
        Assert.Equal(0, await CountProjectsAsync());
    }

    [Fact]
    public async Task Save_ShowsConflictAlertAndKeepsOtherChange_WhenProjectChangedSinceLoaded()
    {
        var project = await SeedProjectAsync("NG-2020-001", Nanguan, name: "南关区原名项目");
        var user = await SignIn(Nanguan, Roles.CountyOperator);
        var cut = RenderPage<ProjectEdit>((nameof(ProjectEdit.Id), (int?)project.Id));
        var name = TextField(cut, "项目名称");
        cut.WaitForAssertion(() => Assert.Equal("南关区原名项目", name.Find("input").GetAttribute("value")));

        // A colleague saves first, from the same version.
        var colleague = new ProjectRegister(Database.FactoryFor(user), new CrossTenantChecks(Database.SystemFactory), user);
        var theirs = ProjectInput.From((await colleague.GetAsync(project.Id))!);
        theirs.Name = "南关区同事修改后的名称";
        Assert.True((await colleague.ReviseAsync(project.Id, theirs)).Succeeded);

        name.Find("input").Change("南关区我修改的名称");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Contains("保存失败", cut.Find("[data-testid=form-error]").TextContent));
        await using var db = Database.CreateSystemContext();
        Assert.Equal("南关区同事修改后的名称", (await db.Projects.SingleAsync()).Name);
    }

    [Fact]
    public async Task Render_ShowsNotFoundMessage_WhenProjectBelongsToSiblingCounty()
    {
        var sibling = await SeedProjectAsync("KC-2020-001", Kuancheng);
        await SignIn(Nanguan, Roles.CountyOperator);

        var cut = RenderPage<ProjectEdit>((nameof(ProjectEdit.Id), (int?)sibling.Id));

        cut.WaitForAssertion(() => Assert.Contains("不在您的管辖范围内", cut.Find("[data-testid=project-not-found]").TextContent));
        Assert.Empty(cut.FindAll("form"));
    }

    [Theory]
    [InlineData(typeof(ProjectList), Permission.View)]
    [InlineData(typeof(AnjuPortal.Web.Components.Pages.Projects.ProjectDetail), Permission.View)]
    [InlineData(typeof(ProjectEdit), Permission.Edit)]
    public void Page_CarriesPermissionPolicy_WhenRouted(Type page, Permission permission)
    {
        var attribute = Assert.Single(page.GetCustomAttributes(typeof(AuthorizePermissionAttribute), inherit: true).Cast<AuthorizePermissionAttribute>());
        Assert.Equal(RolePermissions.PolicyName(permission), attribute.Policy);
    }

    private static void Fill(IRenderedComponent<ProjectEdit> cut, string code, string name, int units, string start, string end)
    {
        cut.WaitForState(() => cut.FindAll("form").Count == 1);
        TextField(cut, "项目编号").Find("input").Change(code);
        TextField(cut, "项目名称").Find("input").Change(name);
        NumericField(cut, "计划套数").Find("input").Change(units.ToString(System.Globalization.CultureInfo.InvariantCulture));
        TextField(cut, "责任人").Find("input").Change("王立新");
        DatePicker(cut, "计划开工日期").Find("input").Change(start);
        DatePicker(cut, "计划完工日期").Find("input").Change(end);
    }

    private static IRenderedComponent<MudTextField<string>> TextField(IRenderedComponent<ProjectEdit> cut, string label)
        => cut.FindComponents<MudTextField<string>>().Single(f => f.Instance.Label == label);

    private static IRenderedComponent<MudNumericField<int>> NumericField(IRenderedComponent<ProjectEdit> cut, string label)
        => cut.FindComponents<MudNumericField<int>>().Single(f => f.Instance.Label == label);

    private static IRenderedComponent<MudDatePicker> DatePicker(IRenderedComponent<ProjectEdit> cut, string label)
        => cut.FindComponents<MudDatePicker>().Single(f => f.Instance.Label == label);

    private async Task<int> CountProjectsAsync()
    {
        await using var db = Database.CreateSystemContext();
        return await db.Projects.CountAsync();
    }
}

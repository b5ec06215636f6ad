using AnjuPortal.Application.Security;
using AnjuPortal.Application.Supervision;
using AnjuPortal.Domain.Supervision;
using AnjuPortal.TestSupport;
using AnjuPortal.Web.Components.Pages;
using AnjuPortal.Web.Components.Pages.Supervision.Notices;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AnjuPortal.Web.Tests.Components.Pages.Supervision;

/// <summary>The notice pages: the draft form and its field errors, the actions by permission, 签收 by a city and the issuer's table.</summary>
public sealed class NoticePagesTests : PortalTestContext
{
    private async Task<OfficialNotices> AsProvinceAsync(string role)
    {
        var province = await UnitAsync("220000");
        var user = TestUser.At(province, role);
        return new OfficialNotices(Database.FactoryFor(user), user, TimeProvider.System, Options.Create(new OfficialDocumentOptions()));
    }

    /// <summary>A notice drafted by the supervisor, approved by the administrator and, when <paramref name="issue"/>, issued.</summary>
    private async Task<int> NoticeAsync(bool approve, bool issue)
    {
        var supervisor = await AsProvinceAsync(Roles.Supervisor);
        var id = (await supervisor.CreateDraftAsync(new NoticeDraftInput(
            NoticeKind.MonthlyCirculation, "关于2026年10月全省棚户区改造工作进展情况的通报", "各市（州）人民政府，长白山管委会",
            "一、总体进展情况\n截至10月底，全省开工12000套。\n（一）棚户区改造\n各地加快推进。", "吉林省保障性安居工程领导小组办公室"))).Value;
        if (approve)
        {
            var draft = (await supervisor.GetAsync(id))!;
            Assert.True((await (await AsProvinceAsync(Roles.ProvinceAdministrator)).ApproveAsync(id, draft.Version)).Succeeded);
        }

        if (issue)
        {
            var approved = (await supervisor.GetAsync(id))!;
            Assert.True((await supervisor.IssueAsync(id, approved.Version)).Succeeded);
        }

        return id;
    }

    [Fact]
    public async Task Edit_New_ExplainsTheHeadingConvention_AndShowsTheFieldErrorNextToTheField()
    {
        await SignIn("220000", Roles.Supervisor);
        var page = RenderPage<NoticeEdit>();

        Assert.Contains("以“一、”开头的行为一级标题", page.Markup, StringComparison.Ordinal);
        Assert.Contains("吉林省保障性安居工程领导小组办公室", page.Markup, StringComparison.Ordinal);
        page.Find("textarea").Change("一、总体情况\n正文。");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Contains("请填写标题。", page.Markup, StringComparison.Ordinal));
        await using var db = Database.CreateSystemContext();
        Assert.Equal(0, await db.OfficialNotices.CountAsync());
    }

    [Fact]
    public async Task Detail_Draft_ShowsTheTextLaidOut_AndApproveOnlyForTheAdministrator()
    {
        var id = await NoticeAsync(approve: false, issue: false);
        await SignIn("220000", Roles.Supervisor);
        var page = RenderPage<NoticeDetail>(("Id", id));

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=notice-text]")));
        var text = page.Find("[data-testid=notice-text]");
        Assert.Contains("各市（州）人民政府，长白山管委会：", text.TextContent, StringComparison.Ordinal);
        Assert.Contains("font-weight:700\">一、总体进展情况", text.InnerHtml, StringComparison.Ordinal);
        Assert.NotEmpty(page.FindAll("[data-testid=notice-edit]"));
        Assert.Empty(page.FindAll("[data-testid=notice-approve]")); // a supervisor does not approve
        Assert.Empty(page.FindAll("[data-testid=notice-issue]")); // nor issue an unapproved draft
        Assert.Equal($"supervision/notices/{id}.docx", page.Find("[data-testid=notice-docx]").GetAttribute("href"));
    }

    [Fact]
    public async Task Detail_ShowsTableRowsOfTheBody_AsATable()
    {
        var supervisor = await AsProvinceAsync(Roles.Supervisor);
        var id = (await supervisor.CreateDraftAsync(new NoticeDraftInput(
            NoticeKind.MonthlyCirculation, "关于2026年9月全省棚户区改造工作进展情况的通报", "各市（州）人民政府，长白山管委会",
            "二、各地进展排名\n| 排名 | 地区 | 开工进度 |\n|---|---|---|\n| 1 | 吉林市 | 100.0% |\n| 2 | 长春市 | 96.8% |\n三、通报表扬\n吉林市予以通报表扬。",
            "吉林省保障性安居工程领导小组办公室"))).Value;
        await SignIn("220000", Roles.Supervisor);

        var page = RenderPage<NoticeDetail>(("Id", id));

        var table = page.WaitForElement("[data-testid=notice-table]");
        Assert.Equal(["排名", "地区", "开工进度"], table.QuerySelectorAll("thead th").Select(c => c.TextContent));
        var rows = table.QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent).ToList()).ToList();
        Assert.Equal([["1", "吉林市", "100.0%"], ["2", "长春市", "96.8%"]], rows);
        Assert.DoesNotContain("| 排名 |", page.Find("[data-testid=notice-text]").TextContent, StringComparison.Ordinal);
        Assert.Contains("吉林市予以通报表扬。", page.Find("[data-testid=notice-text]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Detail_AdministratorApproves_ThenTheRecordShowsWhoApproved()
    {
        var id = await NoticeAsync(approve: false, issue: false);
        await SignIn("220000", Roles.ProvinceAdministrator);
        var page = RenderPage<NoticeDetail>(("Id", id));

        page.WaitForElement("[data-testid=notice-approve]").Click();

        page.WaitForAssertion(() => Assert.Contains("ProvinceAdministrator@220000", page.Find("[data-testid=notice-approved]").TextContent, StringComparison.Ordinal));
        Assert.Contains("已审批", page.Find("[data-testid=notice-status]").TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(page.FindAll("[data-testid=notice-issue]"));
    }

    [Fact]
    public async Task Detail_CitySignsForAnIssuedNotice_OnceAndSeesWhoSigned()
    {
        var id = await NoticeAsync(approve: true, issue: true);
        await SignIn("220400", Roles.CityOperator);
        var page = RenderPage<NoticeDetail>(("Id", id));

        page.WaitForAssertion(() => Assert.Contains("吉安居办〔", page.Find("[data-testid=notice-number]").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=notice-edit]"));
        Assert.Empty(page.FindAll("[data-testid=notice-receipts]")); // the issuer's table is not for the city
        page.Find("[data-testid=notice-sign]").Click();

        page.WaitForAssertion(() => Assert.Contains("CityOperator@220400", page.Find("[data-testid=own-receipt-signed]").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=notice-sign]"));
    }

    [Fact]
    public async Task Detail_Issuer_SeesEveryRecipientUnit_SignedOrNot()
    {
        var id = await NoticeAsync(approve: true, issue: true);
        var city = TestUser.At(await UnitAsync("220400"), Roles.CityOperator);
        Assert.True((await new NoticeReceipts(Database.FactoryFor(city), Database.SystemFactory, city, TimeProvider.System, Options.Create(new OfficialDocumentOptions())).SignAsync(id)).Succeeded);
        await SignIn("220000", Roles.Supervisor);
        var page = RenderPage<NoticeDetail>(("Id", id));

        page.WaitForAssertion(() => Assert.Equal(10, page.FindAll("[data-testid=receipt-row]").Count));
        Assert.Equal("已签收 1 / 10", page.Find("[data-testid=receipts-summary]").TextContent.Trim());
        Assert.Contains("CityOperator@220400", page.Find("[data-testid=receipt-row][data-unit=辽源市]").TextContent, StringComparison.Ordinal);
        Assert.Contains("未签收（今日印发）", page.Find("[data-testid=receipt-row][data-unit=长白山管委会]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=notice-issue]"));
        Assert.Empty(page.FindAll("[data-testid=notice-edit]"));
    }

    [Fact]
    public async Task List_City_ShowsAddressedNoticesAsPending_AndHomeShowsTheBanner()
    {
        var id = await NoticeAsync(approve: true, issue: true);
        await NoticeAsync(approve: false, issue: false); // a draft is addressed to no one
        await SignIn("220400", Roles.CityOperator);

        var list = RenderPage<NoticeList>();
        list.WaitForAssertion(() => Assert.Single(list.FindAll("[data-testid=notice-inbox-row]")));
        Assert.Contains($"supervision/notices/{id}", list.Find("[data-testid=notice-inbox-row] a").GetAttribute("href"), StringComparison.Ordinal);
        Assert.NotEmpty(list.FindAll("[data-testid=notice-inbox-pending]"));
        Assert.Empty(list.FindAll("[data-testid=notice-new]"));

        var banner = Render<PendingNoticesBanner>();
        banner.WaitForAssertion(() => Assert.Contains("有 1 份公文待本单位签收", banner.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task List_Supervisor_ListsOwnNotices_WithNewButton_AndNotAsInbox()
    {
        await NoticeAsync(approve: true, issue: true);
        await NoticeAsync(approve: false, issue: false);
        await SignIn("220000", Roles.Supervisor);

        var list = RenderPage<NoticeList>();

        list.WaitForAssertion(() => Assert.Equal(2, list.FindAll("[data-testid=notice-row]").Count));
        Assert.NotEmpty(list.FindAll("[data-testid=notice-new]"));
        Assert.Empty(list.FindAll("[data-testid=notice-inbox]"));
        Assert.Contains("草稿", list.Markup, StringComparison.Ordinal);
        Assert.Contains("已印发", list.Markup, StringComparison.Ordinal);
    }
}

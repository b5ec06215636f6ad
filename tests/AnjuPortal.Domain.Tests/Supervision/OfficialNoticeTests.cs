using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Supervision;

namespace AnjuPortal.Domain.Tests.Supervision;

public sealed class OfficialNoticeTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 2, 0, 0, TimeSpan.Zero);

    private static NoticeContent Content(string? title = "关于2026年10月全省工作进展情况的通报", string? body = "一、总体情况\n（一）开工情况。\n全省开工7471套。")
        => new(title, "各市（州）人民政府", body, "吉林省保障性安居工程领导小组办公室", "省住房城乡建设厅、省财政厅；\n省自然资源厅");

    [Fact]
    public void DocumentNumber_IsWrittenWithHexagonalBrackets_AndReadBack()
    {
        var number = new DocumentNumber("吉安居办", 2026, 18);
        Assert.Equal("吉安居办〔2026〕18号", number.ToString());
        Assert.Equal(number, DocumentNumber.Parse("吉安居办〔2026〕18号"));
    }

    [Theory]
    [InlineData("吉安居办[2026]18号")]  // square brackets are not the standard's
    [InlineData("吉安居办〔2026〕018号")] // no leading zeros
    [InlineData("吉安居办〔2026〕第18号")] // no 第
    [InlineData("〔2026〕18号")]
    public void DocumentNumber_Parse_RefusesWhatTheStandardDoesNotWrite(string text)
        => Assert.Throws<DomainException>(() => DocumentNumber.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("吉安 居办")]
    [InlineData("吉安居办2")]
    [InlineData("一二三四五六七八九十一二三四五六七八九十一")]
    public void DocumentNumber_RefusesABadPrefix(string prefix)
        => Assert.Equal("Prefix", Assert.Throws<DomainException>(() => new DocumentNumber(prefix, 2026, 1)).Field);

    [Fact]
    public void DocumentNumber_SerialStartsAtOne()
        => Assert.Throws<DomainException>(() => new DocumentNumber("吉安居办", 2026, 0));

    [Fact]
    public void Body_ReadsHeadingsFromTheStandardsNumbering_AndDropsPastedIndentation()
    {
        var lines = NoticeBody.Lines("　　一、提高政治站位\r\n\r\n（一）加快推进棚户区改造工作。\n  一是加快项目开工建设。\n(二)积极筹措资金。");
        Assert.Equal(
            [BodyLineKind.Heading1, BodyLineKind.Heading2, BodyLineKind.Paragraph, BodyLineKind.Heading2],
            lines.Select(l => l.Kind));
        Assert.Equal("一、提高政治站位", lines[0].Text);
    }

    [Fact]
    public void Draft_NeedsTitleAndBody_AndLimitsTheirLength()
    {
        Assert.Equal("请填写标题。", Assert.Throws<DomainException>(() => OfficialNotice.Draft(1, NoticeKind.Criticism, Content(title: "  "))).Message);
        Assert.Equal("请填写正文。", Assert.Throws<DomainException>(() => OfficialNotice.Draft(1, NoticeKind.Criticism, Content(body: "\n　　\n"))).Message);
        Assert.Equal("标题不能超过 200 个字。", Assert.Throws<DomainException>(() => OfficialNotice.Draft(1, NoticeKind.Criticism, Content(title: new string('通', 201)))).Message);
        Assert.Equal(nameof(OfficialNotice.Body), Assert.Throws<DomainException>(() => OfficialNotice.Draft(1, NoticeKind.Criticism, Content(body: new string('通', 30001)))).Field);
    }

    [Fact]
    public void Draft_KeepsTheCopyToListAsSingleUnits()
    {
        var notice = OfficialNotice.Draft(1, NoticeKind.MonthlyCirculation, Content());
        Assert.Equal(["省住房城乡建设厅", "省财政厅", "省自然资源厅"], notice.CopyToList);
        Assert.Equal(NoticeStatus.Draft, notice.Status);
        Assert.Null(notice.Number);
    }

    [Fact]
    public void Issue_WithoutApproval_IsRefused()
    {
        var notice = OfficialNotice.Draft(1, NoticeKind.MonthlyCirculation, Content());
        var error = Assert.Throws<DomainException>(() => notice.Issue(new DocumentNumber("吉安居办", 2026, 1), At, "督查"));
        Assert.Equal("公文未经审批，不能印发。", error.Message);
    }

    [Fact]
    public void Issue_AfterApproval_NumbersAndDatesTheNotice_AndNothingChangesAfterwards()
    {
        var notice = OfficialNotice.Draft(1, NoticeKind.MonthlyCirculation, Content());
        notice.Approve(At, "省级管理员");
        notice.Issue(new DocumentNumber("吉安居办", 2026, 18), At, "督查");

        Assert.Equal("吉安居办〔2026〕18号", notice.Number!.ToString());
        Assert.Equal(new DateOnly(2026, 11, 26), notice.DocumentDate);
        Assert.Equal("公文已印发，不能再修改。", Assert.Throws<DomainException>(() => notice.Edit(NoticeKind.Criticism, Content())).Message);
        Assert.Throws<DomainException>(() => notice.Approve(At, "省级管理员"));
        Assert.Throws<DomainException>(() => notice.Issue(new DocumentNumber("吉安居办", 2026, 19), At, "督查"));
    }

    [Fact]
    public void Edit_OfAnApprovedNotice_VoidsTheApproval()
    {
        var notice = OfficialNotice.Draft(1, NoticeKind.MonthlyCirculation, Content());
        notice.Approve(At, "省级管理员");
        notice.Edit(NoticeKind.MonthlyCirculation, Content(title: "新标题"));
        Assert.Equal((NoticeStatus.Draft, (string?)null), (notice.Status, notice.ApprovedBy));
    }

    [Fact]
    public void Kinds_HaveChineseLabels()
    {
        Assert.Equal(["月通报", "通报表扬", "通报批评", "约谈通知", "督办函"], Enum.GetValues<NoticeKind>().Select(DomainText.Of));
        Assert.Equal(["草稿", "已审批", "已印发"], Enum.GetValues<NoticeStatus>().Select(DomainText.Of));
    }
}

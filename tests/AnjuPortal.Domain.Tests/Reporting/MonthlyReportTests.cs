using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Projects;
using AnjuPortal.Domain.Reporting;

namespace AnjuPortal.Domain.Tests.Reporting;

public sealed class MonthlyReportTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    /// <summary>June 2020: due by 24:00 on 5 July, Beijing time.</summary>
    private static ReportingPeriod June() => ReportingPeriod.Open(2020, 6);

    private static readonly DateTimeOffset OnTime = new(2020, 7, 3, 10, 0, 0, Beijing);

    private static readonly ReportFinding Error = new("E101", RuleSeverity.Error, "E101:P10", "项目「东站片区」累计开工 149 套，少于上月已批准的 150 套。", 10, null, "UnitsStarted");

    private static readonly ReportFinding Warning = new("W101", RuleSeverity.Warning, "W101:P10", "项目「东站片区」本月新增开工 31 套，超过上月新增 10 套的 3 倍，请说明原因。", 10, null, "UnitsStarted");

    private static MonthlyReport Draft()
    {
        var report = MonthlyReport.StartDraft(3, June(), OnTime.AddDays(-3), "nanguan");
        report.SetProjectLine(10, new ProjectFigures(150, 60, 900m, 80, 70, [new FundsFigures(FundingSource.SpecialBonds, 500m, 400m)]));
        report.SetCaseLine(20, new HouseholdResolutions(2, 1, 0, 1), 7);
        return report;
    }

    private static MonthlyReport Submitted(ReportingPeriod? period = null)
    {
        var report = Draft();
        report.Submit(period ?? June(), ReportCheck.Clean, null, null, [], OnTime, "nanguan");
        return report;
    }

    private static MonthlyReport Approved(ReportingPeriod? period = null)
    {
        var report = Submitted(period);
        report.Approve(period ?? June(), [], OnTime.AddDays(2), "province.reviewer");
        return report;
    }

    [Fact]
    public void SetProjectLine_ThrowsNotEditable_WhenReportIsApproved()
    {
        var report = MonthlyReport.StartDraft(3, 1);
        report.SetProjectLine(10, 5, 1, 100m);
        report.MarkApproved(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(1));

        var ex = Assert.Throws<DomainException>(() => report.SetProjectLine(10, 6, 1, 100m));

        Assert.Equal("月报当前状态为“审核通过”，不能修改。", ex.Message);
        Assert.Equal(5, report.ProjectLines.Single().UnitsStarted);
    }

    [Fact]
    public void SetProjectLine_ReplacesMoneyLinesOfTheProject_WithExactlyTheGivenSources()
    {
        var report = Draft();

        report.SetProjectLine(10, new ProjectFigures(160, 60, 950m, 85, 75, [new FundsFigures(FundingSource.CentralSubsidy, 120m, 100m)]));

        var funds = Assert.Single(report.FundingLines);
        Assert.Equal((FundingSource.CentralSubsidy, 120m, 100m), (funds.Source, funds.Received, funds.Spent));
        var figures = report.FiguresOf(10)!;
        Assert.Equal((160, 60, 950m, 85, 75), (figures.UnitsStarted, figures.UnitsBasicallyCompleted, figures.InvestmentCompleted, figures.HouseholdsSigned, figures.HouseholdsMovedOut));
    }

    [Fact]
    public void SetProjectLine_ChangesNothing_WhenAFigureIsNegativeOrASourceIsGivenTwice()
    {
        var report = Draft();

        var negative = Assert.Throws<DomainException>(() => report.SetProjectLine(10, new ProjectFigures(160, 60, 950m, 85, 75, [new FundsFigures(FundingSource.SpecialBonds, 500m, -1m)])));
        var twice = Assert.Throws<DomainException>(() => report.SetProjectLine(10, new ProjectFigures(160, 60, 950m, 85, 75,
            [new FundsFigures(FundingSource.SpecialBonds, 1m, 1m), new FundsFigures(FundingSource.SpecialBonds, 2m, 2m)])));

        Assert.Equal("棚改专项债券累计支出不能为负数（填写的是 -1）。", negative.Message);
        Assert.Equal("Funds.SpecialBonds.Spent", negative.Field);
        Assert.Equal("资金来源“棚改专项债券”填写了两次，每个来源只能填写一行。", twice.Message);
        Assert.Equal(150, report.FiguresOf(10)!.UnitsStarted);
        Assert.Equal(400m, Assert.Single(report.FundingLines).Spent);
    }

    [Fact]
    public void SetCaseLine_KeepsMonthByMethodAndYearToDate_WhenSetTwice()
    {
        var report = MonthlyReport.StartDraft(3, 1);

        report.SetCaseLine(4, new HouseholdResolutions(1, 0, 0, 0), 10);
        report.SetCaseLine(4, new HouseholdResolutions(2, 3, 1, 1), 10);

        var line = Assert.Single(report.CaseLines);
        Assert.Equal(new HouseholdResolutions(2, 3, 1, 1), line.ResolvedThisMonth);
        Assert.Equal((7, 17, 10), (line.ResolvedThisMonth.Total, line.HouseholdsResolved, line.ResolvedEarlierInYear));
    }

    [Fact]
    public void SetProjectLine_AddsNoLine_WhenNewLineIsRefused()
    {
        var report = MonthlyReport.StartDraft(3, 1);

        Assert.Throws<DomainException>(() => report.SetProjectLine(10, 5, -1, 0m));
        var ex = Assert.Throws<DomainException>(() => report.SetCaseLine(4, new HouseholdResolutions(0, -1, 0, 0), 0));

        Assert.Equal("本月货币化安置户数不能为负数（填写的是 -1）。", ex.Message);
        Assert.Empty(report.ProjectLines);
        Assert.Empty(report.CaseLines);
    }

    [Fact]
    public void SetProjectLine_KeepsPreviousFigures_WhenUpdateIsRefused()
    {
        var report = MonthlyReport.StartDraft(3, 1);
        report.SetProjectLine(10, 5, 1, 100m);

        Assert.Throws<DomainException>(() => report.SetProjectLine(10, 8, 2, -1m));

        var line = Assert.Single(report.ProjectLines);
        Assert.Equal((5, 1, 100m), (line.UnitsStarted, line.UnitsBasicallyCompleted, line.InvestmentCompleted));
    }

    [Fact]
    public void StartDraft_ThrowsFrozen_WhenPeriodIsFrozen()
    {
        var period = June();
        period.Freeze();

        var ex = Assert.Throws<DomainException>(() => MonthlyReport.StartDraft(3, period, OnTime, "nanguan"));

        Assert.Equal("报告期“2020年6月”已冻结，月报不能再填报、上报、退回或审核。", ex.Message);
    }

    [Fact]
    public void Submit_RecordsFirstSubmissionOnTime_WhenBeforeTheDeadline()
    {
        var report = Draft();

        report.Submit(June(), ReportCheck.Clean, null, null, [], OnTime, "nanguan");

        Assert.Equal(ReportStatus.Submitted, report.Status);
        Assert.Equal((OnTime, OnTime, "nanguan", 0), (report.FirstSubmittedAt, report.SubmittedAt, report.SubmittedBy, report.DaysLate));
        Assert.False(report.IsEditable);
        Assert.Equal([ReportAction.Started, ReportAction.Submitted], report.History.Select(h => h.Action));
    }

    [Fact]
    public void Submit_ThrowsNamingTheErrors_WhenCheckHasErrors()
    {
        var report = Draft();

        var ex = Assert.Throws<DomainException>(() => report.Submit(June(), new ReportCheck([Error, Warning]), null, null, [], OnTime, "nanguan"));

        Assert.Equal("月报有 1 处错误，改正后才能上报：项目「东站片区」累计开工 149 套，少于上月已批准的 150 套。", ex.Message);
        Assert.Equal(ReportStatus.Draft, report.Status);
        Assert.Null(report.FirstSubmittedAt);
    }

    [Fact]
    public void Submit_ShowsThreeErrorsAndCountsTheRest_WhenThereAreMany()
    {
        var errors = Enumerable.Range(1, 5).Select(i => Error with { Key = $"E101:P{i}", Message = $"错误{i}。" });

        var ex = Assert.Throws<DomainException>(() => Draft().Submit(June(), new ReportCheck(errors), null, null, [], OnTime, "nanguan"));

        Assert.Equal("月报有 5 处错误，改正后才能上报：错误1；错误2；错误3；……（另有 2 项）。", ex.Message);
    }

    [Fact]
    public void Submit_ThrowsUnexplained_WhenAWarningHasNoExplanation()
    {
        var report = Draft();

        var ex = Assert.Throws<DomainException>(() => report.Submit(June(), new ReportCheck([Warning]), new Dictionary<string, string> { [Warning.Key] = "  " }, null, [], OnTime, "nanguan"));

        Assert.Equal("月报有 1 条提醒尚未填写情况说明，逐条说明后才能上报：项目「东站片区」本月新增开工 31 套，超过上月新增 10 套的 3 倍，请说明原因。", ex.Message);
        Assert.Equal(ReportStatus.Draft, report.Status);
    }

    [Fact]
    public void Submit_StoresTheExplanationWithTheWarning_WhenEveryWarningIsExplained()
    {
        var report = Draft();

        report.Submit(June(), new ReportCheck([Warning]), new Dictionary<string, string> { [Warning.Key] = "新开工二期，集中开工 " }, null, [], OnTime, "nanguan");

        var explanation = Assert.Single(report.Explanations);
        Assert.Equal((Warning.Key, "W101", Warning.Message, "新开工二期，集中开工"), (explanation.Key, explanation.RuleCode, explanation.Message, explanation.Text));
    }

    [Fact]
    public void Submit_UsesExplanationSavedWithTheDraft_AndDropsThoseOfWarningsGone()
    {
        var report = Draft();
        var other = Warning with { Key = "W102:P10", Code = "W102" };
        report.Explain(new Dictionary<string, string> { [Warning.Key] = "二期集中开工", [other.Key] = "已改正", ["E101:P10"] = "not a warning" }, new ReportCheck([Warning, other]));
        Assert.Equal(2, report.Explanations.Count);

        report.Submit(June(), new ReportCheck([Warning]), null, null, [], OnTime, "nanguan");

        Assert.Equal("二期集中开工", Assert.Single(report.Explanations).Text);
    }

    [Theory]
    [InlineData(2020, 7, 5, 23, 59, 0)]
    [InlineData(2020, 7, 6, 0, 0, 1)]
    [InlineData(2020, 7, 8, 23, 0, 3)]
    public void Submit_CountsDaysLateInChinaTime(int year, int month, int day, int hour, int minute, int daysLate)
    {
        var at = new DateTimeOffset(year, month, day, hour, minute, 0, Beijing);
        var report = Draft();

        report.Submit(June(), ReportCheck.Clean, null, daysLate > 0 ? "系统故障" : null, [], at.ToUniversalTime(), "nanguan");

        Assert.Equal(daysLate, report.DaysLate);
        Assert.Equal(daysLate > 0 ? "系统故障" : null, report.LateReason);
    }

    [Fact]
    public void Submit_ThrowsLateReasonRequired_WhenLateWithoutReason()
    {
        // 16:30 UTC on 5 July is 00:30 on 6 July in Beijing: one day late, though the UTC date is the deadline's.
        var at = new DateTimeOffset(2020, 7, 5, 16, 30, 0, TimeSpan.Zero);
        var report = Draft();

        var ex = Assert.Throws<DomainException>(() => report.Submit(June(), ReportCheck.Clean, null, " ", [], at, "nanguan"));

        Assert.Equal("已超过报送截止时间（2020-07-05 24:00，北京时间）1 天，请填写迟报原因后再上报。", ex.Message);
        Assert.Equal(nameof(MonthlyReport.LateReason), ex.Field);
        Assert.Equal(ReportStatus.Draft, report.Status);
    }

    [Fact]
    public void Submit_ThrowsNamingChildren_WhenAChildHasNotSubmitted()
    {
        ChildReportState[] children = [new("南关区", ReportStatus.Submitted), new("宽城区", ReportStatus.Draft), new("朝阳区", null), new("二道区", ReportStatus.Approved), new("绿园区", ReportStatus.Returned)];

        var ex = Assert.Throws<DomainException>(() => Draft().Submit(June(), ReportCheck.Clean, null, null, children, OnTime, "changchun"));

        Assert.Equal("所辖单位尚有 3 个未上报（宽城区、朝阳区、绿园区），全部上报后才能上报本地区月报。", ex.Message);
    }

    [Fact]
    public void Submit_ThrowsFrozen_WhenPeriodIsFrozen()
    {
        var period = June();
        var report = Draft();
        period.Freeze();

        var ex = Assert.Throws<DomainException>(() => report.Submit(period, ReportCheck.Clean, null, null, [], OnTime, "nanguan"));

        Assert.Contains("已冻结", ex.Message, StringComparison.Ordinal);
        Assert.Equal(ReportStatus.Draft, report.Status);
    }

    [Fact]
    public void Submit_ThrowsWrongStatus_WhenAlreadySubmitted()
    {
        var report = Submitted();

        var ex = Assert.Throws<DomainException>(() => report.Submit(June(), ReportCheck.Clean, null, null, [], OnTime, "nanguan"));

        Assert.Equal("月报当前状态为“已上报”，不能上报。", ex.Message);
    }

    [Fact]
    public void Return_SendsReportBackEditableWithReason()
    {
        var report = Submitted();

        report.Return(June(), " 东站片区投资与进度不符 ", OnTime.AddDays(1), "province.reviewer");

        Assert.Equal(ReportStatus.Returned, report.Status);
        Assert.True(report.IsEditable);
        Assert.Equal(("东站片区投资与进度不符", "province.reviewer"), (report.ReturnReason, report.ReturnedBy));
        var entry = report.History.Last();
        Assert.Equal((ReportAction.Returned, "东站片区投资与进度不符"), (entry.Action, entry.Note));
        report.SetProjectLine(10, 151, 60, 900m);
    }

    [Fact]
    public void Return_ThrowsReasonRequired_WhenReasonIsBlank()
    {
        var report = Submitted();

        var ex = Assert.Throws<DomainException>(() => report.Return(June(), "  ", OnTime, "province.reviewer"));

        Assert.Equal("请填写退回原因。", ex.Message);
        Assert.Equal(ReportStatus.Submitted, report.Status);
    }

    [Fact]
    public void Return_ThrowsWrongStatus_WhenReportIsADraft()
        => Assert.Equal("月报当前状态为“草稿”，不能退回。", Assert.Throws<DomainException>(() => Draft().Return(June(), "原因", OnTime, "x")).Message);

    [Fact]
    public void Resubmit_AfterReturn_KeepsTheFirstSubmissionsTimeliness()
    {
        var report = Submitted();
        report.Return(June(), "请核对", OnTime.AddDays(1), "changchun");
        var afterDeadline = new DateTimeOffset(2020, 7, 9, 9, 0, 0, Beijing);

        report.Submit(June(), ReportCheck.Clean, null, null, [], afterDeadline, "nanguan");

        Assert.Equal((OnTime, afterDeadline, 0, null), (report.FirstSubmittedAt, report.SubmittedAt, report.DaysLate, report.LateReason));
    }

    [Fact]
    public void Approve_LocksTheReport()
    {
        var report = Approved();

        Assert.Equal((ReportStatus.Approved, "province.reviewer"), (report.Status, report.ApprovedBy));
        Assert.Equal("月报当前状态为“审核通过”，不能修改。", Assert.Throws<DomainException>(() => report.SetProjectLine(10, 160, 60, 900m)).Message);
        Assert.Equal("该月报已审核通过并锁定，不能审核通过。如需更正，请发起更正，形成新的修订版。",
            Assert.Throws<DomainException>(() => report.Approve(June(), [], OnTime, "x")).Message);
        Assert.Equal("该月报已审核通过并锁定，不能退回。如需更正，请发起更正，形成新的修订版。",
            Assert.Throws<DomainException>(() => report.Return(June(), "原因", OnTime, "x")).Message);
        Assert.Equal("该月报已审核通过并锁定，不能上报。如需更正，请发起更正，形成新的修订版。",
            Assert.Throws<DomainException>(() => report.Submit(June(), ReportCheck.Clean, null, null, [], OnTime, "x")).Message);
    }

    [Fact]
    public void Approve_ThrowsNamingChildren_WhenAChildHasNotSubmitted()
    {
        var report = Submitted();

        var ex = Assert.Throws<DomainException>(() => report.Approve(June(), [new("南关区", ReportStatus.Approved), new("宽城区", null)], OnTime, "province.reviewer"));

        Assert.Equal("所辖单位尚有 1 个未上报（宽城区），全部上报后才能审核通过。", ex.Message);
        Assert.Equal(ReportStatus.Submitted, report.Status);
    }

    [Fact]
    public void Approve_ThrowsWrongStatus_WhenNotSubmitted()
        => Assert.Equal("月报当前状态为“草稿”，不能审核通过。", Assert.Throws<DomainException>(() => Draft().Approve(June(), [], OnTime, "x")).Message);

    [Fact]
    public void StartCorrection_MakesNextRevisionWithTheApprovedFigures_AndLeavesTheApprovedOneAlone()
    {
        var approved = Approved();

        var correction = approved.StartCorrection(June(), "东站片区开工数录入错误", OnTime.AddDays(5), "nanguan");

        Assert.Equal((1, ReportStatus.Draft, "东站片区开工数录入错误"), (correction.Revision, correction.Status, correction.CorrectionReason));
        Assert.Equal((approved.JurisdictionId, approved.ReportingPeriodId), (correction.JurisdictionId, correction.ReportingPeriodId));
        Assert.Equal(approved.FiguresOf(10)!.UnitsStarted, correction.FiguresOf(10)!.UnitsStarted);
        Assert.Equal(400m, Assert.Single(correction.FundingLines).Spent);
        Assert.Equal(new HouseholdResolutions(2, 1, 0, 1), Assert.Single(correction.CaseLines).ResolvedThisMonth);
        Assert.Equal(11, correction.CaseLines.Single().HouseholdsResolved);
        Assert.Equal(ReportAction.CorrectionStarted, Assert.Single(correction.History).Action);
        Assert.Null(correction.FirstSubmittedAt);

        correction.SetProjectLine(10, 140, 60, 900m);
        Assert.Equal(150, approved.FiguresOf(10)!.UnitsStarted);
        Assert.Equal(ReportStatus.Approved, approved.Status);
    }

    [Fact]
    public void StartCorrection_IsNotJudgedForTimeliness_WhenSubmittedLate()
    {
        var correction = Approved().StartCorrection(June(), "更正", OnTime, "nanguan");

        correction.Submit(June(), ReportCheck.Clean, null, null, [], new DateTimeOffset(2020, 8, 1, 9, 0, 0, Beijing), "nanguan");

        Assert.Equal(ReportStatus.Submitted, correction.Status);
        Assert.Null(correction.DaysLate);
    }

    [Fact]
    public void StartCorrection_Throws_WhenNotApprovedOrWithoutReason()
    {
        Assert.Equal("只有审核通过的月报才能发起更正（当前状态为“已上报”）。", Assert.Throws<DomainException>(() => Submitted().StartCorrection(June(), "原因", OnTime, "x")).Message);
        Assert.Equal("请填写更正原因。", Assert.Throws<DomainException>(() => Approved().StartCorrection(June(), "", OnTime, "x")).Message);
    }
}

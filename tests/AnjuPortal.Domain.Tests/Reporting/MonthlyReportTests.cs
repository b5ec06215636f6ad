using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Reporting;

namespace AnjuPortal.Domain.Tests.Reporting;

public sealed class MonthlyReportTests
{
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
    public void SetCaseLine_UpdatesSameLine_WhenSetTwice()
    {
        var report = MonthlyReport.StartDraft(3, 1);

        report.SetCaseLine(4, 2);
        report.SetCaseLine(4, 5);

        Assert.Equal(5, Assert.Single(report.CaseLines).HouseholdsResolved);
    }

    [Fact]
    public void SetProjectLine_AddsNoLine_WhenNewLineIsRefused()
    {
        var report = MonthlyReport.StartDraft(3, 1);

        Assert.Throws<DomainException>(() => report.SetProjectLine(10, 5, -1, 0m));
        Assert.Throws<DomainException>(() => report.SetCaseLine(4, -1));

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
}

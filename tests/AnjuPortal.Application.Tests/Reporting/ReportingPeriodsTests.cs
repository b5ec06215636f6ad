using AnjuPortal.Application.Reporting;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Reporting;
using AnjuPortal.TestSupport;

namespace AnjuPortal.Application.Tests.Reporting;

/// <summary>The calendar of periods as the province manages it, on a real SQLite file.</summary>
public sealed class ReportingPeriodsTests : IAsyncLifetime
{
    private ReportingScenario _s = null!;

    public async Task InitializeAsync() => _s = await ReportingScenario.CreateAsync(await SqliteTestDatabase.CreateAsync());

    public async Task DisposeAsync() => await _s.DisposeAsync();

    [Fact]
    public async Task OpenAsync_OpensAnEndedMonth_WithTheConfiguredDays()
    {
        _s.Clock.SetUtcNow(ReportingScenario.At(2020, 8, 1, 0, 5));

        var opened = await _s.Periods(_s.Reviewer, new ReportingOptions { SubmissionDeadlineDay = 8, ApprovalDeadlineDay = 20 }).OpenAsync(2020, 7);

        Assert.True(opened.Succeeded, opened.ToString());
        var period = (await _s.Periods(_s.CityOperator).GetAsync(opened.Value))!;
        Assert.Equal(("2020年7月", new DateOnly(2020, 8, 8), new DateOnly(2020, 8, 20), PeriodStatus.Open), (period.Label, period.SubmissionDeadline, period.ApprovalDeadline, period.Status));
    }

    [Fact]
    public async Task OpenAsync_IsRefused_ForAnOpenPeriodOrAMonthNotEnded()
    {
        var twice = await _s.Periods(_s.Reviewer).OpenAsync(2020, 6);
        var early = await _s.Periods(_s.Reviewer).OpenAsync(2020, 7);
        var badMonth = await _s.Periods(_s.Reviewer).OpenAsync(2020, 13);

        Assert.Equal("2020年6月的报告期已开启。", twice.ErrorFor(string.Empty));
        Assert.Equal("2020年7月尚未结束，不能开启该月的报告期。", early.ErrorFor(string.Empty));
        Assert.Equal("月份 13 不在 1–12 之间。", badMonth.ErrorFor("Month"));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => _s.Periods(_s.CityOperator).OpenAsync(2020, 5));
    }

    [Fact]
    public async Task SetDeadlinesAsync_MovesAnOpenPeriod_ButNotAFrozenOne()
    {
        var moved = await _s.Periods(_s.Reviewer).SetDeadlinesAsync(_s.JuneId, new DateOnly(2020, 7, 7), new DateOnly(2020, 7, 17));
        var frozen = await _s.Periods(_s.Reviewer).SetDeadlinesAsync(_s.MayId, new DateOnly(2020, 6, 7), new DateOnly(2020, 6, 17));

        Assert.True(moved.Succeeded, moved.ToString());
        Assert.Equal(new DateOnly(2020, 7, 7), (await _s.Periods(_s.Reviewer).GetAsync(_s.JuneId))!.SubmissionDeadline);
        Assert.Equal("报告期“2020年5月”已冻结，月报不能再填报、上报、退回或审核。", frozen.ErrorFor(string.Empty));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => _s.Periods(_s.LongshanOperator).SetDeadlinesAsync(_s.JuneId, new DateOnly(2020, 7, 9), new DateOnly(2020, 7, 19)));
    }

    [Fact]
    public async Task ListAsync_ShowsNewestFirst()
    {
        var periods = await _s.Periods(_s.LongshanOperator).ListAsync();

        Assert.Equal(["2020年6月", "2020年5月", "2020年4月"], periods.Select(p => p.Label));
        Assert.Equal(_s.JuneId, (await _s.Periods(_s.LongshanOperator).LatestAsync())!.Id);
        Assert.Empty(await _s.Periods(_s.LongshanOperator).ListAsync(2019));
    }
}

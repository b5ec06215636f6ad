using AnjuPortal.Application.Reporting;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Reporting;
using AnjuPortal.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Application.Tests.Reporting;

/// <summary>Who has reported June, on time, late or not at all, against 24:00 on 5 July Beijing time, on each real provider.</summary>
public abstract class ReportingCompletenessTests : IAsyncLifetime
{
    private ReportingScenario? _scenario;

    private ReportingScenario S => _scenario ?? throw new InvalidOperationException("Not initialised.");

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync() => _scenario = await ReportingScenario.CreateAsync(await CreateDatabaseAsync());

    public async Task DisposeAsync()
    {
        if (_scenario is not null)
        {
            await _scenario.DisposeAsync();
        }
    }

    private TestUser DongfengOperator => TestUser.At(S.Dongfeng, Roles.CountyOperator);

    private TestUser DongliaoOperator => TestUser.At(S.Dongliao, Roles.CountyOperator);

    /// <summary>龙山区 on 3 July, 东丰县 at 23:30 on the 5th, 东辽县 at 00:10 on the 6th (16:10 UTC on the 5th); 西安区 only a draft; the city nothing.</summary>
    private async Task SubmitSomeAsync()
    {
        await S.SubmitAsync(S.LongshanOperator);
        await S.DraftAsync(S.XianOperator);
        S.Clock.SetUtcNow(ReportingScenario.At(2020, 7, 5, 23, 30));
        await S.SubmitAsync(DongfengOperator);
        S.Clock.SetUtcNow(new DateTimeOffset(2020, 7, 5, 16, 10, 0, TimeSpan.Zero));
        await S.SubmitAsync(DongliaoOperator, lateReason: "网络故障");
    }

    [Fact]
    public async Task ForPeriod_ListsEveryUnitOfTheArea_OnTimeLateOrMissing()
    {
        await SubmitSomeAsync();
        S.Clock.SetUtcNow(ReportingScenario.At(2020, 7, 8, 9));

        var report = await S.Completeness(S.Reviewer).ForPeriodAsync(S.JuneId, S.Liaoyuan.Id);

        Assert.NotNull(report);
        Assert.Equal(ReportingScenario.At(2020, 7, 6, 0), report.LateFrom);
        Assert.Equal(
            [
                ("辽源市", Timeliness.NotSubmitted, 3, (string?)null, (ReportStatus?)null),
                ("龙山区", Timeliness.OnTime, 0, null, ReportStatus.Submitted),
                ("西安区", Timeliness.NotSubmitted, 3, null, ReportStatus.Draft),
                ("东丰县", Timeliness.OnTime, 0, null, ReportStatus.Submitted),
                ("东辽县", Timeliness.Late, 1, "网络故障", ReportStatus.Submitted),
            ],
            report.Units.Select(u => (u.Name, u.Timeliness, u.DaysLate, u.LateReason, u.Status)));
        Assert.Equal((2, 1, 2), (report.OnTime, report.Late, report.NotSubmitted));
        Assert.Equal(new DateTimeOffset(2020, 7, 5, 16, 10, 0, TimeSpan.Zero), report.Units.Single(u => u.Name == "东辽县").FirstSubmittedAt);
    }

    [Fact]
    public async Task ForPeriod_CountsNobodyOverdue_BeforeTheDeadline()
    {
        var report = await S.Completeness(S.CityOperator).ForPeriodAsync(S.JuneId);

        Assert.Equal(5, report!.Units.Count);
        Assert.All(report.Units, u => Assert.Equal((Timeliness.NotSubmitted, 0, (int?)null), (u.Timeliness, u.DaysLate, u.ReportId)));
    }

    [Fact]
    public async Task ForPeriod_StaysOnTime_AfterAReturnAndALateResubmission()
    {
        var submitted = await S.SubmitAsync(S.LongshanOperator);
        Assert.True((await S.Workflow(S.CityOperator).ReturnAsync(submitted.Id, submitted.Version, "请核对投资")).Succeeded);
        S.Clock.SetUtcNow(ReportingScenario.At(2020, 7, 9, 9));
        var returned = await S.Completeness(S.CityOperator).ForPeriodAsync(S.JuneId);
        await S.SubmitAsync(S.LongshanOperator);

        var resubmitted = await S.Completeness(S.CityOperator).ForPeriodAsync(S.JuneId);

        Assert.Equal((Timeliness.OnTime, ReportStatus.Returned), returned!.Units.Where(u => u.Name == "龙山区").Select(u => (u.Timeliness, u.Status)).Single());
        Assert.Equal((Timeliness.OnTime, 0, ReportStatus.Submitted), resubmitted!.Units.Where(u => u.Name == "龙山区").Select(u => (u.Timeliness, u.DaysLate, u.Status)).Single());
    }

    [Fact]
    public async Task ForPeriod_JudgesAgainstTheDeadlineAsTheProvinceMovedIt()
    {
        await SubmitSomeAsync();

        var moved = await S.Periods(S.Reviewer).SetDeadlinesAsync(S.JuneId, new DateOnly(2020, 7, 6), new DateOnly(2020, 7, 15));
        var report = await S.Completeness(S.Reviewer).ForPeriodAsync(S.JuneId, S.Liaoyuan.Id);

        Assert.True(moved.Succeeded, moved.ToString());
        Assert.Equal((Timeliness.OnTime, 0), report!.Units.Where(u => u.Name == "东辽县").Select(u => (u.Timeliness, u.DaysLate)).Single());
    }

    [Fact]
    public async Task ForPeriod_CoversTheWholeProvince_ForTheReviewer()
    {
        var report = await S.Completeness(S.Reviewer).ForPeriodAsync(S.JuneId);

        await using var db = S.Database.CreateSystemContext();
        Assert.Equal(await db.Jurisdictions.CountAsync(j => j.ParentId != null), report!.Units.Count);
        Assert.DoesNotContain(report.Units, u => u.Name == "吉林省");
        Assert.Equal(report.Units.OrderBy(u => u.Path, StringComparer.Ordinal).Select(u => u.JurisdictionId), report.Units.Select(u => u.JurisdictionId));
    }

    [Fact]
    public async Task ForPeriod_ShowsOnlyTheUsersSubtree()
    {
        await S.SubmitAsync(S.LongshanOperator);

        var county = await S.Completeness(S.XianOperator).ForPeriodAsync(S.JuneId);
        var countyAskingForItsCity = await S.Completeness(S.XianOperator).ForPeriodAsync(S.JuneId, S.Liaoyuan.Id);
        var otherCity = await S.Completeness(S.SipingOperator).ForPeriodAsync(S.JuneId, S.Liaoyuan.Id);

        Assert.Equal(["西安区"], county!.Units.Select(u => u.Name));
        Assert.Empty(countyAskingForItsCity!.Units);
        Assert.Empty(otherCity!.Units);
        Assert.Null(await S.Completeness(S.Reviewer).ForPeriodAsync(-1));
    }
}

public sealed class SqliteReportingCompletenessTests : ReportingCompletenessTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await SqliteTestDatabase.CreateAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresReportingCompletenessTests(PostgresServer server) : ReportingCompletenessTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await server.CreateDatabaseAsync();
}

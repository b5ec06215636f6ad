using AnjuPortal.Application.Reporting;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Jurisdictions;
using AnjuPortal.Domain.OverdueResettlement;
using AnjuPortal.Domain.Projects;
using AnjuPortal.Domain.Reporting;
using AnjuPortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AnjuPortal.Application.Tests.Reporting;

/// <summary>
/// The month of June 2020 in 辽源市 (four counties), on a real database: April and May approved for 龙山区, whose
/// project 东站片区 and ledger case 北山回迁 report every month; 辽源市 runs one project itself; 四平市铁西区 is the
/// sibling that must never be seen. The clock stands at 10:00 on 3 July 2020, Beijing time (June is due by the 5th).
/// </summary>
internal sealed class ReportingScenario : IAsyncDisposable
{
    public static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    /// <summary>May's approved figures of 东站片区: 150 started, 60 completed, 900 万元, 80 signed, 70 moved out, bonds 500 received / 400 spent.</summary>
    public static readonly ProjectFigures MayFigures = new(150, 60, 900m, 80, 70, [new FundsFigures(FundingSource.SpecialBonds, 500m, 400m)]);

    /// <summary>April's: 140, 50, 850 (so May's increments were 10, 10 and 50).</summary>
    public static readonly ProjectFigures AprilFigures = new(140, 50, 850m, 80, 70, [new FundsFigures(FundingSource.SpecialBonds, 500m, 400m)]);

    private ReportingScenario(TestDatabase database) => Database = database;

    public TestDatabase Database { get; }

    public Jurisdiction Province { get; private set; } = null!;
    public Jurisdiction Liaoyuan { get; private set; } = null!;
    public Jurisdiction Longshan { get; private set; } = null!;
    public Jurisdiction Xian { get; private set; } = null!;
    public Jurisdiction Dongfeng { get; private set; } = null!;
    public Jurisdiction Dongliao { get; private set; } = null!;
    public Jurisdiction Siping { get; private set; } = null!;
    public Jurisdiction Tiexi { get; private set; } = null!;

    public int AprilId { get; private set; }
    public int MayId { get; private set; }
    public int JuneId { get; private set; }

    /// <summary>东站片区 of 龙山区: 300 planned units, 100 households to expropriate.</summary>
    public int ProjectId { get; private set; }

    /// <summary>A project 辽源市 runs itself.</summary>
    public int CityProjectId { get; private set; }

    /// <summary>A project of the sibling 铁西区.</summary>
    public int SiblingProjectId { get; private set; }

    /// <summary>北山回迁 of 龙山区: 12 households, 3 resolved in April and 2 in May (7 unresolved on 1 June).</summary>
    public int CaseId { get; private set; }

    public TestUser LongshanOperator => TestUser.At(Longshan, Roles.CountyOperator);
    public TestUser XianOperator => TestUser.At(Xian, Roles.CountyOperator);
    public TestUser TiexiOperator => TestUser.At(Tiexi, Roles.CountyOperator);
    public TestUser CityOperator => TestUser.At(Liaoyuan, Roles.CityOperator);
    public TestUser SipingOperator => TestUser.At(Siping, Roles.CityOperator);
    public TestUser Reviewer => TestUser.At(Province, Roles.ProvinceReviewer);

    public Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock => Database.Clock;

    public static async Task<ReportingScenario> CreateAsync(TestDatabase database)
    {
        var s = new ReportingScenario(database);
        s.Province = await database.JurisdictionAsync("220000");
        s.Liaoyuan = await database.JurisdictionAsync("220400");
        s.Longshan = await database.JurisdictionAsync("220402");
        s.Xian = await database.JurisdictionAsync("220403");
        s.Dongfeng = await database.JurisdictionAsync("220421");
        s.Dongliao = await database.JurisdictionAsync("220422");
        s.Siping = await database.JurisdictionAsync("220300");
        s.Tiexi = await database.JurisdictionAsync("220302");
        await s.SeedAsync();
        s.Clock.SetUtcNow(At(2020, 7, 3, 10));
        return s;
    }

    public static DateTimeOffset At(int year, int month, int day, int hour, int minute = 0) => new DateTimeOffset(year, month, day, hour, minute, 0, Beijing).ToUniversalTime();

    public MonthlyReportEntry Entry(ICurrentUser user) => new(Database.FactoryFor(user), user, Clock);

    public ReportWorkflow Workflow(ICurrentUser user) => new(Database.FactoryFor(user), user, Clock);

    public ReportingCompleteness Completeness(ICurrentUser user) => new(Database.FactoryFor(user), user, Clock);

    public ReportingPeriods Periods(ICurrentUser user, ReportingOptions? options = null) => new(Database.FactoryFor(user), user, Clock, Options.Create(options ?? new ReportingOptions()));

    /// <summary>Starts the user's own June draft and returns its view.</summary>
    public async Task<ReportView> DraftAsync(TestUser user, int? periodId = null)
    {
        var started = await Entry(user).StartOrGetDraftAsync(periodId ?? JuneId, user.JurisdictionId!.Value);
        Assert.True(started.Succeeded, started.ToString());
        return (await Entry(user).GetAsync(started.Value))!;
    }

    /// <summary>Starts and submits the user's own June report as it stands (figures carried over from May).</summary>
    public async Task<ReportView> SubmitAsync(TestUser user, string? lateReason = null, Dictionary<string, string>? explanations = null)
    {
        var draft = await DraftAsync(user);
        var result = await Workflow(user).SubmitAsync(new SubmitReportInput
        {
            ReportId = draft.Id, Version = draft.Version, LateReason = lateReason, Explanations = explanations ?? [],
        });
        Assert.True(result.Succeeded, result.ToString());
        return (await Entry(user).GetAsync(draft.Id))!;
    }

    /// <summary>Every county of 辽源市 submits, then the city submits its area.</summary>
    public async Task<ReportView> SubmitAreaAsync()
    {
        foreach (var county in new[] { Longshan, Xian, Dongfeng, Dongliao })
        {
            await SubmitAsync(TestUser.At(county, Roles.CountyOperator));
        }

        return await SubmitAsync(CityOperator);
    }

    public async Task<ReportView> ViewAsync(int reportId, ICurrentUser? user = null)
        => (await Entry(user ?? Reviewer).GetAsync(reportId))!;

    public async Task FreezeJuneAsync()
    {
        await using var db = Database.CreateSystemContext();
        (await db.ReportingPeriods.SingleAsync(p => p.Id == JuneId)).Freeze();
        await db.SaveChangesAsync();
    }

    public async Task<RenovationProject> ProjectAsync(int id)
    {
        await using var db = Database.CreateSystemContext();
        return await db.Projects.AsNoTracking().SingleAsync(p => p.Id == id);
    }

    public async Task<List<MonthlyReport>> ReportsAsync()
    {
        await using var db = Database.CreateSystemContext();
        return await db.MonthlyReports.AsNoTracking().AsSplitQuery().OrderBy(r => r.Id).ToListAsync();
    }

    public ValueTask DisposeAsync() => Database.DisposeAsync();

    private async Task SeedAsync()
    {
        await using var db = Database.CreateSystemContext();
        var april = ReportingPeriod.Open(2020, 4);
        var may = ReportingPeriod.Open(2020, 5);
        var june = ReportingPeriod.Open(2020, 6);
        april.Freeze();
        may.Freeze();
        db.ReportingPeriods.AddRange(april, may, june);

        var project = RenovationProject.Register("LS-2020-01", Longshan.Id, Details("东站片区", 2020, 300));
        project.RecordExpropriation(100, 0, 0);
        project.SetFunding(FundingSource.SpecialBonds, 1000m, 0m, 0m);
        var cityProject = RenovationProject.Register("LY-2020-01", Liaoyuan.Id, Details("辽源市直棚改项目", 2020, 200));
        var sibling = RenovationProject.Register("TX-2020-01", Tiexi.Id, Details("铁西片区", 2020, 100));
        var old = RenovationProject.Register("LS-2016-L01", Longshan.Id, Details("北山回迁", 2016, 40));
        old.RecordProgress(40, 40);
        db.Projects.AddRange(project, cityProject, sibling, old);
        await db.SaveChangesAsync();

        var cipher = TestCipher.Create();
        var overdue = OverdueCase.Open(old, OverdueCategory.Started, new DateOnly(2020, 12, 31), "李四");
        for (var i = 0; i < 12; i++)
        {
            var household = overdue.AddHousehold($"户主{i}", TestIdNumbers.Parse(Longshan.Code, "19600101", i), null, new DateOnly(2018, 6, 30), cipher);
            if (i < 5)
            {
                overdue.ResolveHousehold(household, i < 3 ? ResolutionMethod.Monetary : ResolutionMethod.ReturnResettlement, i < 3 ? new DateOnly(2020, 4, 10) : new DateOnly(2020, 5, 12));
            }
        }

        db.OverdueCases.Add(overdue);
        await db.SaveChangesAsync();

        db.MonthlyReports.Add(Approved(Longshan.Id, april, project.Id, AprilFigures, overdue.Id, new HouseholdResolutions(0, 3, 0, 0), 0));
        db.MonthlyReports.Add(Approved(Longshan.Id, may, project.Id, MayFigures, overdue.Id, new HouseholdResolutions(2, 0, 0, 0), 3));
        project.ApplyApprovedFigures(may.MonthEnd, MayFigures);
        await db.SaveChangesAsync();

        (AprilId, MayId, JuneId) = (april.Id, may.Id, june.Id);
        (ProjectId, CityProjectId, SiblingProjectId, CaseId) = (project.Id, cityProject.Id, sibling.Id, overdue.Id);
    }

    private static MonthlyReport Approved(int unitId, ReportingPeriod period, int projectId, ProjectFigures figures, int caseId, HouseholdResolutions resolved, int earlier)
    {
        var report = MonthlyReport.StartDraft(unitId, period.Id);
        report.SetProjectLine(projectId, figures);
        report.SetCaseLine(caseId, resolved, earlier);
        var submitted = new DateTimeOffset(period.SubmissionDeadline.ToDateTime(new TimeOnly(9, 0)), Beijing).ToUniversalTime();
        report.MarkApproved(submitted, submitted.AddDays(3));
        return report;
    }

    private static RenovationProject.Details Details(string name, int year, int planned)
        => new(name, year, planned, ResettlementMode.InKind, "张三", new DateOnly(year, 4, 1), new DateOnly(year + 2, 10, 1));
}

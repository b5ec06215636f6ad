using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Projects;
using AnjuPortal.Domain.Reporting;
using AnjuPortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AnjuPortal.Infrastructure.Tests.Persistence;

/// <summary>Monthly reports on each real provider: the unique keys behind the workflow, round trips of every line, tenancy and concurrency.</summary>
public abstract class MonthlyReportPersistenceTests : IAsyncLifetime
{
    private TestDatabase? _database;

    protected TestDatabase Database => _database ?? throw new InvalidOperationException("Not initialised.");

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync() => _database = await CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    private static readonly DateTimeOffset SubmittedAt = new(2020, 7, 3, 10, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task Save_RefusesASecondReportOfTheSameUnitPeriodAndRevision()
    {
        var (unitId, periodId) = await UnitAndPeriodAsync("220102");
        await using (var db = Database.CreateSystemContext())
        {
            db.MonthlyReports.Add(MonthlyReport.StartDraft(unitId, periodId));
            await db.SaveChangesAsync();
        }

        await using var second = Database.CreateSystemContext();
        second.MonthlyReports.Add(MonthlyReport.StartDraft(unitId, periodId));

        await Assert.ThrowsAsync<DbUpdateException>(() => second.SaveChangesAsync());
    }

    [Fact]
    public async Task Save_KeepsEveryRevision_AndEveryLineOfAReport()
    {
        var (unitId, periodId) = await UnitAndPeriodAsync("220102");
        var period = ReportingPeriod.Open(2020, 6);
        var report = MonthlyReport.StartDraft(unitId, period, SubmittedAt.AddDays(-1).ToUniversalTime(), "nanguan");
        report.SetProjectLine(11, new ProjectFigures(150, 60, 900.25m, 80, 70,
            [new FundsFigures(FundingSource.SpecialBonds, 500m, 400.5m), new FundsFigures(FundingSource.CentralSubsidy, 120m, 0m)]));
        report.SetCaseLine(21, new HouseholdResolutions(1, 2, 3, 4), 5);
        var warning = new ReportFinding("W101", RuleSeverity.Warning, "W101:P11", "项目「东站片区」本月新增开工 31 套，超过上月新增 10 套的 3 倍，请说明原因。", 11, null, "UnitsStarted");
        report.Submit(period, new ReportCheck([warning]), new Dictionary<string, string> { [warning.Key] = "二期集中开工" }, null, [], SubmittedAt.ToUniversalTime(), "nanguan");
        report.Approve(period, [], SubmittedAt.AddDays(2).ToUniversalTime(), "province.reviewer");
        var correction = report.StartCorrection(period, "开工数更正", SubmittedAt.AddDays(5).ToUniversalTime(), "nanguan");
        await using (var db = Database.CreateSystemContext())
        {
            db.Entry(report).Property(r => r.ReportingPeriodId).CurrentValue = periodId;
            db.Entry(correction).Property(r => r.ReportingPeriodId).CurrentValue = periodId;
            db.MonthlyReports.AddRange(report, correction);
            await db.SaveChangesAsync();
        }

        await using var read = Database.CreateSystemContext();
        var stored = await read.MonthlyReports.AsNoTracking().AsSplitQuery().Where(r => r.JurisdictionId == unitId).OrderBy(r => r.Revision).ToListAsync();
        Assert.Equal([(0, ReportStatus.Approved), (1, ReportStatus.Draft)], stored.Select(r => (r.Revision, r.Status)));
        var approved = stored[0];
        Assert.Equal(SubmittedAt, approved.FirstSubmittedAt);
        Assert.Equal((0, "province.reviewer", "nanguan"), (approved.DaysLate, approved.ApprovedBy, approved.SubmittedBy));
        Assert.Equal((150, 60, 900.25m, 80, 70), approved.FiguresOf(11) is { } f ? (f.UnitsStarted, f.UnitsBasicallyCompleted, f.InvestmentCompleted, f.HouseholdsSigned, f.HouseholdsMovedOut) : default);
        Assert.Equal([(FundingSource.SpecialBonds, 500m, 400.5m), (FundingSource.CentralSubsidy, 120m, 0m)], approved.FundingLines.OrderByDescending(l => l.Spent).Select(l => (l.Source, l.Received, l.Spent)));
        var line = Assert.Single(approved.CaseLines);
        Assert.Equal((new HouseholdResolutions(1, 2, 3, 4), 15), (line.ResolvedThisMonth, line.HouseholdsResolved));
        Assert.Equal(("W101:P11", "二期集中开工"), Assert.Single(approved.Explanations) is var e ? (e.Key, e.Text) : default);
        Assert.Equal([ReportAction.Started, ReportAction.Submitted, ReportAction.Approved], approved.History.OrderBy(h => h.At).Select(h => h.Action));
        Assert.Equal(("开工数更正", 150), (stored[1].CorrectionReason, stored[1].FiguresOf(11)!.UnitsStarted));
    }

    [Fact]
    public async Task Save_RefusesAStaleReport_WhenOnlyALineChanged()
    {
        var (unitId, periodId) = await UnitAndPeriodAsync("220102");
        int id;
        await using (var db = Database.CreateSystemContext())
        {
            var report = MonthlyReport.StartDraft(unitId, periodId);
            report.SetProjectLine(11, 10, 0, 0m);
            db.MonthlyReports.Add(report);
            await db.SaveChangesAsync();
            id = report.Id;
        }

        await using var first = Database.CreateSystemContext();
        await using var second = Database.CreateSystemContext();
        var mine = await first.MonthlyReports.AsSplitQuery().SingleAsync(r => r.Id == id);
        var theirs = await second.MonthlyReports.AsSplitQuery().SingleAsync(r => r.Id == id);
        mine.SetProjectLine(11, 20, 0, 0m);
        theirs.SetCaseLine(21, new HouseholdResolutions(1, 0, 0, 0), 0);
        await first.SaveChangesAsync();

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
    }

    [Fact]
    public async Task Reports_AreFilteredAndGuardedByTenancy()
    {
        var (nanguan, periodId) = await UnitAndPeriodAsync("220102");
        var kuancheng = (await Database.JurisdictionAsync("220103")).Id;
        await using (var db = Database.CreateSystemContext())
        {
            db.MonthlyReports.AddRange(MonthlyReport.StartDraft(nanguan, periodId), MonthlyReport.StartDraft(kuancheng, periodId));
            await db.SaveChangesAsync();
        }

        var county = TestUser.At(await Database.JurisdictionAsync("220102"), Roles.CountyOperator);
        await using var own = Database.CreateContext(county);
        Assert.Equal([nanguan], await own.MonthlyReports.Select(r => r.JurisdictionId).ToListAsync());

        own.MonthlyReports.Add(MonthlyReport.StartDraft(kuancheng, periodId));
        await Assert.ThrowsAsync<Application.Security.TenantAccessDeniedException>(() => own.SaveChangesAsync());
    }

    [Fact]
    public async Task Migration_GivesExistingPeriodsAnApprovalWindow_AndExistingReportsTheirFirstSubmission()
    {
        await using var database = await EmptyDatabaseAsync();
        await using var db = database.CreateSystemContext();
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(db.Database.GetMigrations().Single(m => m.EndsWith("_AuditTrail", StringComparison.Ordinal)));
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO \"Jurisdictions\" (\"Code\", \"Name\", \"Level\", \"Path\", \"IsFunctionalZone\", \"SortOrder\") VALUES ('220000', '吉林省', 1, '/220000/', FALSE, 0)");
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO \"ReportingPeriods\" (\"Year\", \"Month\", \"SubmissionDeadline\", \"Status\", \"CreatedAt\") VALUES (2020, 6, '2020-07-05', 2, '2020-07-01 00:00:00+00:00')");
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO \"MonthlyReports\" (\"JurisdictionId\", \"ReportingPeriodId\", \"Revision\", \"Status\", \"SubmittedAt\", \"CreatedAt\", \"Version\") "
            + "SELECT j.\"Id\", p.\"Id\", 0, 2, '2020-07-03 02:00:00+00:00', '2020-07-01 00:00:00+00:00', 0 FROM \"Jurisdictions\" j, \"ReportingPeriods\" p");

        await db.Database.MigrateAsync();

        await using var read = database.CreateSystemContext();
        Assert.Equal(new DateOnly(2020, 7, 15), (await read.ReportingPeriods.SingleAsync()).ApprovalDeadline);
        Assert.Equal(new DateTimeOffset(2020, 7, 3, 2, 0, 0, TimeSpan.Zero), (await read.MonthlyReports.Select(r => r.FirstSubmittedAt).SingleAsync()));
    }

    /// <summary>A database of the provider with no migration applied.</summary>
    protected abstract Task<TestDatabase> EmptyDatabaseAsync();

    private async Task<(int UnitId, int PeriodId)> UnitAndPeriodAsync(string code)
    {
        var unit = await Database.JurisdictionAsync(code);
        await using var db = Database.CreateSystemContext();
        var period = await db.ReportingPeriods.FirstOrDefaultAsync(p => p.Year == 2020 && p.Month == 6);
        if (period is null)
        {
            period = ReportingPeriod.Open(2020, 6);
            db.ReportingPeriods.Add(period);
            await db.SaveChangesAsync();
        }

        return (unit.Id, period.Id);
    }
}

public sealed class SqliteMonthlyReportPersistenceTests : MonthlyReportPersistenceTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await SqliteTestDatabase.CreateAsync();

    protected override Task<TestDatabase> EmptyDatabaseAsync() => Task.FromResult<TestDatabase>(EmptySqliteDatabase.Create());

    /// <summary>A SQLite file with nothing in it, in its own folder.</summary>
    private sealed class EmptySqliteDatabase : TestDatabase
    {
        private readonly string _folder;

        private EmptySqliteDatabase(string folder)
            : base(SqliteTestDatabase.SettingsFor(Path.Combine(folder, "empty.db")))
            => _folder = folder;

        public static EmptySqliteDatabase Create() => new(Directory.CreateTempSubdirectory("anju-empty-").FullName);

        public override ValueTask DisposeAsync()
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
            return ValueTask.CompletedTask;
        }
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresMonthlyReportPersistenceTests(PostgresServer server) : MonthlyReportPersistenceTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await server.CreateDatabaseAsync();

    protected override async Task<TestDatabase> EmptyDatabaseAsync() => await server.CreateDatabaseAsync(migrateAndSeed: false);
}

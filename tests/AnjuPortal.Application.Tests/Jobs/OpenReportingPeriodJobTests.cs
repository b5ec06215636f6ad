using AnjuPortal.Application.Jobs;
using AnjuPortal.Application.Reporting;
using AnjuPortal.Domain.Reporting;
using AnjuPortal.Infrastructure.Persistence;
using AnjuPortal.Infrastructure.Tenancy;
using AnjuPortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AnjuPortal.Application.Tests.Jobs;

/// <summary>The monthly job that opens a reporting period, on each real provider (the race is decided by the database).</summary>
public abstract class OpenReportingPeriodJobTests : IAsyncLifetime
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

    /// <summary>China Standard Time, as the job runs it: 01:00 on the 1st in Changchun is still the last day of the month in UTC.</summary>
    private static FakeTimeProvider ClockAt(int year, int month, int day, int hour)
        => new(new DateTimeOffset(year, month, day, hour, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime());

    private OpenReportingPeriodJob JobAt(TimeProvider clock, SystemDbContextFactory? factory = null, ReportingOptions? options = null)
        => new(factory ?? Database.SystemFactory, clock, NullLogger<OpenReportingPeriodJob>.Instance, options is null ? null : Options.Create(options));

    [Theory]
    [InlineData(2026, 12, 2026, 11, 2026, 12)]
    [InlineData(2027, 1, 2026, 12, 2027, 1)]
    [InlineData(2020, 7, 2020, 6, 2020, 7)]
    public async Task RunAsync_OpensMonthJustEnded_WhenRunAtOneInTheMorningChinaTime(int runYear, int runMonth, int year, int month, int deadlineYear, int deadlineMonth)
    {
        var opened = await JobAt(ClockAt(runYear, runMonth, 1, 1)).RunAsync();

        Assert.True(opened);
        var period = Assert.Single(await PeriodsAsync());
        Assert.Equal((year, month), (period.Year, period.Month));
        Assert.Equal(new DateOnly(deadlineYear, deadlineMonth, ReportingPeriod.DefaultDeadlineDay), period.SubmissionDeadline);
        Assert.Equal(new DateOnly(deadlineYear, deadlineMonth, ReportingPeriod.DefaultApprovalDay), period.ApprovalDeadline);
        Assert.Equal(PeriodStatus.Open, period.Status);
        Assert.Equal("system", period.CreatedBy);
    }

    [Fact]
    public async Task RunAsync_SetsTheConfiguredDeadlines_WhenConfigured()
    {
        var opened = await JobAt(ClockAt(2026, 10, 1, 1), options: new ReportingOptions { SubmissionDeadlineDay = 9, ApprovalDeadlineDay = 19 }).RunAsync();

        Assert.True(opened);
        var period = Assert.Single(await PeriodsAsync());
        Assert.Equal((new DateOnly(2026, 10, 9), new DateOnly(2026, 10, 19)), (period.SubmissionDeadline, period.ApprovalDeadline));
    }

    [Fact]
    public async Task RunAsync_CreatesOneRow_WhenRunTwice()
    {
        var job = JobAt(ClockAt(2026, 12, 1, 1));

        Assert.True(await job.RunAsync());
        Assert.False(await job.RunAsync());

        Assert.Single(await PeriodsAsync());
    }

    [Fact]
    public async Task RunAsync_CreatesOneRow_WhenRunsConcurrently()
    {
        var clock = ClockAt(2026, 12, 1, 1);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var job = JobAt(clock);
            await start.Task;
            return await job.RunAsync();
        })).ToArray();

        start.SetResult();
        var results = await Task.WhenAll(runs);

        Assert.Equal(1, results.Count(opened => opened));
        var period = Assert.Single(await PeriodsAsync());
        Assert.Equal((2026, 11), (period.Year, period.Month));
    }

    [Fact]
    public async Task RunAsync_ReturnsFalseWithoutDuplicate_WhenAnotherServerOpensPeriodBetweenCheckAndSave()
    {
        // Deterministic race: another server's row is committed after this job checked and before it saves.
        var clock = ClockAt(2026, 12, 1, 1);
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        Database.Settings.Configure(builder);
        builder.AddInterceptors(new AuditStampInterceptor(clock), new TenantWriteGuardInterceptor(), new OtherServerWins(Database));
        var job = JobAt(clock, new SystemDbContextFactory(builder.Options));

        var opened = await job.RunAsync();

        Assert.False(opened);
        var period = Assert.Single(await PeriodsAsync());
        Assert.Equal("other-server", period.CreatedBy);
    }

    private async Task<List<ReportingPeriod>> PeriodsAsync()
    {
        await using var db = Database.CreateSystemContext();
        return await db.ReportingPeriods.AsNoTracking().ToListAsync();
    }

    /// <summary>
    /// Before the job's save, commits the same period through another context, once: just before the job's save opens
    /// its transaction (inside it, SQLite's write lock would make the other server wait for the job).
    /// </summary>
    private sealed class OtherServerWins(TestDatabase database) : DbTransactionInterceptor
    {
        private int _fired;

        public override async ValueTask<InterceptionResult<System.Data.Common.DbTransaction>> TransactionStartingAsync(
            System.Data.Common.DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<System.Data.Common.DbTransaction> result, CancellationToken cancellationToken = default)
        {
            var added = eventData.Context!.ChangeTracker.Entries<ReportingPeriod>().SingleOrDefault(e => e.State == EntityState.Added)?.Entity;
            if (added is not null && Interlocked.Exchange(ref _fired, 1) == 0)
            {
                var options = TestDatabase.BuildOptions(database.Settings, database.Clock);
                await using var other = new AppDbContext(options, new TestUser("other-server", null, "/", null, []));
                other.ReportingPeriods.Add(ReportingPeriod.Open(added.Year, added.Month));
                await other.SaveChangesAsync(cancellationToken);
            }

            return result;
        }
    }
}

public sealed class SqliteOpenReportingPeriodJobTests : OpenReportingPeriodJobTests
{
    // With the jurisdiction tree, as in every real database: the audit trail files the job's work under its root.
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await SqliteTestDatabase.CreateAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresOpenReportingPeriodJobTests(PostgresServer server) : OpenReportingPeriodJobTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await server.CreateDatabaseAsync();
}

using AnjuPortal.Domain.Jurisdictions;
using AnjuPortal.Domain.PersonalData;
using AnjuPortal.Domain.Reporting;
using AnjuPortal.TestSupport;
using AnjuPortal.TestSupport.National;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Application.Tests.Dashboards;

/// <summary>
/// The national data set generator's own invariants, on a small set generated once per provider: the counts asked
/// for, one approved report per unit and month, cumulative figures that never go down, valid and unique ID numbers
/// with their real blind index, parents' targets the sum of their children's. (That the dashboards' figures equal
/// the rows is tested with the dashboards.)
/// </summary>
public abstract class NationalDataSetTests : IAsyncLifetime
{
    private static readonly NationalDataSetOptions Options = NationalDataSetOptions.Small;

    private readonly RecordingCipher _cipher = new(TestCipher.Create());
    private TestDatabase _database = null!;
    private NationalDataSetSummary _summary = null!;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        _summary = await NationalDataSet.GenerateAsync(_database, Options, _cipher);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Writes_the_counts_asked_for()
    {
        await using var db = _database.CreateSystemContext();
        var levels = await db.Jurisdictions.GroupBy(j => j.Level).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
        Assert.Equal(1, levels[JurisdictionLevel.Nation]);
        Assert.Equal(Options.Provinces, levels[JurisdictionLevel.Province]);
        Assert.Equal(Options.Provinces * Options.PrefecturesPerProvince, levels[JurisdictionLevel.Prefecture]);
        Assert.Equal(Options.Provinces * Options.CountiesPerProvince, levels[JurisdictionLevel.County]);
        Assert.Equal(Options.Projects, await db.Projects.CountAsync());
        Assert.Equal(Options.Households, await db.OverdueHouseholds.CountAsync());
        Assert.Equal(_summary.Cases, await db.OverdueCases.CountAsync());
        Assert.Equal(Options.Months, await db.ReportingPeriods.CountAsync());
        Assert.Equal(Options.Months - 1, await db.ReportingPeriods.CountAsync(p => p.Status == PeriodStatus.Frozen));
        var first = await db.ReportingPeriods.OrderBy(p => p.Year).ThenBy(p => p.Month).FirstAsync();
        Assert.Equal((2022, 1), (first.Year, first.Month));
        Assert.Equal((2023, 2), _summary.LastMonth);
        Assert.Equal(0, await db.AuditEntries.CountAsync());

        var root = await db.Jurisdictions.SingleAsync(j => j.ParentId == null);
        Assert.Equal((NationalDataSet.NationCode, NationalDataSet.NationName, root.Id), (root.Code, root.Name, _summary.RootId));
        Assert.Equal(["110000", "120000"], await db.Jurisdictions.Where(j => j.ParentId == root.Id).OrderBy(j => j.Code).Select(j => j.Code).ToListAsync());
        Assert.True(await db.Jurisdictions.Where(j => j.ParentId != null).AllAsync(j => j.Path == j.Parent!.Path + j.Code + "/"));
    }

    [Fact]
    public async Task Every_unit_but_the_root_has_one_approved_report_a_month()
    {
        await using var db = _database.CreateSystemContext();
        var units = await db.Jurisdictions.CountAsync(j => j.ParentId != null);
        var perPeriod = await db.MonthlyReports.GroupBy(r => r.ReportingPeriodId)
            .Select(g => new { Count = g.Count(), Approved = g.Count(r => r.Status == ReportStatus.Approved && r.Revision == 0), Units = g.Select(r => r.JurisdictionId).Distinct().Count() })
            .ToListAsync();
        Assert.Equal(Options.Months, perPeriod.Count);
        Assert.All(perPeriod, p => Assert.Equal((units, units, units), (p.Count, p.Approved, p.Units)));
        Assert.Equal(_summary.Reports, await db.MonthlyReports.LongCountAsync());
    }

    [Fact]
    public async Task Cumulative_figures_never_decrease_and_stay_within_the_plan()
    {
        await using var db = _database.CreateSystemContext();
        var periods = await db.ReportingPeriods.ToDictionaryAsync(p => p.Id);
        var levels = await db.Jurisdictions.ToDictionaryAsync(j => j.Id, j => j.Level);
        var reports = await db.MonthlyReports.AsNoTracking().Include(r => r.ProjectLines).ToListAsync();
        var lines = reports.SelectMany(r => r.ProjectLines.Select(l => new
        {
            l.ProjectId, periods[r.ReportingPeriodId].Year, periods[r.ReportingPeriodId].Month, l.UnitsStarted, l.UnitsBasicallyCompleted, l.InvestmentCompleted,
            CountyReport = levels[r.JurisdictionId] == JurisdictionLevel.County, ProjectCounty = r.JurisdictionId,
        })).ToList();
        var projects = await db.Projects.ToDictionaryAsync(p => p.Id);
        Assert.Equal(_summary.ProjectLines, lines.Count);
        Assert.Contains(lines, l => l.UnitsStarted > 0);
        Assert.Contains(lines, l => l.UnitsBasicallyCompleted > 0);
        foreach (var project in lines.GroupBy(l => l.ProjectId))
        {
            var registered = projects[project.Key];
            var ordered = project.OrderBy(l => l.Month).ToList();
            Assert.All(ordered, l => Assert.True(l.CountyReport && l.ProjectCounty == registered.JurisdictionId && l.Year == registered.BatchYear));
            Assert.All(ordered, l => Assert.True(l.UnitsBasicallyCompleted <= l.UnitsStarted && l.UnitsStarted <= registered.PlannedUnits));
            for (var i = 1; i < ordered.Count; i++)
            {
                Assert.True(ordered[i].UnitsStarted >= ordered[i - 1].UnitsStarted, $"project {project.Key}: units started went down in month {ordered[i].Month}");
                Assert.True(ordered[i].UnitsBasicallyCompleted >= ordered[i - 1].UnitsBasicallyCompleted, $"project {project.Key}: completed went down in month {ordered[i].Month}");
                Assert.True(ordered[i].InvestmentCompleted >= ordered[i - 1].InvestmentCompleted, $"project {project.Key}: investment went down in month {ordered[i].Month}");
            }

            // The register holds the figures of the project's last reported month, as an approval leaves them.
            Assert.Equal((ordered[^1].UnitsStarted, ordered[^1].UnitsBasicallyCompleted), (registered.UnitsStarted, registered.UnitsBasicallyCompleted));
        }

        // Winter is quiet: in the cold north, January and February add less than a tenth of what May and June add.
        var year = lines.Where(l => l.Year == 2022).GroupBy(l => l.Month).ToDictionary(g => g.Key, g => g.Sum(l => (long)l.UnitsStarted));
        Assert.True(year[2] - 0 < (year[6] - year[4]) / 10, $"Jan–Feb {year[2]} against Apr–Jun {year[6] - year[4]}");
    }

    [Fact]
    public async Task Id_numbers_are_valid_and_unique_and_indexed_under_the_real_key()
    {
        await using var db = _database.CreateSystemContext();
        var households = await db.OverdueHouseholds.Select(h => new { h.IdNumberIndex, h.IdNumberMasked, h.IdNumberCipher, h.Jurisdiction!.Code }).ToListAsync();
        Assert.Equal(Options.Households, _cipher.Indexed.Count);
        Assert.Equal(Options.Households, _cipher.Indexed.Distinct().Count());
        Assert.All(_cipher.Indexed, n => Assert.True(IdCardNumber.TryParse(n, out _, out var error), $"{IdCardNumber.Mask(n)}: {error}"));
        Assert.Equal(_cipher.Indexed.Select(_cipher.Inner.BlindIndex).Order(), households.Select(h => h.IdNumberIndex).Order());
        Assert.Equal(households.Count, households.Select(h => h.IdNumberIndex).Distinct().Count());
        Assert.All(households, h => Assert.StartsWith(h.Code, h.IdNumberMasked, StringComparison.Ordinal));
        Assert.All(households.Select(h => h.IdNumberCipher).Distinct(), c => Assert.True(IdCardNumber.TryParse(_cipher.Inner.Unprotect(c), out _, out _)));
    }

    [Fact]
    public async Task Households_are_resolved_inside_the_months_with_a_method_and_some_wait()
    {
        await using var db = _database.CreateSystemContext();
        var resolved = await db.OverdueHouseholds.Where(h => h.ResolvedOn != null).Select(h => new { h.ResolvedOn, h.ResolutionMethod, h.JurisdictionId, CaseUnit = h.Case!.JurisdictionId }).ToListAsync();
        Assert.Equal(_summary.ResolvedHouseholds, resolved.Count);
        Assert.InRange(resolved.Count, Options.Households * 0.8, Options.Households * 0.9);
        Assert.All(resolved, h => Assert.InRange(h.ResolvedOn!.Value, new DateOnly(2022, 1, 1), new DateOnly(2023, 2, 28)));
        Assert.All(resolved, h => Assert.NotNull(h.ResolutionMethod));
        Assert.All(resolved, h => Assert.Equal(h.CaseUnit, h.JurisdictionId));
        Assert.True(await db.OverdueHouseholds.AnyAsync(h => h.ResolvedOn == null));
    }

    [Fact]
    public async Task Every_node_has_a_target_each_year_and_a_parent_plans_what_its_children_plan()
    {
        await using var db = _database.CreateSystemContext();
        var targets = await db.AnnualTargets.ToListAsync();
        var tree = await db.Jurisdictions.Select(j => new { j.Id, j.ParentId }).ToListAsync();
        Assert.Equal(tree.Count * 2, targets.Count);
        foreach (var parent in tree.Where(p => tree.Any(c => c.ParentId == p.Id)))
        {
            foreach (var year in new[] { 2022, 2023 })
            {
                var own = targets.Single(t => t.JurisdictionId == parent.Id && t.Year == year);
                var children = targets.Where(t => t.Year == year && tree.Any(c => c.Id == t.JurisdictionId && c.ParentId == parent.Id)).ToList();
                Assert.Equal(
                    (children.Sum(t => t.UnitsToStart), children.Sum(t => t.UnitsToComplete), children.Sum(t => t.OverdueHouseholdsToResolve)),
                    (own.UnitsToStart, own.UnitsToComplete, own.OverdueHouseholdsToResolve));
            }
        }

        Assert.True(targets.Where(t => t.JurisdictionId == _summary.RootId).All(t => t.UnitsToStart > 0 && t.OverdueHouseholdsToResolve > 0));
    }

    [Fact]
    public async Task The_portal_adds_rows_after_the_generated_ones()
    {
        // Ids were given explicitly: the identity (PostgreSQL's sequence, SQLite's rowid) must have moved past them.
        await using var db = _database.CreateSystemContext();
        var maxPeriod = await db.ReportingPeriods.MaxAsync(p => p.Id);
        var maxTarget = await db.AnnualTargets.MaxAsync(t => t.Id);
        var period = ReportingPeriod.Open(2030, 1);
        var target = Domain.Targets.AnnualTarget.Create(_summary.RootId, 2030, 1, 1, 1);
        db.ReportingPeriods.Add(period);
        db.AnnualTargets.Add(target);
        await db.SaveChangesAsync();
        Assert.True(period.Id > maxPeriod && target.Id > maxTarget);
    }

    /// <summary>The real cipher, keeping every number it indexed: the test can check the numbers the rows do not hold in plain.</summary>
    private sealed class RecordingCipher(IPersonalDataCipher inner) : IPersonalDataCipher
    {
        public IPersonalDataCipher Inner => inner;

        public List<string> Indexed { get; } = [];

        public string Protect(string plaintext) => inner.Protect(plaintext);

        public string Unprotect(string ciphertext) => inner.Unprotect(ciphertext);

        public string BlindIndex(string plaintext)
        {
            Indexed.Add(plaintext);
            return inner.BlindIndex(plaintext);
        }
    }
}

public sealed class SqliteNationalDataSetTests : NationalDataSetTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await SqliteTestDatabase.CreateAsync(seedJurisdictions: false);
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresNationalDataSetTests(PostgresServer server) : NationalDataSetTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await server.CreateDatabaseAsync(seedJurisdictions: false);
}

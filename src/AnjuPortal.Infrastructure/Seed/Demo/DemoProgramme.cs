using AnjuPortal.Domain.OverdueResettlement;
using AnjuPortal.Domain.PersonalData;
using AnjuPortal.Domain.Projects;
using AnjuPortal.Domain.Targets;

namespace AnjuPortal.Infrastructure.Seed.Demo;

/// <summary>
/// What the demo generator builds in memory before anything is saved: targets, projects with their month-by-month
/// figures, and ledger blocks with the resolution date of every household. Saving happens in
/// <see cref="DemoDataSeeder"/>; monthly reports are derived from these plans by <see cref="DemoReports"/>.
/// </summary>
internal sealed class DemoProgramme(DemoTree tree, Random random, DemoPeople people, IPersonalDataCipher cipher)
{
    public DemoTree Tree { get; } = tree;
    public Random Random { get; } = random;
    public DemoPeople People { get; } = people;
    public IPersonalDataCipher Cipher { get; } = cipher;

    public List<AnnualTarget> Targets { get; } = [];
    public List<ProjectPlan> Projects { get; } = [];
    public List<LedgerBlock> Ledger { get; } = [];

    /// <summary>Years with reports, each with the last month reported (12 for 2020, last month for the current year).</summary>
    public SortedDictionary<int, int> ReportedMonths { get; } = [];

    /// <summary>
    /// Targets for every county, then every prefecture-level unit and the province as the sums of their children,
    /// so that a parent's target always equals the sum of its children's.
    /// </summary>
    public void AddTargets(int year, IReadOnlyDictionary<int, (int Start, int Complete, int Households)> byCounty)
    {
        var provinceTotal = (Start: 0, Complete: 0, Households: 0);
        foreach (var city in Tree.Cities)
        {
            var cityTotal = (Start: 0, Complete: 0, Households: 0);
            foreach (var county in city.Counties)
            {
                var t = byCounty.GetValueOrDefault(county.Id);
                Targets.Add(AnnualTarget.Create(county.Id, year, t.Start, t.Complete, t.Households));
                cityTotal = (cityTotal.Start + t.Start, cityTotal.Complete + t.Complete, cityTotal.Households + t.Households);
            }

            Targets.Add(AnnualTarget.Create(city.Id, year, cityTotal.Start, cityTotal.Complete, cityTotal.Households));
            provinceTotal = (provinceTotal.Start + cityTotal.Start, provinceTotal.Complete + cityTotal.Complete, provinceTotal.Households + cityTotal.Households);
        }

        Targets.Add(AnnualTarget.Create(Tree.ProvinceId, year, provinceTotal.Start, provinceTotal.Complete, provinceTotal.Households));
    }

    /// <summary>Opens the ledger cases and adds their households, once the projects have ids.</summary>
    public List<OverdueCase> OpenCases()
    {
        var cases = new List<OverdueCase>();
        foreach (var block in Ledger)
        {
            var next = 0;
            foreach (var plan in block.Cases)
            {
                var opened = DemoCasePlans.StartsAsLitigation(plan.Category, cases.Count) ? OverdueCategory.Litigation : plan.Category;
                var overdueCase = OverdueCase.Open(plan.Project, opened, plan.TargetDate, plan.Official);
                for (var i = 0; i < plan.Households; i++, next++)
                {
                    var promised = Random.DayBetween(plan.LatestPromise.AddDays(-540), plan.LatestPromise);
                    var household = overdueCase.AddHousehold(
                        People.NextName(), People.NextIdNumber(block.County.IdRegionCode), People.NextMobileOrNone(), promised, Cipher);
                    if (block.Resolutions[next] is { } resolvedOn)
                    {
                        overdueCase.ResolveHousehold(household, DemoLedger.MethodFor(plan.Category, Random), resolvedOn);
                    }
                }

                DemoCasePlans.Fill(overdueCase, plan.Category, cases.Count);
                plan.Case = overdueCase;
                cases.Add(overdueCase);
            }
        }

        return cases;
    }
}

/// <summary>A project and its cumulative figures at the end of each month of <see cref="Year"/> (index 1–12).</summary>
internal sealed class ProjectPlan(RenovationProject project, DemoCounty county, int year, int[] started, int[] completed, decimal[] investment)
{
    public RenovationProject Project { get; } = project;
    public DemoCounty County { get; } = county;
    public int Year { get; } = year;
    public int[] Started { get; } = started;
    public int[] Completed { get; } = completed;
    public decimal[] Investment { get; } = investment;
}

/// <summary>One ledger case to open: its project (registered beforehand), category, deadline and household count.</summary>
internal sealed class CasePlan(RenovationProject project, OverdueCategory category, DateOnly targetDate, string official, int households, DateOnly latestPromise)
{
    public RenovationProject Project { get; } = project;
    public OverdueCategory Category { get; } = category;
    public DateOnly TargetDate { get; } = targetDate;
    public string Official { get; } = official;
    public int Households { get; } = households;

    /// <summary>Households were promised their homes on or before this date (so they are overdue).</summary>
    public DateOnly LatestPromise { get; } = latestPromise;

    public OverdueCase? Case { get; set; }
}

/// <summary>
/// The ledger cases of one county opened in one year, and the resolution date (or none) of each of their
/// households in order: decided up front so that targets and reports can be computed before anything is saved.
/// </summary>
internal sealed class LedgerBlock(DemoCounty county, int openedYear, List<CasePlan> cases)
{
    public DemoCounty County { get; } = county;
    public int OpenedYear { get; } = openedYear;
    public List<CasePlan> Cases { get; } = cases;
    public DateOnly?[] Resolutions { get; } = new DateOnly?[cases.Sum(c => c.Households)];

    /// <summary>Households still unresolved on 1 January of <paramref name="year"/>.</summary>
    public int OpenAtStartOf(int year) => Resolutions.Count(d => d is null || d.Value.Year >= year);
}

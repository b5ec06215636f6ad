namespace AnjuPortal.Infrastructure.Seed.Demo;

/// <summary>
/// Jilin's 2020 in the shape of the notice 吉安居办〔2020〕18号: about 18,000 units to start, 7,471 started by the
/// end of June (41.5 %); 10,851 overdue households to resolve, 1,823 resolved by the end of June (16.8 %). 四平 and
/// 白山 lag far behind, 辽源 runs ahead. Figures per city are fixed here; counties, projects and households are
/// spread from them with the seeded random generator.
/// </summary>
internal static class DemoProgramme2020
{
    public const int Year = 2020;
    public const int UnitsToStart = 18_002;
    public const int UnitsStartedByJune = 7_471;
    public const int HouseholdsToResolve = 10_851;
    public const int HouseholdsResolvedByJune = 1_823;

    /// <summary>
    /// Per prefecture-level unit: units to start, share started by end of June and of December; overdue households
    /// to resolve, share resolved by end of June and of December. Units add up to 18,002 and households to 10,851.
    /// </summary>
    internal static readonly IReadOnlyList<CityProfile> Cities =
    [
        new("220100", 5200, 0.46, 1.00, 2900, 0.19, 0.95), // 长春
        new("220200", 3100, 0.44, 1.00, 1800, 0.18, 0.94), // 吉林
        new("220300", 1500, 0.24, 0.93, 1100, 0.07, 0.82), // 四平: far behind
        new("220400", 900, 0.62, 1.00, 600, 0.32, 0.99),   // 辽源: ahead
        new("220500", 1600, 0.43, 1.00, 950, 0.17, 0.94),  // 通化
        new("220600", 1400, 0.21, 0.90, 800, 0.06, 0.80),  // 白山: far behind
        new("220700", 1300, 0.40, 1.00, 900, 0.16, 0.93),  // 松原
        new("220800", 1100, 0.45, 0.98, 700, 0.20, 0.95),  // 白城
        new("222400", 1700, 0.42, 1.00, 1000, 0.17, 0.94), // 延边
        new("229900", 202, 0.50, 1.00, 101, 0.20, 1.00),   // 长白山管委会
    ];

    // Resolutions per month before the notice (slow) and after it (the push of the second half).
    private static readonly double[] FirstHalfMonths = [1, 1, 2, 3, 4, 5];
    private static readonly double[] SecondHalfMonths = [4, 5, 6, 6, 6, 5];

    public static void Build(DemoProgramme programme, int currentYear)
    {
        var random = programme.Random;
        var counties = programme.Tree.Counties.ToList();
        var units = SpreadOverCounties(programme, Cities.ToDictionary(c => c.Code, c => c.UnitsToStart), zeroChance: 0.15, zoneZeroChance: 0.5);
        var households = SpreadOverCounties(programme, Cities.ToDictionary(c => c.Code, c => c.HouseholdsToResolve), zeroChance: 0.3, zoneZeroChance: 0.7);
        var profiles = Cities.ToDictionary(c => c.Code);

        // Construction: the county's June figure from its city's share, then the province total made exact.
        var juneUnits = counties.Select(c => (int)Math.Round(units[c.Id] * profiles[c.City.Code].StartedByJune)).ToArray();
        DemoMath.FixTotal(juneUnits, UnitsStartedByJune, counties.Select(_ => 0).ToList(), counties.Select(c => units[c.Id]).ToList());
        var targets = new Dictionary<int, (int Start, int Complete, int Households)>();
        for (var i = 0; i < counties.Count; i++)
        {
            var county = counties[i];
            var planned = units[county.Id];
            var december = Math.Max(juneUnits[i], (int)Math.Round(planned * profiles[county.City.Code].StartedByDecember));
            var plans = DemoProjects.PlanCounty(programme, county, Year, DemoProjects.SplitIntoProjects(planned, random), juneUnits[i], december, lastMonth: 12).ToList();
            programme.Projects.AddRange(plans);

            // 基本建成 target: a little above what the county will reach by December.
            targets[county.Id] = (planned, (int)Math.Round(plans.Sum(p => p.Completed[12]) * 1.1), 0);
        }

        // Ledger: cases on projects of batches 2013–2017, all households on it at the start of 2020 are the year's target.
        var juneResolved = counties.Select(c => (int)Math.Round(households[c.Id] * profiles[c.City.Code].ResolvedByJune)).ToArray();
        DemoMath.FixTotal(juneResolved, HouseholdsResolvedByJune, counties.Select(_ => 0).ToList(), counties.Select(c => households[c.Id]).ToList());
        var caseCount = 0;
        for (var i = 0; i < counties.Count; i++)
        {
            var county = counties[i];
            var total = households[county.Id];
            if (total > 0)
            {
                var block = DemoLedger.PlanCounty(programme, county, Year, total, (2013, 2017), ref caseCount);
                PlanResolutions(block, juneResolved[i], profiles[county.City.Code].ResolvedByDecember, random, currentYear);
                programme.Ledger.Add(block);
            }

            var t = targets[county.Id];
            targets[county.Id] = (t.Start, t.Complete, total);
        }

        programme.AddTargets(Year, targets);
        programme.ReportedMonths[Year] = 12;
    }

    /// <summary>
    /// Resolution dates for a county's 2020 ledger: exactly <paramref name="byJune"/> in January–June, up to the
    /// city's December share in July–December; of the rest, three in four were resolved in the years between, and
    /// the others are still open when the current year begins (the current year's programme decides on them).
    /// </summary>
    private static void PlanResolutions(LedgerBlock block, int byJune, double decemberShare, Random random, int currentYear)
    {
        var total = block.Resolutions.Length;
        var byDecember = Math.Max(byJune, Math.Min(total, (int)Math.Round(total * decemberShare)));
        var dates = new List<DateOnly?>(total);
        dates.AddRange(DemoLedger.DatesInYear(random, Year, byJune, FirstHalfMonths).Select(d => (DateOnly?)d));
        dates.AddRange(DemoLedger.DatesInYear(random, Year, byDecember - byJune, [0, 0, 0, 0, 0, 0, .. SecondHalfMonths]).Select(d => (DateOnly?)d));
        var betweenYears = currentYear - Year - 1;
        while (dates.Count < total)
        {
            dates.Add(betweenYears > 0 && random.NextDouble() < 0.75
                ? random.DayBetween(new DateOnly(Year + 1, 1, 1), new DateOnly(currentYear - 1, 12, 31))
                : null);
        }

        random.ShuffleInPlace(dates);
        dates.CopyTo(block.Resolutions);
    }

    /// <summary>
    /// Spreads each city's total over its counties with uneven weights; some counties have none, development zones
    /// 开发区 rarely have any. Returns the figure per county id.
    /// </summary>
    internal static Dictionary<int, int> SpreadOverCounties(DemoProgramme programme, IReadOnlyDictionary<string, int> byCityCode, double zeroChance, double zoneZeroChance)
    {
        var random = programme.Random;
        var result = new Dictionary<int, int>();
        foreach (var city in programme.Tree.Cities)
        {
            var weights = city.Counties
                .Select(c => random.NextDouble() < (c.IsFunctionalZone ? zoneZeroChance : zeroChance)
                    ? 0
                    : c.IsFunctionalZone ? random.Between(0.1, 0.5) : random.Between(0.4, 1.6))
                .ToArray();
            if (weights.All(w => w == 0) && weights.Length > 0)
            {
                weights[0] = 1;
            }

            var parts = DemoMath.Apportion(byCityCode.GetValueOrDefault(city.Code), weights);
            for (var i = 0; i < city.Counties.Count; i++)
            {
                result[city.Counties[i].Id] = parts[i];
            }
        }

        return result;
    }
}

/// <summary>One prefecture-level unit's figures for a programme year (shares are of its own targets).</summary>
internal sealed record CityProfile(
    string Code,
    int UnitsToStart,
    double StartedByJune,
    double StartedByDecember,
    int HouseholdsToResolve,
    double ResolvedByJune,
    double ResolvedByDecember);

namespace AnjuPortal.Infrastructure.Seed.Demo;

/// <summary>
/// The current year up to the month just ended (from the clock, never a fixed year): a smaller programme of new
/// projects, the households of the 2020 ledger still open plus a few new ledger cases, and reports for every month
/// so far, so the live monthly cycle has a past to start from.
/// </summary>
internal static class DemoCurrentYear
{
    /// <summary>Per prefecture-level unit; household figures are the new cases opened this year (old open households come on top).</summary>
    internal static readonly IReadOnlyList<CityProfile> Cities =
    [
        new("220100", 2600, 0.50, 1.00, 120, 0, 0.55), // 长春
        new("220200", 1500, 0.48, 1.00, 80, 0, 0.55),  // 吉林
        new("220300", 700, 0.30, 0.90, 60, 0, 0.30),   // 四平: behind again
        new("220400", 450, 0.66, 1.00, 20, 0, 0.80),   // 辽源: ahead
        new("220500", 800, 0.47, 1.00, 40, 0, 0.55),   // 通化
        new("220600", 600, 0.35, 0.95, 50, 0, 0.45),   // 白山
        new("220700", 700, 0.45, 1.00, 40, 0, 0.55),   // 松原
        new("220800", 550, 0.28, 0.88, 50, 0, 0.30),   // 白城: behind
        new("222400", 900, 0.50, 1.00, 60, 0, 0.55),   // 延边
        new("229900", 100, 0.55, 1.00, 0, 0, 0.55),    // 长白山管委会
    ];

    // Resolutions per month of the current year (index 0 = January), slower in winter.
    private static readonly double[] MonthWeights = [1, 1, 2, 3, 3, 3, 4, 4, 4, 4, 4, 4];

    /// <param name="year">The current year (of the month just ended).</param>
    /// <param name="lastMonth">The month just ended: the last month with reports.</param>
    public static void Build(DemoProgramme programme, int year, int lastMonth)
    {
        var random = programme.Random;
        var profiles = Cities.ToDictionary(c => c.Code);
        var units = DemoProgramme2020.SpreadOverCounties(programme, Cities.ToDictionary(c => c.Code, c => c.UnitsToStart), zeroChance: 0.3, zoneZeroChance: 0.6);
        var newHouseholds = DemoProgramme2020.SpreadOverCounties(programme, Cities.ToDictionary(c => c.Code, c => c.HouseholdsToResolve), zeroChance: 0.6, zoneZeroChance: 0.9);
        var targets = new Dictionary<int, (int Start, int Complete, int Households)>();
        var caseCount = 0;
        foreach (var county in programme.Tree.Counties)
        {
            var profile = profiles[county.City.Code];
            var planned = units[county.Id];
            var june = (int)Math.Round(planned * profile.StartedByJune);
            var december = Math.Max(june, (int)Math.Round(planned * profile.StartedByDecember));
            var plans = DemoProjects.PlanCounty(programme, county, year, DemoProjects.SplitIntoProjects(planned, random), june, december, lastMonth).ToList();
            programme.Projects.AddRange(plans);

            // Households to resolve this year: what is still open from the 2020 ledger, plus this year's new cases.
            var oldBlocks = programme.Ledger.Where(b => b.County == county && b.OpenedYear < year).ToList();
            var open = oldBlocks.Sum(b => b.OpenAtStartOf(year));
            LedgerBlock? newBlock = null;
            if (newHouseholds[county.Id] > 0)
            {
                newBlock = DemoLedger.PlanCounty(programme, county, year, newHouseholds[county.Id], (year - 9, year - 7), ref caseCount);
                programme.Ledger.Add(newBlock);
            }

            var toResolve = open + (newBlock?.Resolutions.Length ?? 0);
            var resolvedSoFar = (int)Math.Round(toResolve * profile.ResolvedByDecember * lastMonth / 12.0 * 1.2);
            var dates = DemoLedger.DatesInYear(random, year, Math.Min(toResolve, resolvedSoFar), MonthWeights.Take(lastMonth).ToArray())
                .Select(d => (DateOnly?)d).ToList();
            dates.AddRange(Enumerable.Repeat<DateOnly?>(null, toResolve - dates.Count));
            random.ShuffleInPlace(dates);
            var next = 0;
            foreach (var block in oldBlocks)
            {
                for (var i = 0; i < block.Resolutions.Length; i++)
                {
                    if (block.Resolutions[i] is null)
                    {
                        block.Resolutions[i] = dates[next++];
                    }
                }
            }

            if (newBlock is not null)
            {
                for (var i = 0; i < newBlock.Resolutions.Length; i++)
                {
                    newBlock.Resolutions[i] = dates[next++];
                }
            }

            targets[county.Id] = (planned, (int)Math.Round(plans.Sum(p => p.Completed[12]) * 1.1), toResolve);
        }

        programme.AddTargets(year, targets);
        programme.ReportedMonths[year] = lastMonth;
    }
}

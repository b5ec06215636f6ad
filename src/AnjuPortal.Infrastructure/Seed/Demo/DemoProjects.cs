using System.Globalization;
using AnjuPortal.Domain.Projects;

namespace AnjuPortal.Infrastructure.Seed.Demo;

/// <summary>
/// Registers generated renovation projects and plans their construction month by month. A county's figures are
/// fixed first (units started by the end of June and of December); projects are then filled in a random order, so
/// the county's sum at any month is exact and each project's figures only go up.
/// </summary>
internal static class DemoProjects
{
    private static readonly string[] Areas =
    [
        "东风", "胜利", "解放", "红旗", "建设", "新华", "光明", "铁北", "站前", "河南街", "西山", "北山", "南岭", "东站",
        "煤矿", "林业局", "糖厂", "机车厂", "造纸厂", "纺织厂", "化工厂", "老城", "北大街", "团结", "友谊", "和平",
        "民主", "向阳", "幸福", "长青", "青年路", "工农", "新民", "永安", "兴隆", "富强",
    ];

    // Start months for projects started by June (cold region: little before April) and after June (all by 30 September).
    private static readonly double[] FirstHalfStartWeights = [0, 0, 0, 1, 3, 4, 3];
    private static readonly double[] SecondHalfStartWeights = [0, 0, 0, 0, 0, 0, 0, 3, 4, 3];

    /// <summary>Splits a county's planned units into projects of a few hundred units each.</summary>
    public static List<int> SplitIntoProjects(int units, Random random)
    {
        var sizes = new List<int>();
        var left = units;
        while (left > 0)
        {
            var size = random.Next(120, 720);
            if (left - size < 100)
            {
                size = left;
            }

            sizes.Add(size);
            left -= size;
        }

        return sizes;
    }

    /// <summary>
    /// Registers the projects of one county for one programme year and plans them so that the county has started
    /// exactly <paramref name="byJune"/> units at the end of June and <paramref name="byDecember"/> at the end of
    /// December. <paramref name="lastMonth"/> is the latest month reported: the project's own figures and stage are
    /// those of that month.
    /// </summary>
    public static IEnumerable<ProjectPlan> PlanCounty(DemoProgramme programme, DemoCounty county, int year, IReadOnlyList<int> sizes, int byJune, int byDecember, int lastMonth)
    {
        var random = programme.Random;
        var order = Enumerable.Range(0, sizes.Count).ToArray();
        random.ShuffleInPlace(order);
        var juneLeft = byJune;
        var decemberLeft = byDecember;
        var usedAreas = new HashSet<string>(StringComparer.Ordinal);
        for (var n = 0; n < order.Length; n++)
        {
            var planned = sizes[order[n]];
            var june = Math.Min(planned, juneLeft);
            var december = Math.Max(june, Math.Min(planned, decemberLeft));
            juneLeft -= june;
            decemberLeft -= december;

            var startMonth = june > 0 ? random.Pick(FirstHalfStartWeights) : december > 0 ? random.Pick(SecondHalfStartWeights) : 0;
            var started = new int[13];
            var completed = new int[13];
            var investment = new decimal[13];
            var unitCost = (decimal)Math.Round(random.Between(12, 19), 1);
            var cost = planned * unitCost;
            for (var m = 1; m <= 12; m++)
            {
                started[m] = StartedAt(m, startMonth, june, december);
                completed[m] = m > 5 ? (int)(started[m - 5] * 0.4) : 0;
                investment[m] = Math.Round(cost * ((0.3m * started[m]) + (0.5m * completed[m])) / planned, 2);
            }

            var code = string.Create(CultureInfo.InvariantCulture, $"PG{year}-{county.Code}-{n + 1:00}");
            var plannedStart = startMonth > 0
                ? random.DayIn(year, Math.Max(3, startMonth - random.Next(0, 2)))
                : random.DayIn(year, random.Next(5, 10));
            var project = RenovationProject.Register(code, county.Id, new RenovationProject.Details(
                $"{county.Name}{NextArea(random, usedAreas)}棚户区改造项目",
                year,
                planned,
                random.NextDouble() < 0.35 ? ResettlementMode.Monetary : random.NextDouble() < 0.5 ? ResettlementMode.InKind : ResettlementMode.Mixed,
                programme.People.NextOfficial(),
                plannedStart,
                plannedStart.AddMonths(random.Next(24, 37))));

            var reportedStarted = started[lastMonth];
            if (startMonth > 0 && startMonth <= lastMonth)
            {
                AdvanceTo(project, ProjectStage.UnderConstruction, random.DayIn(year, startMonth));
                project.RecordProgress(reportedStarted, completed[lastMonth]);
            }
            else
            {
                AdvanceTo(project, random.NextDouble() < 0.7 ? ProjectStage.Expropriation : ProjectStage.Financing, plannedStart.AddDays(-30));
            }

            var households = (int)Math.Round(planned * random.Between(0.7, 1.0));
            if (reportedStarted > 0)
            {
                // 先签约、先搬迁: a site where building has started has been fully signed and cleared.
                project.RecordExpropriation(households, households, households);
            }
            else
            {
                var signed = (int)Math.Round(households * random.Between(0.6, 0.95));
                project.RecordExpropriation(households, signed, (int)Math.Round(signed * random.Between(0.5, 0.95)));
            }

            SetFunding(project, cost, investment[lastMonth], random);
            yield return new ProjectPlan(project, county, year, started, completed, investment);
        }
    }

    /// <summary>
    /// Registers the old project (batch 2013–2017 for the 2020 ledger) behind a ledger case, with a stage that fits
    /// the case's category: a 已开工 or 资金短缺停工 project is under construction, a 主体建成 one is structurally complete, and so on.
    /// </summary>
    public static RenovationProject RegisterLedgerProject(DemoProgramme programme, DemoCounty county, int batchYear, int sequence, int households, Domain.OverdueResettlement.OverdueCategory category)
    {
        var random = programme.Random;
        var planned = households + random.Next(20, 400);
        var plannedStart = random.DayIn(batchYear, random.Next(4, 10));
        var code = string.Create(CultureInfo.InvariantCulture, $"PG{batchYear}-{county.Code}-L{sequence:00}");
        var project = RenovationProject.Register(code, county.Id, new RenovationProject.Details(
            $"{county.Name}{Areas[random.Next(Areas.Length)]}棚改回迁安置项目（{batchYear}年批次）",
            batchYear,
            planned,
            random.NextDouble() < 0.8 ? ResettlementMode.InKind : ResettlementMode.Mixed,
            programme.People.NextOfficial(),
            plannedStart,
            plannedStart.AddMonths(random.Next(20, 27))));

        var stage = DemoLedger.StageFor(category, random);
        var expropriate = (int)Math.Round(planned * 0.9);
        if (stage >= ProjectStage.UnderConstruction)
        {
            AdvanceTo(project, stage, plannedStart.AddDays(random.Next(30, 400)));
            var done = stage >= ProjectStage.StructureCompleted ? planned : (int)(planned * random.Between(0, 0.5));
            project.RecordProgress(planned, done);
            project.RecordExpropriation(expropriate, expropriate, expropriate);
        }
        else
        {
            AdvanceTo(project, stage, plannedStart);
            var signed = (int)Math.Round(expropriate * random.Between(0.85, 0.98));
            project.RecordExpropriation(expropriate, signed, (int)Math.Round(signed * random.Between(0.8, 1.0)));
        }

        var cost = planned * (decimal)Math.Round(random.Between(9, 14), 1);
        SetFunding(project, cost, stage >= ProjectStage.UnderConstruction ? cost * (decimal)random.Between(0.4, 0.8) : cost * 0.1m, random);
        return project;
    }

    /// <summary>
    /// Money by source, in 万元: allocated from the cost, received a share of allocated, spent (the investment so
    /// far) spread over the sources in proportion to what they received, never more than received.
    /// </summary>
    private static void SetFunding(RenovationProject project, decimal cost, decimal toSpend, Random random)
    {
        var lines = new List<(FundingSource Source, decimal Allocated, decimal Received)>
        {
            (FundingSource.CentralSubsidy, cost * 0.12m, cost * 0.12m),
            (FundingSource.SpecialBonds, cost * 0.35m, cost * 0.35m * (decimal)random.Between(0.6, 1.0)),
            (FundingSource.LocalFiscal, cost * 0.08m, cost * 0.08m * (decimal)random.Between(0.7, 1.0)),
        };
        if (random.NextDouble() < 0.5)
        {
            lines.Add((FundingSource.PolicyBankLoans, cost * 0.25m, cost * 0.25m * (decimal)random.Between(0.4, 0.9)));
        }

        if (random.NextDouble() < 0.3)
        {
            lines.Add((FundingSource.SocialCapital, cost * 0.15m, cost * 0.15m * (decimal)random.Between(0.3, 0.8)));
        }

        var totalReceived = lines.Sum(l => Math.Round(l.Received, 2));
        foreach (var (source, allocated, received) in lines)
        {
            var r = Math.Round(received, 2);
            var spent = totalReceived == 0 ? 0 : Math.Min(r, Math.Round(toSpend * r / totalReceived, 2));
            project.SetFunding(source, Math.Round(allocated, 2), r, spent);
        }
    }

    private static int StartedAt(int month, int startMonth, int byJune, int byDecember)
    {
        if (startMonth == 0 || month < startMonth)
        {
            return 0;
        }

        if (byJune > 0)
        {
            return month <= 6
                ? (int)Math.Ceiling(byJune * (month - startMonth + 1) / (double)(7 - startMonth))
                : byJune + (int)Math.Round((byDecember - byJune) * Math.Min(1, (month - 6) / 3.0));
        }

        return (int)Math.Ceiling(byDecember * Math.Min(1, (month - startMonth + 1) / 3.0));
    }

    private static void AdvanceTo(RenovationProject project, ProjectStage target, DateOnly startDate)
    {
        for (var stage = project.Stage + 1; stage <= target; stage++)
        {
            project.AdvanceStage(stage, startDate.AddDays(30 * (stage - ProjectStage.UnderConstruction)));
        }
    }

    private static string NextArea(Random random, HashSet<string> used)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var area = Areas[random.Next(Areas.Length)];
            if (used.Add(area))
            {
                return area + "片区";
            }
        }

        var fallback = Areas[random.Next(Areas.Length)];
        return $"{fallback}片区（{used.Count + 1}期）";
    }
}

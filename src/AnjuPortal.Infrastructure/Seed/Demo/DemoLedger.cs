using AnjuPortal.Domain.OverdueResettlement;
using AnjuPortal.Domain.Projects;

namespace AnjuPortal.Infrastructure.Seed.Demo;

/// <summary>
/// Plans the overdue-resettlement ledger 棚改逾期未安置台账: cases in the nine categories of the notice, each on an
/// old project, and when each household is resolved and how.
/// </summary>
internal static class DemoLedger
{
    /// <summary>Share of cases per category (index = category - 1): 已开工 and 主体建成、配套不完善 are the common ones, “死结” the rare one.</summary>
    private static readonly double[] CategoryWeights = [10, 22, 12, 8, 14, 12, 10, 7, 5];

    /// <summary>
    /// Weights of 回迁安置, 货币化安置, 异地安置, 过渡性安置 per category (index = category - 1), following the measures
    /// the notice prescribes: where nothing can be built, money, off-site housing and transitional housing.
    /// </summary>
    private static readonly double[][] MethodWeights =
    [
        [1, 4, 3, 3], // 涉法涉诉
        [8, 0, 0, 2], // 已开工
        [0, 4, 3, 3], // 未开工
        [0, 4, 3, 3], // 无法建设、群众要求原地回迁
        [9, 1, 0, 0], // 主体建成、配套不完善
        [5, 2, 0, 3], // 资金短缺停工
        [9, 0, 0, 1], // 建成未验收
        [4, 3, 0, 3], // 企业不兑现协议
        [0, 4, 4, 2], // “死结”
    ];

    public static ResolutionMethod MethodFor(OverdueCategory category, Random random)
        => (ResolutionMethod)random.Pick(MethodWeights[(int)category - 1]);

    /// <summary>The stage of the project behind a case, consistent with its category.</summary>
    public static ProjectStage StageFor(OverdueCategory category, Random random) => category switch
    {
        OverdueCategory.NotStarted or OverdueCategory.CannotBuild => ProjectStage.Expropriation,
        OverdueCategory.InfrastructureMissing or OverdueCategory.NotAccepted => ProjectStage.StructureCompleted,
        OverdueCategory.DeadKnot => random.NextDouble() < 0.5 ? ProjectStage.Expropriation : ProjectStage.UnderConstruction,
        OverdueCategory.Litigation => random.NextDouble() < 0.7 ? ProjectStage.UnderConstruction : ProjectStage.StructureCompleted,
        _ => ProjectStage.UnderConstruction,
    };

    /// <summary>
    /// The deadline of a case of <paramref name="category"/> in <paramref name="year"/>: litigation goes to court by
    /// the end of September (“对9月底法院不能判决的…”), everything else must be resolved by the end of the year.
    /// </summary>
    public static DateOnly TargetDate(OverdueCategory category, int year)
        => category == OverdueCategory.Litigation ? new DateOnly(year, 9, 30) : new DateOnly(year, 12, 31);

    /// <summary>
    /// Plans the cases of one county: <paramref name="households"/> split into cases of 15–260 households, each on
    /// an old project of a batch year in <paramref name="batchYears"/>. The first cases of the whole ledger take the
    /// nine categories in turn, so every category is present.
    /// </summary>
    public static LedgerBlock PlanCounty(DemoProgramme programme, DemoCounty county, int openedYear, int households, (int First, int Last) batchYears, ref int caseCount)
    {
        var random = programme.Random;
        var cases = new List<CasePlan>();
        var left = households;
        // Numbering continues over the county's earlier ledger blocks, so project codes stay unique.
        var sequence = programme.Ledger.Where(b => b.County == county).Sum(b => b.Cases.Count);
        while (left > 0)
        {
            var size = random.Next(15, 261);
            if (left - size < 15)
            {
                size = left;
            }

            var category = caseCount < 9 ? (OverdueCategory)(caseCount + 1) : (OverdueCategory)(random.Pick(CategoryWeights) + 1);
            var batch = random.Next(batchYears.First, batchYears.Last + 1);
            if (batch == DemoProgramme2020.Year)
            {
                // A 2020 batch would count in the 2020 programme's totals; the ledger's projects are older.
                batch--;
            }

            var project = DemoProjects.RegisterLedgerProject(programme, county, batch, ++sequence, size, category);
            var latestPromise = project.PlannedCompletionDate.AddDays(random.Next(0, 180));
            var lastAllowed = new DateOnly(openedYear - 1, 12, 31);
            cases.Add(new CasePlan(
                project,
                category,
                TargetDate(category, openedYear),
                programme.People.NextOfficial(),
                size,
                latestPromise > lastAllowed ? lastAllowed : latestPromise));
            left -= size;
            caseCount++;
        }

        return new LedgerBlock(county, openedYear, cases);
    }

    /// <summary>
    /// Spreads <paramref name="count"/> resolutions over the given months of <paramref name="year"/> with the given
    /// weights (index 0 = January) and returns their dates.
    /// </summary>
    public static IEnumerable<DateOnly> DatesInYear(Random random, int year, int count, IReadOnlyList<double> monthWeights)
    {
        var perMonth = DemoMath.Apportion(count, monthWeights);
        for (var m = 0; m < perMonth.Length; m++)
        {
            for (var i = 0; i < perMonth[m]; i++)
            {
                yield return random.DayIn(year, m + 1);
            }
        }
    }
}

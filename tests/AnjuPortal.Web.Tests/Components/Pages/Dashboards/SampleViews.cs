using AnjuPortal.Application.Dashboards;
using AnjuPortal.Domain.Jurisdictions;
using AnjuPortal.Domain.Progress;
using AnjuPortal.Domain.Projects;

namespace AnjuPortal.Web.Tests.Components.Pages.Dashboards;

/// <summary>
/// Dashboard views built by hand, as the statistics would build them, for the end of October 2026 (time progress
/// 83.3 %): the province with three cities and 长白山 (no plan), and a county with its projects.
/// </summary>
internal static class SampleViews
{
    public const int Year = 2026;
    public const int Month = 10;
    public const decimal Time = 83.3m;

    public static readonly DashboardUnit Province = new(1, "220000", "吉林省", JurisdictionLevel.Province, true);
    public static readonly DashboardUnit Changchun = new(2, "220100", "长春市", JurisdictionLevel.Prefecture, true);
    public static readonly DashboardUnit Jilin = new(3, "220200", "吉林市", JurisdictionLevel.Prefecture, true);
    public static readonly DashboardUnit Siping = new(4, "220300", "四平市", JurisdictionLevel.Prefecture, true);
    public static readonly DashboardUnit Changbaishan = new(5, "229900", "长白山管委会", JurisdictionLevel.Prefecture, true);
    public static readonly DashboardUnit Nanguan = new(12, "220102", "南关区", JurisdictionLevel.County, false);
    public static readonly DashboardUnit Kuancheng = new(13, "220103", "宽城区", JurisdictionLevel.County, false);

    public static UnitProgress Progress(DashboardUnit unit, long plan, long started, long completed = 0, long households = 0, long resolved = 0, int approved = 1, int reporting = 1)
        => new(unit,
            MeasureProgress.Of(plan, started, Month),
            MeasureProgress.Of(plan, completed, Month),
            MeasureProgress.Of(households, resolved, Month),
            HouseholdsWaiting: households - resolved,
            Projects: 3,
            InvestmentCompleted: 1000m,
            ReportingUnits: reporting,
            ApprovedUnits: approved);

    /// <summary>
    /// 吉林市 first (90.0 %, up from third), 四平市 second (85.0 %, unchanged), 长春市 third (41.5 %, gap −41.8, down from
    /// first); 长白山 has no plan and no rank.
    /// </summary>
    public static DashboardView ProvinceView(bool frozen = false)
    {
        var changchun = Progress(Changchun, 18_002, 7_471, 3_000, 10_850, 1_823, approved: 5, reporting: 7);
        var jilin = Progress(Jilin, 1_000, 900, 500, 200, 150);
        var siping = Progress(Siping, 400, 340, 100, 100, 90);
        var changbaishan = Progress(Changbaishan, 0, 0);
        var children = new List<UnitRanking>
        {
            new(changchun, 3, 1, new BandRank(1, 1, 1), -10m),
            new(jilin, 1, 3, new BandRank(2, 1, 1), -5m),
            new(siping, 2, 2, new BandRank(3, 1, 1), 0m),
            new(changbaishan, null, null, null, null),
        };
        var unit = Progress(Province, 19_402, 8_711, 3_600, 11_150, 2_063, approved: 40, reporting: 69);
        var calendar = ConstructionCalendar.ColdRegion;
        return new DashboardView(
            unit, Year, Month, frozen, Time,
            Months: Enumerable.Range(1, 10).Select(m => new DashboardMonth(m, m < 10 || frozen)).ToList(),
            Children: children,
            Trend: Enumerable.Range(1, 10).Select(m => new TrendPoint(m, 8_711L * m / 10, 3_600L * m / 10, 2_063L * m / 10, ProgressMeasures.TimeProgress(m), m < 10)).ToList(),
            Deadlines:
            [
                new(DashboardMeasure.UnitsStarted, new DateOnly(Year, 9, 30), 19_402, 8_711, 10_691, -31),
                new(DashboardMeasure.UnitsBasicallyCompleted, new DateOnly(Year, 12, 31), 19_402, 3_600, 15_802, 61),
                new(DashboardMeasure.HouseholdsResolved, new DateOnly(Year, 12, 31), 11_150, 2_063, 9_087, 61),
            ],
            Warnings:
            [
                new(Siping, DashboardMeasure.UnitsBasicallyCompleted, Projection.For(400, 100, Month, 12, calendar)),
                new(Jilin, DashboardMeasure.UnitsBasicallyCompleted, Projection.For(1_000, 900, Month, 12, calendar)),
                new(Changchun, DashboardMeasure.UnitsBasicallyCompleted, Projection.For(18_002, 3_000, Month, 12, calendar)),
            ],
            Projects: [],
            Trail: []);
    }

    /// <summary>The city of 长春 with its two counties, seen by a province user (the trail starts at the province).</summary>
    public static DashboardView CityView()
    {
        var nanguan = Progress(Nanguan, 10_000, 3_000, 1_000, 6_000, 1_000);
        var kuancheng = Progress(Kuancheng, 8_002, 4_471, 2_000, 4_850, 823);
        return ProvinceView() with
        {
            Unit = Progress(Changchun, 18_002, 7_471, 3_000, 10_850, 1_823, approved: 5, reporting: 7),
            Children =
            [
                new(kuancheng, 1, 1, new BandRank(1, 1, 1), null),
                new(nanguan, 2, 2, new BandRank(2, 1, 1), null),
            ],
            Warnings = [],
            Trail = [Province],
        };
    }

    /// <summary>南关区 with a lagging project (not started) and one on time, in the register's order (on time first).</summary>
    public static DashboardView CountyView() => ProvinceView() with
    {
        Unit = Progress(Nanguan, 10_000, 3_000, 1_000, 6_000, 1_000),
        Children = [],
        Warnings = [],
        Trail = [Province, Changchun],
        Projects =
        [
            new(101, "NG-2026-001", "东大桥片区棚户区改造项目", ProjectStage.UnderConstruction, new DateOnly(Year, 4, 1), 600, 600, 300, 100.0m, false),
            new(102, "NG-2026-002", "永吉街片区棚户区改造项目", ProjectStage.Expropriation, new DateOnly(Year, 5, 1), 800, 0, 0, 0.0m, true),
        ],
    };
}

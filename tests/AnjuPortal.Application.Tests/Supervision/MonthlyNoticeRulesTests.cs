using AnjuPortal.Application.Supervision.MonthlyNotice;

namespace AnjuPortal.Application.Tests.Supervision;

/// <summary>
/// The 月通报's rules on worked examples, every number computed by hand. The main example is the end of June (time
/// progress 50.0 %) with the defaults: praise the top 3 at or above time progress, criticise the last 2 when behind or
/// anyone more than 20 points behind, propose for summons whoever is behind two months running.
/// </summary>
public sealed class MonthlyNoticeRulesTests
{
    // Units started, task progress at the end of June, gap = progress − 50.0, and the gap at the end of May (time 41.7).
    private static readonly CityStanding[] June =
    [
        City("220100", "长春市", 50.0m, 0.0m, 1.3m),     // rank 1, at time progress: praised
        City("220200", "吉林市", 45.0m, -5.0m, -3.0m),   // rank 2 but behind: not praised; behind twice: summons
        City("222400", "延边朝鲜族自治州", 44.0m, -6.0m, 0.3m), // rank 3, behind; ahead in May: no summons
        City("220300", "四平市", 41.0m, -9.0m, -2.0m),   // rank 4; summons
        City("220500", "通化市", 40.0m, -10.0m, (decimal?)null),   // rank 5; no frozen May: the run is broken, no summons
        City("220600", "白山市", 35.0m, -15.0m, -6.7m),  // rank 6; summons
        City("220700", "松原市", 29.0m, -21.0m, 1.0m),   // rank 7: not in the last 2, but 21 > 20 points behind: criticised
        City("220400", "辽源市", 28.0m, -22.0m, -10.0m), // rank 8: last 2, criticised; summons
        City("220800", "白城市", 21.8m, -28.2m, -12.0m), // rank 9: last 2, criticised; summons
        City("229900", "长白山管委会", null, null), // no plan: unranked, never named
    ];

    private static CityStanding City(string code, string name, decimal? progress, decimal? gap, params decimal?[] earlier)
        => new(code, name, progress, gap, earlier);

    private static string[] Names(IEnumerable<CityVerdict> verdicts) => verdicts.Select(v => v.City.Name).ToArray();

    [Fact]
    public void Judge_WorkedExampleOfJune_WithTheDefaults()
    {
        var judgement = MonthlyNoticeRules.Judge(June, new MonthlyNoticeOptions());

        Assert.Equal(9, judgement.Ranked);
        Assert.Equal(["长春市"], Names(judgement.Praised));
        Assert.Equal(1, judgement.Praised[0].Rank);
        Assert.Equal(["松原市", "辽源市", "白城市"], Names(judgement.Criticised));
        Assert.Equal([7, 8, 9], judgement.Criticised.Select(v => v.Rank!.Value));
        Assert.Equal(["吉林市", "四平市", "白山市", "辽源市", "白城市"], Names(judgement.Summoned));
        Assert.All(judgement.Summoned, v => Assert.Equal(2, v.MonthsBehind));
    }

    [Fact]
    public void Judge_ChangesWithTheConfiguredRules()
    {
        var options = new MonthlyNoticeOptions { PraiseTop = 3, PraiseMinimumGap = -6.0m, CriticiseBottom = 4, CriticiseGapBelow = 30m, SummonsMonths = 0 };

        var judgement = MonthlyNoticeRules.Judge(June, options);

        // Top 3 within 6 points of time progress: 长春 (0.0), 吉林 (−5.0), 延边 (−6.0, "at least −6.0").
        Assert.Equal(["长春市", "吉林市", "延边朝鲜族自治州"], Names(judgement.Praised));
        // The last 4 places are ranks above 9 − 4 = 5: 白山 6, 松原 7, 辽源 8, 白城 9; nobody is 30 points behind.
        Assert.Equal(["白山市", "松原市", "辽源市", "白城市"], Names(judgement.Criticised));
        Assert.Empty(judgement.Summoned); // SummonsMonths = 0: nobody is proposed
    }

    [Fact]
    public void Judge_ThreeMonthsRunning_NeedsTheTwoMonthsBefore()
    {
        CityStanding[] cities =
        [
            City("1", "甲市", 30m, -20m, -10m, -5m),   // behind in June, May and April: 3 months
            City("2", "乙市", 31m, -19m, -10m, 2m),    // ahead in April: 2 months only
            City("3", "丙市", 32m, -18m, -10m),        // April not known: 2 months only
        ];

        var judgement = MonthlyNoticeRules.Judge(cities, new MonthlyNoticeOptions { SummonsMonths = 3 });

        Assert.Equal(["甲市"], Names(judgement.Summoned));
        Assert.Equal(3, judgement.Summoned[0].MonthsBehind);
    }

    [Fact]
    public void Judge_TiesShareARank_SoATieOnTheLastPraisedPlaceIsPraisedTwice()
    {
        // Time progress 50.0: ranks 1, 2, 3, 3, 5 (competition ranking).
        CityStanding[] cities =
        [
            City("1", "甲市", 60m, 10m), City("2", "乙市", 55m, 5m), City("3", "丙市", 52m, 2m), City("4", "丁市", 52m, 2m), City("5", "戊市", 10m, -40m),
        ];

        var judgement = MonthlyNoticeRules.Judge(cities, new MonthlyNoticeOptions());

        Assert.Equal(["甲市", "乙市", "丙市", "丁市"], Names(judgement.Praised));
        // The last 2 places: ranks above 5 − 2 = 3; 丁市 shares rank 3 and is praised; only 戊市 (rank 5, behind) is criticised.
        Assert.Equal(["戊市"], Names(judgement.Criticised));
    }

    [Fact]
    public void Judge_NobodyIsCriticisedForTheLastPlace_WhenEveryoneIsAheadOfTimeProgress()
    {
        CityStanding[] cities = [City("1", "甲市", 80m, 30m, -1m), City("2", "乙市", 70m, 20m), City("3", "丙市", 60m, 10m), City("4", "丁市", 51m, 1m)];

        var judgement = MonthlyNoticeRules.Judge(cities, new MonthlyNoticeOptions());

        Assert.Empty(judgement.Criticised);
        Assert.Empty(judgement.Summoned); // 甲市 was behind in May, but is ahead now
        Assert.Equal(3, judgement.Praised.Count);
    }

    [Theory]
    [InlineData(-1.0, new double[] { -2.0, -3.0 }, 3)]
    [InlineData(-1.0, new double[] { -2.0, 0.0, -3.0 }, 2)] // at time progress (gap 0) is not behind: the run stops
    [InlineData(0.0, new double[] { -2.0 }, 0)]
    [InlineData(-0.1, new double[] { }, 1)]
    public void MonthsBehind_CountsTheRunUpToThisMonth(double gap, double[] earlier, int expected)
        => Assert.Equal(expected, MonthlyNoticeRules.MonthsBehind(new CityStanding("1", "甲市", 40m, (decimal)gap, earlier.Select(e => (decimal?)e).ToList())));

    [Fact]
    public void Options_AreCheckedAtStart()
    {
        Assert.True(new MonthlyNoticeOptions().IsValid());
        Assert.False(new MonthlyNoticeOptions { PraiseTop = -1 }.IsValid());
        Assert.False(new MonthlyNoticeOptions { SummonsMonths = 13 }.IsValid());
        Assert.False(new MonthlyNoticeOptions { DraftWithinMonths = 0 }.IsValid());
        Assert.False(new MonthlyNoticeOptions { MainRecipients = " " }.IsValid());
        Assert.False(new MonthlyNoticeOptions { Measure = (AnjuPortal.Application.Dashboards.DashboardMeasure)9 }.IsValid());
    }
}

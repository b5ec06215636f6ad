using AnjuPortal.Domain.Progress;

namespace AnjuPortal.Application.Supervision.MonthlyNotice;

/// <summary>
/// A city (市（州）, or whatever the children of the notice's unit are) as the rules see it on one measure: its task
/// progress and gap to time progress this month (none without a plan), and its gaps of the months before, most recent
/// first (null where that month has no frozen figures or no plan).
/// </summary>
public sealed record CityStanding(string Code, string Name, decimal? TaskProgress, decimal? Gap, IReadOnlyList<decimal?> EarlierGaps);

/// <summary>A city the rules picked, with its rank (null when unranked) and the months it has been behind running.</summary>
public sealed record CityVerdict(CityStanding City, int? Rank, int MonthsBehind);

/// <summary>What the rules decided for one month: whom to praise 通报表扬, criticise 通报批评 and propose for summons 拟约谈, each in ranking order.</summary>
public sealed record NoticeJudgement(int Ranked, IReadOnlyList<CityVerdict> Praised, IReadOnlyList<CityVerdict> Criticised, IReadOnlyList<CityVerdict> Summoned);

/// <summary>
/// The rules of the 月通报, pure and configurable (<see cref="MonthlyNoticeOptions"/>); ranks are the dashboards'
/// competition ranking (<see cref="Ranking.Competition{TKey}"/>: 1, 2, 2, 4; cities without a plan are not ranked and
/// are never praised, criticised or summoned):
/// <list type="bullet">
/// <item>表扬 praise: rank ≤ <see cref="MonthlyNoticeOptions.PraiseTop"/> and gap ≥ <see cref="MonthlyNoticeOptions.PraiseMinimumGap"/>.</item>
/// <item>批评 criticise: not praised, behind time progress (gap &lt; 0), and either among the last
/// <see cref="MonthlyNoticeOptions.CriticiseBottom"/> places (rank &gt; ranked − N) or more than
/// <see cref="MonthlyNoticeOptions.CriticiseGapBelow"/> points behind.</item>
/// <item>约谈 summons: behind time progress this month and each of the <see cref="MonthlyNoticeOptions.SummonsMonths"/> − 1
/// months before it (frozen figures; a month without figures breaks the run).</item>
/// </list>
/// </summary>
public static class MonthlyNoticeRules
{
    public static NoticeJudgement Judge(IReadOnlyList<CityStanding> cities, MonthlyNoticeOptions options)
    {
        ArgumentNullException.ThrowIfNull(cities);
        ArgumentNullException.ThrowIfNull(options);
        var ranks = Ranking.Competition(cities.Select(c => (c.Code, c.TaskProgress)));
        var ranked = ranks.Count;
        var verdicts = cities
            .Where(c => ranks.ContainsKey(c.Code) && c.Gap is not null)
            .Select(c => new CityVerdict(c, ranks[c.Code], MonthsBehind(c)))
            .OrderBy(v => v.Rank).ThenBy(v => v.City.Code, StringComparer.Ordinal)
            .ToList();

        var praised = verdicts.Where(v => v.Rank <= options.PraiseTop && v.City.Gap >= options.PraiseMinimumGap).ToList();
        var criticised = verdicts
            .Where(v => !praised.Contains(v) && v.City.Gap < 0
                && (v.Rank > ranked - options.CriticiseBottom || v.City.Gap < -options.CriticiseGapBelow))
            .ToList();
        var summoned = options.SummonsMonths <= 0 ? [] : verdicts.Where(v => v.MonthsBehind >= options.SummonsMonths).ToList();
        return new NoticeJudgement(ranked, praised, criticised, summoned);
    }

    /// <summary>How many months running, up to this one, the city has been behind time progress (0 when it is not behind now).</summary>
    public static int MonthsBehind(CityStanding city)
    {
        ArgumentNullException.ThrowIfNull(city);
        if (city.Gap is not < 0)
        {
            return 0;
        }

        var months = 1;
        foreach (var gap in city.EarlierGaps)
        {
            if (gap is not < 0)
            {
                break;
            }

            months++;
        }

        return months;
    }
}

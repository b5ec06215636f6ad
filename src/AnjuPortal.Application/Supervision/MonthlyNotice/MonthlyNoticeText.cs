using System.Globalization;
using AnjuPortal.Application.Dashboards;
using AnjuPortal.Domain.Jurisdictions;
using AnjuPortal.Domain.Progress;
using AnjuPortal.Domain.Supervision;

namespace AnjuPortal.Application.Supervision.MonthlyNotice;

/// <summary>
/// Writes the 月通报 from a frozen month's dashboard of the notice's unit (the province) and the rules' judgement, in
/// the words and order of the province's notices: 一、总体进展情况 (the province against its plan and time progress),
/// 二、各地进展排名 (the ranking table), 三、通报表扬, 四、通报批评, 五、拟约谈, 六、下一步工作要求. Figures are written as the
/// notices write them: whole numbers without separators (7471套), percentages with one decimal (41.5%), gaps in
/// percentage points. Pure: the same view and options always give the same text.
/// </summary>
public static class MonthlyNoticeText
{
    public static NoticeContent Compose(DashboardView view, NoticeJudgement judgement, MonthlyNoticeOptions options, string issuingOffice)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(judgement);
        ArgumentNullException.ThrowIfNull(options);
        var scope = Scope(view.Unit.Unit.Level);
        var month = view.Month;
        var time = view.TimeProgress;
        var measure = MeasureName(options.Measure);
        var body = new List<string>
        {
            $"现将{view.Year}年{month}月{scope}棚户区改造和解决棚改逾期未安置问题工作进展情况通报如下。",
            "一、总体进展情况",
            Overall(view, scope),
            "二、各地进展排名",
            $"按{measure}任务进度排名（时间进度{Percent(time)}），各地进展情况如下：",
        };
        body.AddRange(RankingTable(view, options.Measure));

        body.Add("三、通报表扬");
        body.Add(judgement.Praised.Count > 0
            ? string.Join("；", judgement.Praised.Select(v => Standing(v, scope, measure))) + $"。对以上{Count(judgement.Praised.Count)}予以通报表扬。"
            : $"本月没有地区{measure}任务进度居{scope}前{options.PraiseTop}位且达到时间进度，不作通报表扬。");

        body.Add("四、通报批评");
        body.Add(judgement.Criticised.Count > 0
            ? string.Join("；", judgement.Criticised.Select(v => Standing(v, scope, measure))) + $"。对以上{Count(judgement.Criticised.Count)}予以通报批评。"
            : "本月没有地区达到通报批评条件。");

        body.Add("五、拟约谈");
        body.Add(options.SummonsMonths <= 0
            ? "本月不提出约谈建议。"
            : judgement.Summoned.Count > 0
                ? string.Join("；", judgement.Summoned.Select(v => $"{v.City.Name}{measure}任务进度已连续{v.MonthsBehind}个月滞后于时间进度（本月{GapWords(v.City.Gap!.Value)}）"))
                    + $"。拟由{options.SummonedBy}约谈上述地区政府分管负责同志。"
                : $"本月没有地区{measure}任务进度连续{options.SummonsMonths}个月滞后于时间进度，暂不提出约谈建议。");

        body.Add("六、下一步工作要求");
        body.AddRange(options.NextSteps.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Replace("{0}", view.Year.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)));

        return new NoticeContent(
            Title(view.Year, month, scope),
            options.MainRecipients,
            string.Join("\n", body),
            issuingOffice,
            options.CopyTo);
    }

    /// <summary>标题: 关于2026年10月全省棚户区改造和解决棚改逾期未安置问题工作进展情况的通报.</summary>
    public static string Title(int year, int month, string scope) => $"关于{year}年{month}月{scope}棚户区改造和解决棚改逾期未安置问题工作进展情况的通报";

    /// <summary>全省 for a province's notice (全国 for a ministry's, 全市 for a city's).</summary>
    public static string Scope(JurisdictionLevel level) => level switch
    {
        JurisdictionLevel.Nation => "全国",
        JurisdictionLevel.Province => "全省",
        JurisdictionLevel.Prefecture => "全市",
        _ => "全县",
    };

    public static string MeasureName(DashboardMeasure measure) => measure switch
    {
        DashboardMeasure.UnitsStarted => "棚户区改造开工",
        DashboardMeasure.UnitsBasicallyCompleted => "棚户区改造基本建成",
        _ => "解决棚改逾期未安置问题",
    };

    /// <summary>滞后8.5个百分点 / 超前2.0个百分点 / 达到时间进度.</summary>
    public static string GapWords(decimal gap)
        => gap < 0 ? $"滞后时间进度{Number(-gap)}个百分点" : gap > 0 ? $"超前时间进度{Number(gap)}个百分点" : "与时间进度持平";

    /// <summary>The ranking table as body lines (first row the header), ranked on <paramref name="measure"/>; unranked units last with 一.</summary>
    public static IEnumerable<string> RankingTable(DashboardView view, DashboardMeasure measure)
    {
        ArgumentNullException.ThrowIfNull(view);
        var ranks = Ranking.Competition(view.Children.Select(c => (c.Progress.Unit.Id, c.Progress[measure].TaskProgress)));
        yield return NoticeBody.Row(["排名", "地区", "开工（套）", "开工进度", "基本建成（套）", "基本建成进度", "解决逾期未安置（户）", "解决进度"]);
        foreach (var child in view.Children.Select(c => c.Progress)
                     .OrderBy(c => ranks.TryGetValue(c.Unit.Id, out var r) ? r : int.MaxValue).ThenBy(c => c.Unit.Code, StringComparer.Ordinal))
        {
            yield return NoticeBody.Row([
                ranks.TryGetValue(child.Unit.Id, out var rank) ? rank.ToString(CultureInfo.InvariantCulture) : "—",
                child.Unit.Name,
                Whole(child.Started.Done), Percent(child.Started.TaskProgress),
                Whole(child.Completed.Done), Percent(child.Completed.TaskProgress),
                Whole(child.Households.Done), Percent(child.Households.TaskProgress),
            ]);
        }
    }

    private static string Overall(DashboardView view, string scope)
    {
        var u = view.Unit;
        var facts = string.Join("；", new[]
        {
            Against($"{scope}棚户区改造开工", u.Started, "套"),
            Against("基本建成", u.Completed, "套"),
            Against("解决棚改逾期未安置问题", u.Households, "户"),
        });
        var gaps = new[] { ("棚户区改造开工", u.Started), ("基本建成", u.Completed), ("解决棚改逾期未安置问题", u.Households) }
            .Where(g => g.Item2.Gap is not null).Select(g => g.Item1 + GapWords(g.Item2.Gap!.Value)).ToList();
        var against = gaps.Count > 0 ? $"按时间进度（{Percent(view.TimeProgress)}）衡量，{string.Join("，", gaps)}。" : string.Empty;
        var behind = new[] { u.Started, u.Completed, u.Households }.Count(m => m.Gap < 0);
        var verdict = behind switch
        {
            0 => "各项任务均达到时间进度。",
            3 => "各项任务均滞后于时间进度，形势严峻。",
            _ => "部分任务滞后于时间进度。",
        };
        return $"截至{view.Month}月底，{facts}。{against}{(gaps.Count > 0 ? verdict : string.Empty)}";
    }

    private static string Against(string what, MeasureProgress measure, string unit)
        => measure.Plan > 0
            ? $"{what}{Whole(measure.Done)}{unit}，完成年度计划{Whole(measure.Plan)}{unit}的{Percent(measure.TaskProgress)}"
            : $"{what}{Whole(measure.Done)}{unit}（未下达年度计划）";

    private static string Standing(CityVerdict v, string scope, string measure)
        => $"{v.City.Name}{measure}任务进度{Percent(v.City.TaskProgress)}，居{scope}第{v.Rank}位，{GapWords(v.City.Gap!.Value)}";

    private static string Count(int n) => n == 1 ? "地区" : $"{n}个地区";

    private static string Whole(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(decimal value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Percent(decimal? value) => value is { } v ? Number(v) + "%" : "—";
}

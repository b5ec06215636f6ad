using AnjuPortal.Application.Dashboards;

namespace AnjuPortal.Application.Supervision.MonthlyNotice;

/// <summary>
/// Configuration section <c>Supervision:MonthlyNotice</c>: the rules by which the drafting job picks the cities to
/// praise, to criticise and to propose for summons in the 月通报, and the fixed parts of its text. Checked at start
/// (a bad value stops the portal with a message naming the setting). docs/supervision.md lists the keys.
/// </summary>
public sealed class MonthlyNoticeOptions
{
    public const string Section = "Supervision:MonthlyNotice";

    /// <summary>The measure the ranking and the rules read: task progress of units started 开工 by default.</summary>
    public DashboardMeasure Measure { get; set; } = DashboardMeasure.UnitsStarted;

    /// <summary>通报表扬: cities ranked this high or higher (ties included)…</summary>
    public int PraiseTop { get; set; } = 3;

    /// <summary>…and at least this many points ahead of time progress (0: at or above time progress).</summary>
    public decimal PraiseMinimumGap { get; set; }

    /// <summary>通报批评: the last this many places of the ranking (ties included), when behind time progress…</summary>
    public int CriticiseBottom { get; set; } = 2;

    /// <summary>…and any city more than this many points behind time progress, whatever its place.</summary>
    public decimal CriticiseGapBelow { get; set; } = 20m;

    /// <summary>拟约谈: behind time progress this many months running, this month included (0: nobody is proposed).</summary>
    public int SummonsMonths { get; set; } = 2;

    /// <summary>The job drafts frozen months ending at most this many months before the current month (so a new installation does not draft years of notices).</summary>
    public int DraftWithinMonths { get; set; } = 2;

    /// <summary>主送机关 of the draft.</summary>
    public string MainRecipients { get; set; } = "各市（州）人民政府，长白山管委会";

    /// <summary>抄送 of the draft (empty: none).</summary>
    public string CopyTo { get; set; } = string.Empty;

    /// <summary>Who summons (约谈): written into the proposal.</summary>
    public string SummonedBy { get; set; } = "省保障性安居工程领导小组办公室";

    /// <summary>下一步工作要求: the last part of the notice, one paragraph a line; {0} is replaced by the year.</summary>
    public string NextSteps { get; set; } =
        "各地要坚持月报、月通报制度，按照“一楼一策”“一项一案”的原则，倒排工期、挂图作战，对未开工项目和逾期未安置问题逐项建立台账，实行销号管理，确保9月底前棚户区改造项目全部开工建设，年底前完成解决棚改逾期未安置问题年度任务。\n" +
        "被通报批评的地区要认真查找原因，在10个工作日内向省保障性安居工程领导小组办公室报送整改措施；拟约谈地区的政府分管负责同志要做好约谈准备，如实说明进展滞后原因和下一步工作安排。";

    /// <summary>Whether every setting is usable (checked at start).</summary>
    public bool IsValid()
        => Enum.IsDefined(Measure) && PraiseTop >= 0 && CriticiseBottom >= 0 && CriticiseGapBelow >= 0 && PraiseMinimumGap is >= -100 and <= 100
            && SummonsMonths is >= 0 and <= 12 && DraftWithinMonths is >= 1 and <= 24 && !string.IsNullOrWhiteSpace(MainRecipients);

    public const string InvalidMessage =
        "Supervision:MonthlyNotice: PraiseTop, CriticiseBottom and CriticiseGapBelow must not be negative, SummonsMonths 0–12, DraftWithinMonths 1–24, " +
        "Measure one of UnitsStarted, UnitsBasicallyCompleted, HouseholdsResolved, and MainRecipients not empty.";
}

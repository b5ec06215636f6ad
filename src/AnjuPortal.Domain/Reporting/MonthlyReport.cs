using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Jurisdictions;
using AnjuPortal.Domain.Projects;

namespace AnjuPortal.Domain.Reporting;

/// <summary>Status of one revision of a monthly report (docs/monthly-reports.md shows the transitions).</summary>
public enum ReportStatus
{
    /// <summary>草稿: being entered by its unit</summary>
    Draft = 0,
    /// <summary>已上报: waiting for the level above</summary>
    Submitted = 1,
    /// <summary>审核通过: locked; a correction is a new revision</summary>
    Approved = 2,
    /// <summary>已退回: back with its author, with the reason, editable again</summary>
    Returned = 3,
}

/// <summary>What happened to a report revision, for its history.</summary>
public enum ReportAction
{
    /// <summary>创建草稿</summary>
    Started = 0,
    /// <summary>上报</summary>
    Submitted = 1,
    /// <summary>退回</summary>
    Returned = 2,
    /// <summary>审核通过</summary>
    Approved = 3,
    /// <summary>发起更正 (the first event of a revision after the first)</summary>
    CorrectionStarted = 4,
}

/// <summary>
/// The monthly report 月报 of one reporting unit for one period: for each of the unit's projects the cumulative
/// figures (units started and basically completed, investment, money by source, expropriation), for each of its
/// ledger cases the households resolved this month by method. One row per (unit, period, revision): revision 0 is the
/// report; a correction 更正 after approval is a new revision made by <see cref="StartCorrection"/>, so an approved
/// revision is never overwritten (ADR-004). The rules the figures must meet are in <see cref="ReportRules"/>.
/// </summary>
public sealed class MonthlyReport : AggregateRoot, ITenantOwned
{
    public const int ReasonMaxLength = 500;
    public const int ExplanationMaxLength = 1000;

    private readonly List<ProjectProgressLine> _projectLines = [];
    private readonly List<FundingProgressLine> _fundingLines = [];
    private readonly List<CaseProgressLine> _caseLines = [];

    // Lookups over the line lists, built on first use and rebuilt when a list changed behind them (EF fills the lists
    // when it loads them): a 5,000-project report is set line by line, and a list scan per line made that quadratic.
    private Dictionary<int, ProjectProgressLine>? _projectIndex;
    private Dictionary<(int ProjectId, FundingSource Source), FundingProgressLine>? _fundingIndex;
    private Dictionary<int, CaseProgressLine>? _caseIndex;
    private readonly List<ReportExplanation> _explanations = [];
    private readonly List<ReportHistoryEntry> _history = [];

    private MonthlyReport() { }

    public int JurisdictionId { get; private set; }
    public Jurisdiction? Jurisdiction { get; private set; }
    public int ReportingPeriodId { get; private set; }
    public ReportingPeriod? ReportingPeriod { get; private set; }

    /// <summary>0 for the report itself; 1, 2, … for each correction after approval.</summary>
    public int Revision { get; private set; }
    public ReportStatus Status { get; private set; }

    /// <summary>When this revision was first submitted; on revision 0, what timeliness is measured on.</summary>
    public DateTimeOffset? FirstSubmittedAt { get; private set; }

    /// <summary>When this revision was last submitted (again after a return).</summary>
    public DateTimeOffset? SubmittedAt { get; private set; }
    public string? SubmittedBy { get; private set; }

    /// <summary>Whole days the first submission of revision 0 came after the deadline (China time); 0 when on time, null before and on corrections.</summary>
    public int? DaysLate { get; private set; }

    /// <summary>迟报原因: required when the first submission is late.</summary>
    public string? LateReason { get; private set; }

    /// <summary>退回原因 of the latest return (the history keeps every one).</summary>
    public string? ReturnReason { get; private set; }
    public DateTimeOffset? ReturnedAt { get; private set; }
    public string? ReturnedBy { get; private set; }
    public DateTimeOffset? ApprovedAt { get; private set; }
    public string? ApprovedBy { get; private set; }

    /// <summary>更正原因: why this revision corrects the approved one before it (null on revision 0).</summary>
    public string? CorrectionReason { get; private set; }

    public IReadOnlyCollection<ProjectProgressLine> ProjectLines => _projectLines;
    public IReadOnlyCollection<FundingProgressLine> FundingLines => _fundingLines;
    public IReadOnlyCollection<CaseProgressLine> CaseLines => _caseLines;

    /// <summary>The author's written explanation of each warning the report was submitted with; the reviewer reads them.</summary>
    public IReadOnlyCollection<ReportExplanation> Explanations => _explanations;

    public IReadOnlyCollection<ReportHistoryEntry> History => _history;

    /// <summary>Draft and returned reports can be edited by their unit; submitted and approved ones cannot.</summary>
    public bool IsEditable => Status is ReportStatus.Draft or ReportStatus.Returned;

    /// <summary>A bare draft (revision 0) without history, for generated data; users start drafts with the overload taking the period.</summary>
    public static MonthlyReport StartDraft(int jurisdictionId, int reportingPeriodId)
        => new() { JurisdictionId = jurisdictionId, ReportingPeriodId = reportingPeriodId, Status = ReportStatus.Draft };

    /// <summary>Starts revision 0 of a unit's report for <paramref name="period"/>; refused once the period is frozen.</summary>
    public static MonthlyReport StartDraft(int jurisdictionId, ReportingPeriod period, DateTimeOffset at, string by)
    {
        ArgumentNullException.ThrowIfNull(period);
        period.EnsureNotFrozen();
        var report = StartDraft(jurisdictionId, period.Id);
        report.Record(ReportAction.Started, at, by, null);
        return report;
    }

    /// <summary>Sets construction progress only, keeping the line's expropriation and money (used by generated data).</summary>
    public void SetProjectLine(int projectId, int unitsStarted, int unitsBasicallyCompleted, decimal investmentCompleted)
    {
        var line = ProjectLine(projectId);
        SetProjectLine(projectId, new ProjectFigures(
            unitsStarted, unitsBasicallyCompleted, investmentCompleted, line?.HouseholdsSigned ?? 0, line?.HouseholdsMovedOut ?? 0, FundsOf(projectId)));
    }

    /// <summary>
    /// Sets every cumulative figure of one project; the money lines of the project become exactly
    /// <see cref="ProjectFigures.Funds"/>. Negative figures are refused before anything changes; the report's
    /// rules (<see cref="ReportRules"/>) are checked separately, so a draft can be saved while it still breaks them.
    /// </summary>
    public void SetProjectLine(int projectId, ProjectFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        EnsureEditable();
        ProjectProgressLine.Validate(figures);
        if (figures.Funds.GroupBy(f => f.Source).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new DomainException(DomainText.Format(DomainText.FundingSourceTwice, DomainText.Of(twice.Key)), "Funds");
        }

        var line = ProjectLine(projectId);
        if (line is null)
        {
            line = new ProjectProgressLine(projectId);
            _projectLines.Add(line);
            _projectIndex![projectId] = line;
        }

        line.Set(figures);
        var funding = FundingIndex();
        foreach (var source in Enum.GetValues<FundingSource>())
        {
            var key = (projectId, source);
            var given = figures.Funds.FirstOrDefault(n => n.Source == source);
            var existing = funding.GetValueOrDefault(key);
            if (given is null && existing is not null)
            {
                _fundingLines.Remove(existing);
                funding.Remove(key);
            }
            else if (given is not null && existing is null)
            {
                var added = new FundingProgressLine(projectId, given);
                _fundingLines.Add(added);
                funding[key] = added;
            }
            else if (given is not null)
            {
                existing!.Set(given);
            }
        }
    }

    /// <summary>
    /// Sets the households of one ledger case resolved this month, by method, and the households resolved earlier
    /// in the same year (from the last approved report), which gives the year's cumulative figure.
    /// </summary>
    public void SetCaseLine(int caseId, HouseholdResolutions thisMonth, int resolvedEarlierInYear)
    {
        EnsureEditable();
        CaseProgressLine.Validate(thisMonth, resolvedEarlierInYear);
        if (_caseIndex is null || _caseIndex.Count != _caseLines.Count)
        {
            _caseIndex = _caseLines.ToDictionary(l => l.CaseId);
        }

        var line = _caseIndex.GetValueOrDefault(caseId);
        if (line is null)
        {
            line = new CaseProgressLine(caseId);
            _caseLines.Add(line);
            _caseIndex[caseId] = line;
        }

        line.Set(thisMonth, resolvedEarlierInYear);
    }

    /// <summary>The project's figures on this report, or null when the project has no line.</summary>
    public ProjectFigures? FiguresOf(int projectId)
        => ProjectLine(projectId) is { } line
            ? new ProjectFigures(line.UnitsStarted, line.UnitsBasicallyCompleted, line.InvestmentCompleted, line.HouseholdsSigned, line.HouseholdsMovedOut, FundsOf(projectId))
            : null;

    /// <summary>
    /// Keeps the author's explanations of warnings while the draft is being entered: a text for a key that is a
    /// warning of <paramref name="check"/> is stored (a blank one removes it); other keys are ignored.
    /// </summary>
    public void Explain(IReadOnlyDictionary<string, string> texts, ReportCheck check)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(check);
        EnsureEditable();
        foreach (var (key, text) in texts)
        {
            if (check.Warnings.FirstOrDefault(w => w.Key == key) is not { } warning)
            {
                continue;
            }

            if (string.IsNullOrWhiteSpace(text))
            {
                _explanations.RemoveAll(e => e.Key == key);
            }
            else
            {
                KeepExplanation(warning, ValidExplanation(text));
            }
        }
    }

    /// <summary>
    /// 上报: refused while any rule reports an error, while a warning lacks a written explanation, when the first
    /// submission is late without a reason, when a child unit has not submitted (a city submits its whole area), or
    /// once the period is frozen. The explanations kept are exactly those of the warnings raised now.
    /// </summary>
    public void Submit(
        ReportingPeriod period,
        ReportCheck check,
        IReadOnlyDictionary<string, string>? explanations,
        string? lateReason,
        IReadOnlyCollection<ChildReportState> children,
        DateTimeOffset at,
        string by)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(children);
        EnsureStatus(ReportStatus.Draft, "上报", ReportStatus.Returned);
        period.EnsureNotFrozen();
        if (check.HasErrors)
        {
            throw new DomainException(DomainText.Format(DomainText.SubmitWithErrors, check.Errors.Count, Summary(check.Errors.Select(e => e.Message))));
        }

        var texts = new List<(ReportFinding Warning, string Text)>();
        var unexplained = new List<ReportFinding>();
        foreach (var warning in check.Warnings)
        {
            var text = explanations?.GetValueOrDefault(warning.Key) ?? _explanations.FirstOrDefault(e => e.Key == warning.Key)?.Text;
            if (string.IsNullOrWhiteSpace(text))
            {
                unexplained.Add(warning);
            }
            else
            {
                texts.Add((warning, ValidExplanation(text)));
            }
        }

        if (unexplained.Count > 0)
        {
            throw new DomainException(DomainText.Format(DomainText.SubmitWithUnexplainedWarnings, unexplained.Count, Summary(unexplained.Select(w => w.Message))));
        }

        EnsureChildrenSubmitted(children, DomainText.SubmitBeforeChildren);

        // Timeliness is judged once, on the first submission of the report itself; a resubmission after a return or a
        // correction does not change it.
        var firstSubmission = FirstSubmittedAt is null;
        var judged = firstSubmission && Revision == 0;
        var daysLate = judged ? period.DaysLate(at) : 0;
        string? reason = null;
        if (daysLate > 0)
        {
            if (string.IsNullOrWhiteSpace(lateReason))
            {
                throw new DomainException(
                    DomainText.Format(DomainText.LateReasonRequired, period.SubmissionDeadline.ToDateTime(TimeOnly.MinValue), daysLate),
                    nameof(LateReason));
            }

            reason = Guard.Required(lateReason, nameof(LateReason), "迟报原因", ReasonMaxLength);
        }

        _explanations.RemoveAll(e => texts.All(t => t.Warning.Key != e.Key));
        foreach (var (warning, text) in texts)
        {
            KeepExplanation(warning, text);
        }
        if (firstSubmission)
        {
            FirstSubmittedAt = at;
        }

        if (judged)
        {
            DaysLate = daysLate;
            LateReason = reason;
        }

        SubmittedAt = at;
        SubmittedBy = by;
        Status = ReportStatus.Submitted;
        Record(ReportAction.Submitted, at, by, reason);
    }

    /// <summary>退回: a submitted report goes back to its author, editable again, with the reason.</summary>
    public void Return(ReportingPeriod period, string reason, DateTimeOffset at, string by)
    {
        ArgumentNullException.ThrowIfNull(period);
        EnsureStatus(ReportStatus.Submitted, "退回");
        period.EnsureNotFrozen();
        var text = Guard.Required(reason, "Reason", "退回原因", ReasonMaxLength);
        ReturnReason = text;
        ReturnedAt = at;
        ReturnedBy = by;
        Status = ReportStatus.Returned;
        Record(ReportAction.Returned, at, by, text);
    }

    /// <summary>审核通过: locks the revision. Refused unless it is submitted, every child unit has submitted, and the period is not frozen.</summary>
    public void Approve(ReportingPeriod period, IReadOnlyCollection<ChildReportState> children, DateTimeOffset at, string by)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(children);
        if (Status == ReportStatus.Approved)
        {
            EnsureStatus(ReportStatus.Submitted, "审核通过");
        }

        period.EnsureNotFrozen();
        // Children first: "Changchun cannot be approved, these counties have not submitted" says more than "not submitted".
        EnsureChildrenSubmitted(children, DomainText.ApproveBeforeChildren);
        EnsureStatus(ReportStatus.Submitted, "审核通过");
        ApprovedAt = at;
        ApprovedBy = by;
        Status = ReportStatus.Approved;
        Record(ReportAction.Approved, at, by, null);
    }

    /// <summary>
    /// 更正: a correction of an approved revision is the next revision, a draft holding the same figures, with the
    /// reason. The approved revision stays as it is, in the history.
    /// </summary>
    public MonthlyReport StartCorrection(ReportingPeriod period, string reason, DateTimeOffset at, string by)
    {
        ArgumentNullException.ThrowIfNull(period);
        if (Status != ReportStatus.Approved)
        {
            throw new DomainException(DomainText.Format(DomainText.CorrectionOfUnapproved, DomainText.Of(Status)));
        }

        period.EnsureNotFrozen();
        var text = Guard.Required(reason, "Reason", "更正原因", ReasonMaxLength);
        var next = new MonthlyReport
        {
            JurisdictionId = JurisdictionId,
            ReportingPeriodId = ReportingPeriodId,
            Revision = Revision + 1,
            Status = ReportStatus.Draft,
            CorrectionReason = text,
        };
        foreach (var line in _projectLines)
        {
            next.SetProjectLine(line.ProjectId, FiguresOf(line.ProjectId)!);
        }

        foreach (var line in _caseLines)
        {
            next.SetCaseLine(line.CaseId, line.ResolvedThisMonth, line.ResolvedEarlierInYear);
        }

        next.Record(ReportAction.CorrectionStarted, at, by, text);
        return next;
    }

    /// <summary>Marks a report approved as of <paramref name="approvedAt"/>, for generated past months (the workflow goes through <see cref="Submit"/> and <see cref="Approve"/>).</summary>
    public void MarkApproved(DateTimeOffset submittedAt, DateTimeOffset approvedAt, int daysLate = 0, string? lateReason = null)
    {
        EnsureEditable();
        FirstSubmittedAt = submittedAt;
        SubmittedAt = submittedAt;
        DaysLate = daysLate;
        LateReason = lateReason;
        ApprovedAt = approvedAt;
        Status = ReportStatus.Approved;
    }

    private List<FundsFigures> FundsOf(int projectId)
    {
        var funding = FundingIndex();
        return Enum.GetValues<FundingSource>().Order()
            .Select(source => funding.GetValueOrDefault((projectId, source)))
            .OfType<FundingProgressLine>()
            .Select(f => new FundsFigures(f.Source, f.Received, f.Spent))
            .ToList();
    }

    private ProjectProgressLine? ProjectLine(int projectId)
    {
        if (_projectIndex is null || _projectIndex.Count != _projectLines.Count)
        {
            _projectIndex = _projectLines.ToDictionary(l => l.ProjectId);
        }

        return _projectIndex.GetValueOrDefault(projectId);
    }

    private Dictionary<(int ProjectId, FundingSource Source), FundingProgressLine> FundingIndex()
    {
        if (_fundingIndex is null || _fundingIndex.Count != _fundingLines.Count)
        {
            _fundingIndex = _fundingLines.ToDictionary(f => (f.ProjectId, f.Source));
        }

        return _fundingIndex;
    }

    /// <summary>Updates the explanation of the warning's key in place (the key is unique per report), or adds it.</summary>
    private void KeepExplanation(ReportFinding warning, string text)
    {
        if (_explanations.FirstOrDefault(e => e.Key == warning.Key) is { } existing)
        {
            existing.Update(warning, text);
        }
        else
        {
            _explanations.Add(new ReportExplanation(warning, text));
        }
    }

    private void Record(ReportAction action, DateTimeOffset at, string by, string? note) => _history.Add(new ReportHistoryEntry(action, at, by, note));

    private void EnsureEditable()
    {
        if (!IsEditable)
        {
            throw new DomainException(DomainText.Format(DomainText.ReportNotEditable, DomainText.Of(Status)));
        }
    }

    private void EnsureStatus(ReportStatus expected, string action, ReportStatus? alsoAllowed = null)
    {
        if (Status == expected || Status == alsoAllowed)
        {
            return;
        }

        throw new DomainException(Status == ReportStatus.Approved
            ? DomainText.Format(DomainText.ReportLocked, Revision, action)
            : DomainText.Format(DomainText.ReportWrongStatus, DomainText.Of(Status), action));
    }

    private static void EnsureChildrenSubmitted(IReadOnlyCollection<ChildReportState> children, string template)
    {
        var missing = children.Where(c => c.Status is not (ReportStatus.Submitted or ReportStatus.Approved)).Select(c => c.JurisdictionName).ToList();
        if (missing.Count > 0)
        {
            throw new DomainException(DomainText.Format(template, missing.Count, Summary(missing, "、")));
        }
    }

    private static string ValidExplanation(string text) => Guard.Required(text, "Explanation", "情况说明", ExplanationMaxLength);

    /// <summary>The first few items, then how many more: a refusal names what to fix without becoming a page.</summary>
    private static string Summary(IEnumerable<string> items, string separator = "；")
    {
        const int Shown = 3;
        var list = items.Select(i => i.TrimEnd('。')).ToList();
        var shown = string.Join(separator, list.Take(Shown));
        return list.Count > Shown ? DomainText.Format(DomainText.AndMore, shown, list.Count - Shown) : shown;
    }
}

/// <summary>Whether a child unit has submitted its report for the period: what a city needs before it submits its area, and the province before it approves.</summary>
public sealed record ChildReportState(string JurisdictionName, ReportStatus? Status);

/// <summary>Cumulative construction, investment and expropriation figures of one project in a monthly report.</summary>
public sealed class ProjectProgressLine
{
    private ProjectProgressLine() { }

    internal ProjectProgressLine(int projectId) => ProjectId = projectId;

    public int Id { get; private set; }
    public int ProjectId { get; private set; }

    /// <summary>累计开工套数</summary>
    public int UnitsStarted { get; private set; }

    /// <summary>累计基本建成套数</summary>
    public int UnitsBasicallyCompleted { get; private set; }

    /// <summary>累计完成投资, 万元</summary>
    public decimal InvestmentCompleted { get; private set; }

    /// <summary>累计签约户数 (房屋征收)</summary>
    public int HouseholdsSigned { get; private set; }

    /// <summary>累计搬迁户数 (房屋征收)</summary>
    public int HouseholdsMovedOut { get; private set; }

    internal static void Validate(ProjectFigures figures)
    {
        Guard.NotNegative(figures.UnitsStarted, nameof(UnitsStarted), "累计开工套数");
        Guard.NotNegative(figures.UnitsBasicallyCompleted, nameof(UnitsBasicallyCompleted), "累计基本建成套数");
        Guard.NotNegative(figures.InvestmentCompleted, nameof(InvestmentCompleted), "累计完成投资");
        Guard.NotNegative(figures.HouseholdsSigned, nameof(HouseholdsSigned), "累计签约户数");
        Guard.NotNegative(figures.HouseholdsMovedOut, nameof(HouseholdsMovedOut), "累计搬迁户数");
        foreach (var funds in figures.Funds)
        {
            FundingProgressLine.Validate(funds);
        }
    }

    internal void Set(ProjectFigures figures)
    {
        UnitsStarted = figures.UnitsStarted;
        UnitsBasicallyCompleted = figures.UnitsBasicallyCompleted;
        InvestmentCompleted = figures.InvestmentCompleted;
        HouseholdsSigned = figures.HouseholdsSigned;
        HouseholdsMovedOut = figures.HouseholdsMovedOut;
    }
}

/// <summary>Cumulative money of one funding source of one project in a monthly report, in 万元.</summary>
public sealed class FundingProgressLine
{
    private FundingProgressLine() { }

    internal FundingProgressLine(int projectId, FundsFigures funds)
    {
        ProjectId = projectId;
        Source = funds.Source;
        Set(funds);
    }

    public int Id { get; private set; }
    public int ProjectId { get; private set; }
    public FundingSource Source { get; private set; }

    /// <summary>累计到位</summary>
    public decimal Received { get; private set; }

    /// <summary>累计支出</summary>
    public decimal Spent { get; private set; }

    internal static void Validate(FundsFigures funds)
    {
        var label = DomainText.Of(funds.Source);
        Guard.NotNegative(funds.Received, $"Funds.{funds.Source}.{nameof(Received)}", label + "累计到位");
        Guard.NotNegative(funds.Spent, $"Funds.{funds.Source}.{nameof(Spent)}", label + "累计支出");
    }

    internal void Set(FundsFigures funds)
    {
        Received = funds.Received;
        Spent = funds.Spent;
    }
}

/// <summary>
/// One ledger case in a monthly report: the overdue households resolved this month by method 解决方式 (回迁、货币化、
/// 异地、过渡性), and the year's cumulative count 年度累计 that the annual target is measured against.
/// </summary>
public sealed class CaseProgressLine
{
    private CaseProgressLine() { }

    internal CaseProgressLine(int caseId) => CaseId = caseId;

    public int Id { get; private set; }
    public int CaseId { get; private set; }

    /// <summary>本月回迁安置户数</summary>
    public int ResolvedReturn { get; private set; }

    /// <summary>本月货币化安置户数</summary>
    public int ResolvedMonetary { get; private set; }

    /// <summary>本月异地安置户数</summary>
    public int ResolvedOffSite { get; private set; }

    /// <summary>本月过渡性安置户数</summary>
    public int ResolvedTransitional { get; private set; }

    /// <summary>年度累计解决户数: resolved since 1 January, this month included.</summary>
    public int HouseholdsResolved { get; private set; }

    public HouseholdResolutions ResolvedThisMonth => new(ResolvedReturn, ResolvedMonetary, ResolvedOffSite, ResolvedTransitional);

    /// <summary>Resolved earlier in the year, before this month.</summary>
    public int ResolvedEarlierInYear => HouseholdsResolved - ResolvedThisMonth.Total;

    internal static void Validate(HouseholdResolutions thisMonth, int resolvedEarlierInYear)
    {
        foreach (var method in Enum.GetValues<OverdueResettlement.ResolutionMethod>())
        {
            Guard.NotNegative(thisMonth.Of(method), $"Resolved.{method}", "本月" + DomainText.Of(method) + "户数");
        }

        Guard.NotNegative(resolvedEarlierInYear, nameof(ResolvedEarlierInYear), "年内此前已解决户数");
    }

    internal void Set(HouseholdResolutions thisMonth, int resolvedEarlierInYear)
    {
        ResolvedReturn = thisMonth.ReturnResettlement;
        ResolvedMonetary = thisMonth.Monetary;
        ResolvedOffSite = thisMonth.OffSite;
        ResolvedTransitional = thisMonth.Transitional;
        HouseholdsResolved = resolvedEarlierInYear + thisMonth.Total;
    }
}

/// <summary>Households resolved in a month, by method 解决方式.</summary>
public readonly record struct HouseholdResolutions(int ReturnResettlement, int Monetary, int OffSite, int Transitional)
{
    public int Total => ReturnResettlement + Monetary + OffSite + Transitional;

    public int Of(OverdueResettlement.ResolutionMethod method) => method switch
    {
        OverdueResettlement.ResolutionMethod.ReturnResettlement => ReturnResettlement,
        OverdueResettlement.ResolutionMethod.Monetary => Monetary,
        OverdueResettlement.ResolutionMethod.OffSite => OffSite,
        OverdueResettlement.ResolutionMethod.Transitional => Transitional,
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
    };
}

/// <summary>The author's written explanation 情况说明 of one warning, with the warning as it read when the report was submitted.</summary>
public sealed class ReportExplanation
{
    private ReportExplanation()
    {
        Key = string.Empty;
        RuleCode = string.Empty;
        Message = string.Empty;
        Text = string.Empty;
    }

    internal ReportExplanation(ReportFinding warning, string text)
    {
        Key = warning.Key;
        RuleCode = warning.Code;
        Message = warning.Message;
        Text = text;
    }

    internal void Update(ReportFinding warning, string text)
    {
        RuleCode = warning.Code;
        Message = warning.Message;
        Text = text;
    }

    public int Id { get; private set; }

    /// <summary>The warning's key (<see cref="ReportFinding.Key"/>): rule, project or case, and figure.</summary>
    public string Key { get; private set; }
    public string RuleCode { get; private set; }
    public string Message { get; private set; }
    public string Text { get; private set; }
}

/// <summary>One event in the life of a report revision: who did what when, with the reason where there is one.</summary>
public sealed class ReportHistoryEntry
{
    private ReportHistoryEntry() => By = string.Empty;

    internal ReportHistoryEntry(ReportAction action, DateTimeOffset at, string by, string? note)
    {
        Action = action;
        At = at;
        By = by;
        Note = note;
    }

    public int Id { get; private set; }
    public ReportAction Action { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string By { get; private set; }
    public string? Note { get; private set; }
}

using AnjuPortal.Domain.Jurisdictions;
using AnjuPortal.Domain.Projects;
using AnjuPortal.Domain.Reporting;

namespace AnjuPortal.Application.Reporting;

/// <summary>A reporting period 报告期 as lists and headers show it.</summary>
public sealed record PeriodSummary(
    int Id,
    int Year,
    int Month,
    string Label,
    DateOnly SubmissionDeadline,
    DateOnly ApprovalDeadline,
    PeriodStatus Status)
{
    internal static PeriodSummary Of(ReportingPeriod p) => new(p.Id, p.Year, p.Month, p.Label, p.SubmissionDeadline, p.ApprovalDeadline, p.Status);
}

/// <summary>
/// One project on a report: what the register says (planned units, households to expropriate), the figures of the
/// last approved report (to highlight what changed) and the figures of this report.
/// </summary>
public sealed record ProjectLineView(
    int ProjectId,
    string Code,
    string Name,
    int PlannedUnits,
    int HouseholdsToExpropriate,
    ProjectFigures LastApproved,
    ProjectFigures Figures);

/// <summary>
/// One ledger case on a report: the ledger's households, those unresolved when the month began, those resolved
/// earlier in the year and last month, this month's by method, and the year's cumulative figure.
/// </summary>
public sealed record CaseLineView(
    int CaseId,
    string ProjectCode,
    string Name,
    int Households,
    int UnresolvedAtMonthStart,
    int ResolvedEarlierInYear,
    int? ResolvedLastMonth,
    HouseholdResolutions ThisMonth,
    int ResolvedInYear);

/// <summary>The author's explanation of a warning, as the reviewer reads it.</summary>
public sealed record ExplanationView(string Key, string RuleCode, string Message, string Text);

/// <summary>One event of a revision's history.</summary>
public sealed record HistoryView(ReportAction Action, DateTimeOffset At, string By, string? Note);

/// <summary>What the current user may do with a report now (the use cases check again; these only drive buttons).</summary>
public sealed record ReportPermissions(bool Edit, bool Submit, bool Return, bool Approve, bool StartCorrection);

/// <summary>A report revision with everything the entry form and the reviewer's page show.</summary>
public sealed record ReportView(
    int Id,
    PeriodSummary Period,
    int JurisdictionId,
    string JurisdictionCode,
    string JurisdictionName,
    int Revision,
    int LatestRevision,
    ReportStatus Status,
    int Version,
    DateTimeOffset? FirstSubmittedAt,
    DateTimeOffset? SubmittedAt,
    string? SubmittedBy,
    int? DaysLate,
    string? LateReason,
    string? ReturnReason,
    DateTimeOffset? ReturnedAt,
    string? ReturnedBy,
    DateTimeOffset? ApprovedAt,
    string? ApprovedBy,
    string? CorrectionReason,
    IReadOnlyList<ProjectLineView> Projects,
    IReadOnlyList<CaseLineView> Cases,
    IReadOnlyList<ReportFinding> Findings,
    IReadOnlyList<ExplanationView> Explanations,
    IReadOnlyList<HistoryView> History,
    ReportPermissions Can)
{
    public bool IsLatestRevision => Revision == LatestRevision;
}

/// <summary>One revision in a report's history 修订记录 (revision 0 is the report, later ones are corrections).</summary>
public sealed record RevisionSummary(
    int Id,
    int Revision,
    ReportStatus Status,
    string? CorrectionReason,
    DateTimeOffset CreatedAt,
    string? CreatedBy,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset? ApprovedAt,
    string? ApprovedBy);

/// <summary>What a draft save returns: the new version to send with the next save, and the findings now.</summary>
public sealed record DraftSaved(int Version, IReadOnlyList<ReportFinding> Findings);

/// <summary>
/// A save of a draft: only the lines given change (a partial save of a few lines is fine), and explanations of
/// warnings keyed by <see cref="ReportFinding.Key"/> are kept for the submission.
/// </summary>
public sealed class ReportDraftInput
{
    public int ReportId { get; set; }

    /// <summary>The version the user started from (<see cref="ReportView.Version"/> or the last <see cref="DraftSaved.Version"/>).</summary>
    public int Version { get; set; }

    public List<ProjectLineInput> Projects { get; set; } = [];

    public List<CaseLineInput> Cases { get; set; } = [];

    public Dictionary<string, string> Explanations { get; set; } = [];
}

/// <summary>The cumulative figures of one project as the form binds them.</summary>
public sealed class ProjectLineInput
{
    public int ProjectId { get; set; }
    public int UnitsStarted { get; set; }
    public int UnitsBasicallyCompleted { get; set; }

    /// <summary>万元</summary>
    public decimal InvestmentCompleted { get; set; }
    public int HouseholdsSigned { get; set; }
    public int HouseholdsMovedOut { get; set; }

    /// <summary>The money lines of the project: exactly these sources are kept.</summary>
    public List<FundsInput> Funds { get; set; } = [];

    public static ProjectLineInput From(ProjectLineView line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var f = line.Figures;
        return new ProjectLineInput
        {
            ProjectId = line.ProjectId,
            UnitsStarted = f.UnitsStarted,
            UnitsBasicallyCompleted = f.UnitsBasicallyCompleted,
            InvestmentCompleted = f.InvestmentCompleted,
            HouseholdsSigned = f.HouseholdsSigned,
            HouseholdsMovedOut = f.HouseholdsMovedOut,
            Funds = f.Funds.Select(m => new FundsInput { Source = m.Source, Received = m.Received, Spent = m.Spent }).ToList(),
        };
    }

    internal ProjectFigures ToFigures() => new(
        UnitsStarted, UnitsBasicallyCompleted, InvestmentCompleted, HouseholdsSigned, HouseholdsMovedOut,
        Funds.Select(f => new FundsFigures(f.Source, f.Received, f.Spent)).ToList());
}

/// <summary>Money of one source, 万元, cumulative.</summary>
public sealed class FundsInput
{
    public FundingSource Source { get; set; }
    public decimal Received { get; set; }
    public decimal Spent { get; set; }
}

/// <summary>The households of one ledger case resolved this month, by method.</summary>
public sealed class CaseLineInput
{
    public int CaseId { get; set; }
    public int ReturnResettlement { get; set; }
    public int Monetary { get; set; }
    public int OffSite { get; set; }
    public int Transitional { get; set; }

    public static CaseLineInput From(CaseLineView line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return new CaseLineInput
        {
            CaseId = line.CaseId,
            ReturnResettlement = line.ThisMonth.ReturnResettlement,
            Monetary = line.ThisMonth.Monetary,
            OffSite = line.ThisMonth.OffSite,
            Transitional = line.ThisMonth.Transitional,
        };
    }

    internal HouseholdResolutions ToResolutions() => new(ReturnResettlement, Monetary, OffSite, Transitional);
}

/// <summary>A submission: the version seen, a reason when late, and an explanation for every warning (by finding key).</summary>
public sealed class SubmitReportInput
{
    public int ReportId { get; set; }
    public int Version { get; set; }

    /// <summary>迟报原因: required when the first submission comes after the deadline.</summary>
    public string? LateReason { get; set; }

    /// <summary>情况说明 per warning, keyed by <see cref="ReportFinding.Key"/>; explanations saved with the draft count too.</summary>
    public Dictionary<string, string> Explanations { get; set; } = [];
}

/// <summary>Timeliness 及时性 of a unit's report for a period, measured on the first submission of revision 0.</summary>
public enum Timeliness
{
    /// <summary>未报送</summary>
    NotSubmitted = 0,
    /// <summary>按时报送</summary>
    OnTime = 1,
    /// <summary>迟报</summary>
    Late = 2,
}

/// <summary>
/// One reporting unit in the completeness list. <see cref="DaysLate"/> is the delay of a late submission, or for a
/// unit that has not submitted, the days since the deadline as of <see cref="CompletenessReport.AsOf"/> (0 before it).
/// <see cref="Status"/> is the state of the latest revision (a report returned after an on-time submission is on
/// time, and <see cref="ReportStatus.Returned"/> now).
/// </summary>
public sealed record CompletenessRow(
    int JurisdictionId,
    string Code,
    string Name,
    JurisdictionLevel Level,
    int? ParentId,
    string Path,
    Timeliness Timeliness,
    DateTimeOffset? FirstSubmittedAt,
    int DaysLate,
    string? LateReason,
    int? ReportId,
    int? Revision,
    ReportStatus? Status);

/// <summary>Completeness and timeliness 报送情况 of a period for a subtree, in the tree's order.</summary>
public sealed record CompletenessReport(PeriodSummary Period, DateTimeOffset LateFrom, DateTimeOffset AsOf, IReadOnlyList<CompletenessRow> Units)
{
    public int OnTime => Units.Count(u => u.Timeliness == Timeliness.OnTime);
    public int Late => Units.Count(u => u.Timeliness == Timeliness.Late);
    public int NotSubmitted => Units.Count(u => u.Timeliness == Timeliness.NotSubmitted);
    public int Approved => Units.Count(u => u.Status == ReportStatus.Approved);
}

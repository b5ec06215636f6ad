using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Jurisdictions;

namespace AnjuPortal.Domain.Reporting;

/// <summary>Status of a monthly report. The workflow (submit, approve, return, revise) is its own issue.</summary>
public enum ReportStatus
{
    /// <summary>草稿</summary>
    Draft = 0,
    /// <summary>已上报</summary>
    Submitted = 1,
    /// <summary>审核通过 (locked)</summary>
    Approved = 2,
    /// <summary>已退回</summary>
    Returned = 3,
}

/// <summary>
/// The monthly report 月报 of one jurisdiction for one period: cumulative figures per project and per ledger
/// case. One per (jurisdiction, period, revision).
/// </summary>
public sealed class MonthlyReport : AggregateRoot, ITenantOwned
{
    private readonly List<ProjectProgressLine> _projectLines = [];
    private readonly List<CaseProgressLine> _caseLines = [];

    private MonthlyReport() { }

    public int JurisdictionId { get; private set; }
    public Jurisdiction? Jurisdiction { get; private set; }
    public int ReportingPeriodId { get; private set; }
    public ReportingPeriod? ReportingPeriod { get; private set; }
    public int Revision { get; private set; }
    public ReportStatus Status { get; private set; }
    public DateTimeOffset? SubmittedAt { get; private set; }
    public DateTimeOffset? ApprovedAt { get; private set; }
    public string? ReturnReason { get; private set; }
    public IReadOnlyCollection<ProjectProgressLine> ProjectLines => _projectLines;
    public IReadOnlyCollection<CaseProgressLine> CaseLines => _caseLines;

    public static MonthlyReport StartDraft(int jurisdictionId, int reportingPeriodId)
        => new() { JurisdictionId = jurisdictionId, ReportingPeriodId = reportingPeriodId, Status = ReportStatus.Draft };

    public void SetProjectLine(int projectId, int unitsStarted, int unitsBasicallyCompleted, decimal investmentCompleted)
    {
        EnsureEditable();
        var line = _projectLines.FirstOrDefault(l => l.ProjectId == projectId);
        if (line is null)
        {
            // Validate before adding: a refused figure must not leave an empty line behind to be saved later.
            line = new ProjectProgressLine(projectId);
            line.Set(unitsStarted, unitsBasicallyCompleted, investmentCompleted);
            _projectLines.Add(line);
            return;
        }

        line.Set(unitsStarted, unitsBasicallyCompleted, investmentCompleted);
    }

    public void SetCaseLine(int caseId, int householdsResolved)
    {
        EnsureEditable();
        var line = _caseLines.FirstOrDefault(l => l.CaseId == caseId);
        if (line is null)
        {
            line = new CaseProgressLine(caseId);
            line.Set(householdsResolved);
            _caseLines.Add(line);
            return;
        }

        line.Set(householdsResolved);
    }

    /// <summary>Marks a report approved as of <paramref name="at"/>. Used by the demo seeder for past months; the real workflow checks roles and children.</summary>
    public void MarkApproved(DateTimeOffset submittedAt, DateTimeOffset approvedAt)
    {
        EnsureEditable();
        SubmittedAt = submittedAt;
        ApprovedAt = approvedAt;
        Status = ReportStatus.Approved;
    }

    private void EnsureEditable()
    {
        if (Status is ReportStatus.Submitted or ReportStatus.Approved)
        {
            throw new DomainException(DomainText.Format(DomainText.ReportNotEditable, DomainText.Of(Status)));
        }
    }
}

/// <summary>Cumulative figures of one project in a monthly report.</summary>
public sealed class ProjectProgressLine
{
    private ProjectProgressLine() { }

    internal ProjectProgressLine(int projectId) => ProjectId = projectId;

    public int Id { get; private set; }
    public int ProjectId { get; private set; }
    public int UnitsStarted { get; private set; }
    public int UnitsBasicallyCompleted { get; private set; }

    /// <summary>累计完成投资, 万元</summary>
    public decimal InvestmentCompleted { get; private set; }

    internal void Set(int unitsStarted, int unitsBasicallyCompleted, decimal investmentCompleted)
    {
        // All checked before any is stored, so a refused line keeps its previous figures.
        var started = Guard.NotNegative(unitsStarted, nameof(UnitsStarted), "累计开工套数");
        var completed = Guard.NotNegative(unitsBasicallyCompleted, nameof(UnitsBasicallyCompleted), "累计基本建成套数");
        var investment = Guard.NotNegative(investmentCompleted, nameof(InvestmentCompleted), "累计完成投资");
        UnitsStarted = started;
        UnitsBasicallyCompleted = completed;
        InvestmentCompleted = investment;
    }
}

/// <summary>Cumulative households resolved of one ledger case in a monthly report.</summary>
public sealed class CaseProgressLine
{
    private CaseProgressLine() { }

    internal CaseProgressLine(int caseId) => CaseId = caseId;

    public int Id { get; private set; }
    public int CaseId { get; private set; }
    public int HouseholdsResolved { get; private set; }

    internal void Set(int householdsResolved)
        => HouseholdsResolved = Guard.NotNegative(householdsResolved, nameof(HouseholdsResolved), "累计解决户数");
}

using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Projects;

namespace AnjuPortal.Domain.Reporting;

/// <summary>How much a broken rule weighs: an error blocks submission; a warning needs a written explanation.</summary>
public enum RuleSeverity
{
    /// <summary>错误: blocks submission</summary>
    Error = 0,
    /// <summary>提醒: may be submitted with a written explanation the reviewer sees</summary>
    Warning = 1,
}

/// <summary>One validation rule of the monthly report: a stable code, a severity, a title and a Chinese message template.</summary>
public sealed class ReportRule
{
    internal ReportRule(string code, RuleSeverity severity)
    {
        Code = code;
        Severity = severity;
    }

    /// <summary>Stable code (E1xx project errors, E2xx case errors, W… warnings), used in keys, logs and docs.</summary>
    public string Code { get; }

    public RuleSeverity Severity { get; }

    /// <summary>The rule in one sentence, e.g. 累计开工套数不得少于上月已批准数.</summary>
    public string Title => DomainText.Get($"Rule{Code}Title");

    /// <summary>The message template; the finding fills in the project and the numbers involved.</summary>
    public string MessageTemplate => DomainText.Get($"Rule{Code}");

    internal ReportFinding Finding(string subject, string field, int? projectId, int? caseId, params object?[] args)
        => new(Code, Severity, $"{Code}:{subject}", DomainText.Format(MessageTemplate, args), projectId, caseId, field);

    public override string ToString() => $"{Code} {Severity}";
}

/// <summary>
/// A rule broken by a report. <see cref="Key"/> identifies it across saves (rule, project or case, figure), so an
/// explanation stays attached to its warning while the numbers are corrected; <see cref="Field"/> names the input.
/// </summary>
public sealed record ReportFinding(string Code, RuleSeverity Severity, string Key, string Message, int? ProjectId, int? CaseId, string Field);

/// <summary>The findings of checking one report, errors first.</summary>
public sealed class ReportCheck
{
    public ReportCheck(IEnumerable<ReportFinding> findings)
    {
        Findings = findings.OrderBy(f => f.Severity).ToList();
        Errors = Findings.Where(f => f.Severity == RuleSeverity.Error).ToList();
        Warnings = Findings.Where(f => f.Severity == RuleSeverity.Warning).ToList();
    }

    public static ReportCheck Clean { get; } = new([]);

    public IReadOnlyList<ReportFinding> Findings { get; }
    public IReadOnlyList<ReportFinding> Errors { get; }
    public IReadOnlyList<ReportFinding> Warnings { get; }
    public bool HasErrors => Errors.Count > 0;
}

/// <summary>
/// What a report is checked against, per project: its name, planned units and households to expropriate, the
/// figures of the last approved report before this period (the register's figures when the project was on none) and
/// those of the approved report before that (for last month's pace).
/// </summary>
public sealed record ProjectBaseline(
    int ProjectId,
    string Code,
    string Name,
    int PlannedUnits,
    int HouseholdsToExpropriate,
    ProjectFigures LastApproved,
    ProjectFigures? ApprovedBefore);

/// <summary>
/// What a case line is checked against: the ledger's households, those still unresolved when the month began,
/// those resolved earlier in the year and last month (from the last approved report).
/// </summary>
public sealed record CaseBaseline(
    int CaseId,
    string ProjectCode,
    string Name,
    int Households,
    int UnresolvedAtMonthStart,
    int ResolvedEarlierInYear,
    int? ResolvedLastMonth);

/// <summary>The baselines of every project and case a unit's report covers, in the order the form shows them.</summary>
public sealed class ReportBaseline(IEnumerable<ProjectBaseline> projects, IEnumerable<CaseBaseline> cases)
{
    public IReadOnlyList<ProjectBaseline> Projects { get; } = projects.ToList();
    public IReadOnlyList<CaseBaseline> Cases { get; } = cases.ToList();

    public ProjectBaseline? Project(int projectId) => Projects.FirstOrDefault(p => p.ProjectId == projectId);

    public CaseBaseline? Case(int caseId) => Cases.FirstOrDefault(c => c.CaseId == caseId);
}

/// <summary>
/// The validation rules of the monthly report 月报校验规则, declared here and nowhere else; docs/monthly-reports.md
/// lists them. Cumulative figures are compared with the last approved report before the report's period.
/// </summary>
public static class ReportRules
{
    /// <summary>A month's increment more than this many times last month's is a pace jump 进度突增.</summary>
    public const int PaceJumpFactor = 3;

    public static readonly ReportRule StartedDecreased = new("E101", RuleSeverity.Error);
    public static readonly ReportRule CompletedDecreased = new("E102", RuleSeverity.Error);
    public static readonly ReportRule InvestmentDecreased = new("E103", RuleSeverity.Error);
    public static readonly ReportRule ReceivedDecreased = new("E104", RuleSeverity.Error);
    public static readonly ReportRule SpentDecreased = new("E105", RuleSeverity.Error);
    public static readonly ReportRule SignedDecreased = new("E106", RuleSeverity.Error);
    public static readonly ReportRule MovedOutDecreased = new("E107", RuleSeverity.Error);
    public static readonly ReportRule StartedExceedsPlanned = new("E111", RuleSeverity.Error);
    public static readonly ReportRule CompletedExceedsStarted = new("E112", RuleSeverity.Error);
    public static readonly ReportRule SpentExceedsReceived = new("E113", RuleSeverity.Error);
    public static readonly ReportRule SignedExceedsToExpropriate = new("E114", RuleSeverity.Error);
    public static readonly ReportRule MovedOutExceedsSigned = new("E115", RuleSeverity.Error);
    public static readonly ReportRule ResolvedExceedsUnresolved = new("E201", RuleSeverity.Error);
    public static readonly ReportRule StartedPaceJump = new("W101", RuleSeverity.Warning);
    public static readonly ReportRule CompletedPaceJump = new("W102", RuleSeverity.Warning);
    public static readonly ReportRule InvestmentPaceJump = new("W103", RuleSeverity.Warning);
    public static readonly ReportRule ResolvedPaceJump = new("W201", RuleSeverity.Warning);

    public static IReadOnlyList<ReportRule> All { get; } =
    [
        StartedDecreased, CompletedDecreased, InvestmentDecreased, ReceivedDecreased, SpentDecreased, SignedDecreased, MovedOutDecreased,
        StartedExceedsPlanned, CompletedExceedsStarted, SpentExceedsReceived, SignedExceedsToExpropriate, MovedOutExceedsSigned,
        ResolvedExceedsUnresolved,
        StartedPaceJump, CompletedPaceJump, InvestmentPaceJump, ResolvedPaceJump,
    ];

    /// <summary>Checks every line of <paramref name="report"/> that has a baseline, in the baseline's order.</summary>
    public static ReportCheck Check(MonthlyReport report, ReportBaseline baseline)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(baseline);
        var findings = new List<ReportFinding>();
        foreach (var project in baseline.Projects)
        {
            if (report.FiguresOf(project.ProjectId) is { } figures)
            {
                findings.AddRange(CheckProject(project, figures));
            }
        }

        foreach (var overdueCase in baseline.Cases)
        {
            if (report.CaseLines.FirstOrDefault(l => l.CaseId == overdueCase.CaseId) is { } line)
            {
                findings.AddRange(CheckCase(overdueCase, line.ResolvedThisMonth));
            }
        }

        return new ReportCheck(findings);
    }

    public static IEnumerable<ReportFinding> CheckProject(ProjectBaseline p, ProjectFigures now)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(now);
        var subject = $"P{p.ProjectId}";
        var last = p.LastApproved;

        // Cumulative figures never go down.
        if (now.UnitsStarted < last.UnitsStarted)
        {
            yield return StartedDecreased.Finding(subject, nameof(now.UnitsStarted), p.ProjectId, null, p.Name, now.UnitsStarted, last.UnitsStarted);
        }

        if (now.UnitsBasicallyCompleted < last.UnitsBasicallyCompleted)
        {
            yield return CompletedDecreased.Finding(subject, nameof(now.UnitsBasicallyCompleted), p.ProjectId, null, p.Name, now.UnitsBasicallyCompleted, last.UnitsBasicallyCompleted);
        }

        if (now.InvestmentCompleted < last.InvestmentCompleted)
        {
            yield return InvestmentDecreased.Finding(subject, nameof(now.InvestmentCompleted), p.ProjectId, null, p.Name, now.InvestmentCompleted, last.InvestmentCompleted);
        }

        foreach (var source in Enum.GetValues<FundingSource>())
        {
            var (was, funds) = (last.FundsOf(source), now.FundsOf(source));
            var label = DomainText.Of(source);
            if (funds.Received < was.Received)
            {
                yield return ReceivedDecreased.Finding($"{subject}:{source}", $"Funds.{source}.Received", p.ProjectId, null, p.Name, label, funds.Received, was.Received);
            }

            if (funds.Spent < was.Spent)
            {
                yield return SpentDecreased.Finding($"{subject}:{source}", $"Funds.{source}.Spent", p.ProjectId, null, p.Name, label, funds.Spent, was.Spent);
            }
        }

        if (now.HouseholdsSigned < last.HouseholdsSigned)
        {
            yield return SignedDecreased.Finding(subject, nameof(now.HouseholdsSigned), p.ProjectId, null, p.Name, now.HouseholdsSigned, last.HouseholdsSigned);
        }

        if (now.HouseholdsMovedOut < last.HouseholdsMovedOut)
        {
            yield return MovedOutDecreased.Finding(subject, nameof(now.HouseholdsMovedOut), p.ProjectId, null, p.Name, now.HouseholdsMovedOut, last.HouseholdsMovedOut);
        }

        // Figures that bound each other.
        if (now.UnitsStarted > p.PlannedUnits)
        {
            yield return StartedExceedsPlanned.Finding(subject, nameof(now.UnitsStarted), p.ProjectId, null, p.Name, now.UnitsStarted, p.PlannedUnits);
        }

        if (now.UnitsBasicallyCompleted > now.UnitsStarted)
        {
            yield return CompletedExceedsStarted.Finding(subject, nameof(now.UnitsBasicallyCompleted), p.ProjectId, null, p.Name, now.UnitsBasicallyCompleted, now.UnitsStarted);
        }

        foreach (var funds in now.Funds.Where(f => f.Spent > f.Received))
        {
            yield return SpentExceedsReceived.Finding($"{subject}:{funds.Source}", $"Funds.{funds.Source}.Spent", p.ProjectId, null, p.Name, DomainText.Of(funds.Source), funds.Spent, funds.Received);
        }

        if (now.HouseholdsSigned > p.HouseholdsToExpropriate)
        {
            yield return SignedExceedsToExpropriate.Finding(subject, nameof(now.HouseholdsSigned), p.ProjectId, null, p.Name, now.HouseholdsSigned, p.HouseholdsToExpropriate);
        }

        if (now.HouseholdsMovedOut > now.HouseholdsSigned)
        {
            yield return MovedOutExceedsSigned.Finding(subject, nameof(now.HouseholdsMovedOut), p.ProjectId, null, p.Name, now.HouseholdsMovedOut, now.HouseholdsSigned);
        }

        // Pace: this month's increment against last month's, when last month moved at all.
        if (p.ApprovedBefore is { } before)
        {
            if (IsJump(now.UnitsStarted - last.UnitsStarted, last.UnitsStarted - before.UnitsStarted))
            {
                yield return StartedPaceJump.Finding(subject, nameof(now.UnitsStarted), p.ProjectId, null, p.Name, now.UnitsStarted - last.UnitsStarted, last.UnitsStarted - before.UnitsStarted, PaceJumpFactor);
            }

            if (IsJump(now.UnitsBasicallyCompleted - last.UnitsBasicallyCompleted, last.UnitsBasicallyCompleted - before.UnitsBasicallyCompleted))
            {
                yield return CompletedPaceJump.Finding(subject, nameof(now.UnitsBasicallyCompleted), p.ProjectId, null, p.Name,
                    now.UnitsBasicallyCompleted - last.UnitsBasicallyCompleted, last.UnitsBasicallyCompleted - before.UnitsBasicallyCompleted, PaceJumpFactor);
            }

            if (IsJump(now.InvestmentCompleted - last.InvestmentCompleted, last.InvestmentCompleted - before.InvestmentCompleted))
            {
                yield return InvestmentPaceJump.Finding(subject, nameof(now.InvestmentCompleted), p.ProjectId, null, p.Name,
                    now.InvestmentCompleted - last.InvestmentCompleted, last.InvestmentCompleted - before.InvestmentCompleted, PaceJumpFactor);
            }
        }
    }

    public static IEnumerable<ReportFinding> CheckCase(CaseBaseline c, HouseholdResolutions thisMonth)
    {
        ArgumentNullException.ThrowIfNull(c);
        var subject = $"C{c.CaseId}";
        if (thisMonth.Total > c.UnresolvedAtMonthStart)
        {
            yield return ResolvedExceedsUnresolved.Finding(subject, "Resolved", null, c.CaseId, c.Name, thisMonth.Total, c.UnresolvedAtMonthStart);
        }

        if (c.ResolvedLastMonth is { } lastMonth && IsJump(thisMonth.Total, lastMonth))
        {
            yield return ResolvedPaceJump.Finding(subject, "Resolved", null, c.CaseId, c.Name, thisMonth.Total, lastMonth, PaceJumpFactor);
        }
    }

    private static bool IsJump(decimal increment, decimal previousIncrement)
        => previousIncrement > 0 && increment > PaceJumpFactor * previousIncrement;
}

using AnjuPortal.Application.Common;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Reporting;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Application.Reporting;

/// <summary>
/// Entering a monthly report 月报填报: start (or open) the unit's draft for a period, read a report with its
/// baseline and findings, save the draft partially as often as needed, check it. Submitting, returning, approving and
/// correcting are in <see cref="ReportWorkflow"/>. A report is entered by users of its own unit (a county for its
/// projects and cases, a city for the projects it runs itself); the top of the tree approves and does not report.
/// </summary>
public sealed class MonthlyReportEntry(IAppDbContextFactory contexts, ICurrentUser user, TimeProvider clock)
{
    public const string OwnUnitOnly = "只能填报本单位的月报。";
    public const string TopDoesNotReport = "{0}是最上级单位，负责审核各地区月报，本身不填报月报。";
    public const string LineNotOnReport = "该项目或台账项目不属于本单位本期月报。";

    /// <summary>
    /// The latest revision of the unit's report for the period, created as a draft from last month's approved
    /// figures when there is none yet. Returns the report's id. Safe to call twice or concurrently: the unique
    /// (unit, period, revision) key lets one draft exist, and the loser gets the winner's id.
    /// </summary>
    public async Task<CommandResult<int>> StartOrGetDraftAsync(int periodId, int jurisdictionId, CancellationToken ct = default)
    {
        user.Demand(Permission.Submit);
        await using var db = await contexts.CreateAsync(ct);
        var unit = await ReportData.UnitAsync(db, jurisdictionId, ct);
        if (unit is null)
        {
            return CommandResult<int>.Failure(string.Empty, ReportData.UnitNotFound);
        }

        if (!unit.Reports)
        {
            return CommandResult<int>.Failure(string.Empty, string.Format(System.Globalization.CultureInfo.CurrentCulture, TopDoesNotReport, unit.Name));
        }

        if (unit.Id != user.JurisdictionId)
        {
            return CommandResult<int>.Failure(string.Empty, OwnUnitOnly);
        }

        if (await ExistingAsync(db, periodId, unit.Id, ct) is { } existing)
        {
            return CommandResult<int>.Success(existing);
        }

        var period = await db.ReportingPeriods.AsNoTracking().FirstOrDefaultAsync(p => p.Id == periodId, ct);
        if (period is null)
        {
            return CommandResult<int>.Failure(string.Empty, ReportData.PeriodNotFound);
        }

        try
        {
            var report = MonthlyReport.StartDraft(unit.Id, period, clock.GetUtcNow(), user.ActorName());
            var baseline = await ReportData.BaselineAsync(db, unit.Id, period, null, ct);
            foreach (var project in baseline.Projects)
            {
                report.SetProjectLine(project.ProjectId, project.LastApproved);
            }

            foreach (var overdueCase in baseline.Cases)
            {
                report.SetCaseLine(overdueCase.CaseId, default, overdueCase.ResolvedEarlierInYear);
            }

            // The draft's lines are copies of last month's approved figures (each audited when it was saved): the report
            // itself is recorded as usual, its copied lines as one summary record per kind instead of 5,000 row records.
            var note = string.Format(System.Globalization.CultureInfo.InvariantCulture, "按上月审核数生成{0}{1}月报草稿", unit.Name, period.Label);
            db.SummarizeAddedRows<ProjectProgressLine>(note);
            db.SummarizeAddedRows<FundingProgressLine>(note);
            db.SummarizeAddedRows<CaseProgressLine>(note);
            db.MonthlyReports.Add(report);
            await db.SaveChangesAsync(ct);
            return CommandResult<int>.Success(report.Id);
        }
        catch (DomainException ex)
        {
            return CommandResult<int>.Failure(ex.Field ?? string.Empty, ex.Message);
        }
        catch (DbUpdateException)
        {
            // Another tab or server created the draft between our look and our save.
            await using var again = await contexts.CreateAsync(ct);
            if (await ExistingAsync(again, periodId, unit.Id, ct) is { } winner)
            {
                return CommandResult<int>.Success(winner);
            }

            throw;
        }
    }

    /// <summary>A report revision with its lines, baseline, findings, explanations, history and what the user may do; null when not visible.</summary>
    public async Task<ReportView?> GetAsync(int reportId, CancellationToken ct = default)
    {
        user.Demand(Permission.View);
        await using var db = await contexts.CreateAsync(ct);
        var report = await db.MonthlyReports.AsNoTracking().AsSplitQuery().FirstOrDefaultAsync(r => r.Id == reportId, ct);
        return report is null ? null : await ViewAsync(db, report, ct);
    }

    /// <summary>The unit's report for the period: the latest revision, or <paramref name="revision"/>; null when there is none.</summary>
    public async Task<ReportView?> FindAsync(int periodId, int jurisdictionId, int? revision = null, CancellationToken ct = default)
    {
        user.Demand(Permission.View);
        await using var db = await contexts.CreateAsync(ct);
        var query = db.MonthlyReports.AsNoTracking().AsSplitQuery().Where(r => r.ReportingPeriodId == periodId && r.JurisdictionId == jurisdictionId);
        query = revision is { } wanted ? query.Where(r => r.Revision == wanted) : query.OrderByDescending(r => r.Revision);
        var report = await query.FirstOrDefaultAsync(ct);
        return report is null ? null : await ViewAsync(db, report, ct);
    }

    /// <summary>Every revision of the unit's report for the period, oldest first: approved revisions are never overwritten.</summary>
    public async Task<IReadOnlyList<RevisionSummary>> RevisionsAsync(int periodId, int jurisdictionId, CancellationToken ct = default)
    {
        user.Demand(Permission.View);
        await using var db = await contexts.CreateAsync(ct);
        return await db.MonthlyReports.AsNoTracking()
            .Where(r => r.ReportingPeriodId == periodId && r.JurisdictionId == jurisdictionId)
            .OrderBy(r => r.Revision)
            .Select(r => new RevisionSummary(r.Id, r.Revision, r.Status, r.CorrectionReason, r.CreatedAt, r.CreatedBy, r.SubmittedAt, r.ApprovedAt, r.ApprovedBy))
            .ToListAsync(ct);
    }

    /// <summary>
    /// Saves the given lines and explanations of a draft (or returned) report; lines not given stay as they are.
    /// Figures may still break the rules (the findings come back); negative numbers and lines that are not on the
    /// unit's report are refused. A save from an older version than the stored one is refused.
    /// </summary>
    public async Task<CommandResult<DraftSaved>> SaveDraftAsync(ReportDraftInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        user.Demand(Permission.Submit);
        await using var db = await contexts.CreateAsync(ct);
        var report = await ReportData.ReportForUpdateAsync(db, input.ReportId, ct);
        if (report is null)
        {
            return CommandResult<DraftSaved>.Failure(string.Empty, ReportData.ReportNotFound);
        }

        if (report.JurisdictionId != user.JurisdictionId)
        {
            return CommandResult<DraftSaved>.Failure(string.Empty, OwnUnitOnly);
        }

        if (report.Version != input.Version)
        {
            return CommandResult<DraftSaved>.Failure(string.Empty, ReportData.Conflict(report));
        }

        var period = await db.ReportingPeriods.AsNoTracking().SingleAsync(p => p.Id == report.ReportingPeriodId, ct);
        try
        {
            period.EnsureNotFrozen();
            var baseline = await ReportData.BaselineAsync(db, report.JurisdictionId, period, report, ct);
            foreach (var line in input.Projects)
            {
                if (baseline.Project(line.ProjectId) is null)
                {
                    return CommandResult<DraftSaved>.Failure($"Projects[{line.ProjectId}]", LineNotOnReport);
                }

                report.SetProjectLine(line.ProjectId, line.ToFigures());
            }

            foreach (var line in input.Cases)
            {
                if (baseline.Case(line.CaseId) is not { } overdueCase)
                {
                    return CommandResult<DraftSaved>.Failure($"Cases[{line.CaseId}]", LineNotOnReport);
                }

                report.SetCaseLine(line.CaseId, line.ToResolutions(), overdueCase.ResolvedEarlierInYear);
            }

            var check = ReportRules.Check(report, baseline);
            report.Explain(input.Explanations, check);
            await db.SaveChangesAsync(ct);
            return CommandResult<DraftSaved>.Success(new DraftSaved(report.Version, check.Findings));
        }
        catch (DomainException ex)
        {
            return CommandResult<DraftSaved>.Failure(ex.Field ?? string.Empty, ex.Message);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            foreach (var entry in ex.Entries)
            {
                await entry.ReloadAsync(ct);
            }

            return CommandResult<DraftSaved>.Failure(string.Empty, ReportData.Conflict(report));
        }
    }

    /// <summary>The rules' findings for a report as it is stored now; null when not visible.</summary>
    public async Task<ReportCheck?> CheckAsync(int reportId, CancellationToken ct = default)
    {
        user.Demand(Permission.View);
        await using var db = await contexts.CreateAsync(ct);
        var report = await db.MonthlyReports.AsNoTracking().AsSplitQuery().FirstOrDefaultAsync(r => r.Id == reportId, ct);
        if (report is null)
        {
            return null;
        }

        var period = await db.ReportingPeriods.AsNoTracking().SingleAsync(p => p.Id == report.ReportingPeriodId, ct);
        return ReportRules.Check(report, await ReportData.BaselineAsync(db, report.JurisdictionId, period, report, ct));
    }

    private static async Task<int?> ExistingAsync(IAppDbContext db, int periodId, int jurisdictionId, CancellationToken ct)
        => await db.MonthlyReports.AsNoTracking()
            .Where(r => r.ReportingPeriodId == periodId && r.JurisdictionId == jurisdictionId)
            .OrderByDescending(r => r.Revision)
            .Select(r => (int?)r.Id)
            .FirstOrDefaultAsync(ct);

    private async Task<ReportView> ViewAsync(IAppDbContext db, MonthlyReport report, CancellationToken ct)
    {
        var period = await db.ReportingPeriods.AsNoTracking().SingleAsync(p => p.Id == report.ReportingPeriodId, ct);
        var unit = (await ReportData.UnitAsync(db, report.JurisdictionId, ct))!;
        var latest = await ReportData.LatestRevisionAsync(db, report.JurisdictionId, period.Id, ct);
        var baseline = await ReportData.BaselineAsync(db, report.JurisdictionId, period, report, ct);
        var check = ReportRules.Check(report, baseline);

        var projects = baseline.Projects
            .Where(p => report.FiguresOf(p.ProjectId) is not null)
            .Select(p => new ProjectLineView(p.ProjectId, p.Code, p.Name, p.PlannedUnits, p.HouseholdsToExpropriate, p.LastApproved, report.FiguresOf(p.ProjectId)!))
            .ToList();
        var cases = baseline.Cases
            .Select(c => (Baseline: c, Line: report.CaseLines.FirstOrDefault(l => l.CaseId == c.CaseId)))
            .Where(x => x.Line is not null)
            .Select(x => new CaseLineView(
                x.Baseline.CaseId, x.Baseline.ProjectCode, x.Baseline.Name, x.Baseline.Households, x.Baseline.UnresolvedAtMonthStart,
                x.Line!.ResolvedEarlierInYear, x.Baseline.ResolvedLastMonth, x.Line.ResolvedThisMonth, x.Line.HouseholdsResolved))
            .ToList();

        var isLatest = report.Revision == latest;
        var open = isLatest && !period.IsFrozen;
        var own = report.JurisdictionId == user.JurisdictionId;
        var below = !own && user.JurisdictionPath is { } path && unit.Path.StartsWith(path, StringComparison.Ordinal);
        var can = new ReportPermissions(
            Edit: open && own && report.IsEditable && user.Has(Permission.Submit),
            Submit: open && own && report.IsEditable && user.Has(Permission.Submit),
            Return: open && below && report.Status == ReportStatus.Submitted && (user.Has(Permission.Approve) || (user.Has(Permission.Submit) && unit.ParentId == user.JurisdictionId)),
            Approve: open && below && report.Status == ReportStatus.Submitted && user.Has(Permission.Approve),
            StartCorrection: open && own && report.Status == ReportStatus.Approved && user.Has(Permission.Submit));

        return new ReportView(
            report.Id, PeriodSummary.Of(period), unit.Id, unit.Code, unit.Name, report.Revision, latest, report.Status, report.Version,
            report.FirstSubmittedAt, report.SubmittedAt, report.SubmittedBy, report.DaysLate, report.LateReason,
            report.ReturnReason, report.ReturnedAt, report.ReturnedBy, report.ApprovedAt, report.ApprovedBy, report.CorrectionReason,
            projects, cases, check.Findings,
            report.Explanations.Select(e => new ExplanationView(e.Key, e.RuleCode, e.Message, e.Text)).ToList(),
            report.History.OrderBy(h => h.At).ThenBy(h => h.Id).Select(h => new HistoryView(h.Action, h.At, h.By, h.Note)).ToList(),
            can);
    }
}

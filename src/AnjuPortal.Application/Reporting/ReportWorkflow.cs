using System.Globalization;
using AnjuPortal.Application.Common;
using AnjuPortal.Application.Dashboards;
using AnjuPortal.Application.Notifications;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Projects;
using AnjuPortal.Domain.Reporting;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Application.Reporting;

/// <summary>
/// The report's way up the tree 逐级上报: a county submits; its city reviews (may return) and submits its own report,
/// which marks its whole area submitted once every child has; the province approves the area (every submitted report
/// in it is locked) or returns a report with a reason; an approved report is corrected by a new revision. Every
/// refusal is a <see cref="CommandResult{T}"/> with a Chinese message; a report outside the user's subtree is simply
/// not found (tenancy). docs/monthly-reports.md has the table of who may do what.
/// </summary>
public sealed class ReportWorkflow(IAppDbContextFactory contexts, ICurrentUser user, TimeProvider clock, IReportNotifier? notifier = null, IProgressStatisticsSignal? statistics = null)
{
    public const string SubmitOwnUnitOnly = "只能上报本单位的月报。";
    public const string CorrectOwnUnitOnly = "只能更正本单位的月报。";
    public const string NotOwnReport = "不能退回或审核本单位的月报：月报由上级单位审核。";
    public const string ReturnByLevelAbove = "只有上级单位才能退回月报。";
    public const string AreaAlreadySubmitted = "本地区月报已上报，所辖单位的月报随之报送上级；如需退回，请联系上级审核人员。";
    public const string AreaNotSubmitted = "{0}尚未上报本地区月报，暂不能审核其所辖单位的月报。";
    public const string AlreadyCorrected = "该月报已有更正版本（第 {0} 版），请打开最新修订版。";
    public const string AreaReopened = "所辖{0}的月报被上级退回（{1}），请其修改后重新上报，再上报本地区月报。";
    public const string ProjectOnReport = "项目「{0}」：{1}";

    /// <summary>
    /// 上报 the latest revision of the user's own unit's report. Refused (nothing saved) with a hard error, with a
    /// warning lacking an explanation, late without a reason, before every child unit has submitted, or once the period is
    /// frozen. On refusal, <see cref="CommandResult{T}.Errors"/> holds the summary under the empty key and one entry per
    /// offending finding (keyed by <see cref="ReportFinding.Key"/>) or under <c>LateReason</c>. Returns the report id.
    /// </summary>
    public async Task<CommandResult<int>> SubmitAsync(SubmitReportInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        user.Demand(Permission.Submit);
        await using var db = await contexts.CreateAsync(ct);
        var report = await ReportData.ReportForUpdateAsync(db, input.ReportId, ct);
        if (report is null)
        {
            return CommandResult<int>.Failure(string.Empty, ReportData.ReportNotFound);
        }

        if (report.JurisdictionId != user.JurisdictionId)
        {
            return CommandResult<int>.Failure(string.Empty, SubmitOwnUnitOnly);
        }

        if (await StaleAsync(db, report, input.Version, ct) is { } stale)
        {
            return stale;
        }

        var period = await db.ReportingPeriods.AsNoTracking().SingleAsync(p => p.Id == report.ReportingPeriodId, ct);
        var baseline = await ReportData.BaselineAsync(db, report.JurisdictionId, period, report, ct);
        if (report.IsEditable)
        {
            // The year's cumulative households rest on the last approved report, which a correction may have changed since the draft was saved.
            foreach (var line in report.CaseLines.ToList())
            {
                if (baseline.Case(line.CaseId) is { } overdueCase)
                {
                    report.SetCaseLine(line.CaseId, line.ResolvedThisMonth, overdueCase.ResolvedEarlierInYear);
                }
            }
        }

        var check = ReportRules.Check(report, baseline);
        var children = await ReportData.ChildStatesAsync(db, report.JurisdictionId, period.Id, ct);
        try
        {
            report.Submit(period, check, input.Explanations, input.LateReason, children, clock.GetUtcNow(), user.ActorName());
        }
        catch (DomainException ex)
        {
            var errors = new Dictionary<string, string> { [ex.Field ?? string.Empty] = ex.Message };
            if (report.IsEditable && !period.IsFrozen)
            {
                var offending = check.HasErrors
                    ? check.Errors
                    : check.Warnings.Where(w => string.IsNullOrWhiteSpace(input.Explanations.GetValueOrDefault(w.Key))
                        && report.Explanations.All(e => e.Key != w.Key)).ToList();
                foreach (var finding in offending)
                {
                    errors.TryAdd(finding.Key, finding.Message);
                }
            }

            return CommandResult<int>.Failure(errors);
        }

        var saved = await SaveAsync(db, report, report.Id, ct);
        if (saved.Succeeded)
        {
            PortalMetrics.ReportsSubmitted.Add(1);
        }

        return saved;
    }

    /// <summary>
    /// 退回 a submitted report to its author with the reason (editable again). The province (Approve permission) may
    /// return any submitted report below it; when the report's city had already submitted its area, the city's report
    /// goes back too, with the reason, because its area is incomplete again. A city may return its own counties'
    /// reports while it has not yet submitted its area.
    /// </summary>
    public async Task<CommandResult<int>> ReturnAsync(int reportId, int version, string reason, CancellationToken ct = default)
    {
        if (!user.Has(Permission.Approve))
        {
            user.Demand(Permission.Submit);
        }

        await using var db = await contexts.CreateAsync(ct);
        var report = await ReportData.ReportForUpdateAsync(db, reportId, ct);
        if (report is null)
        {
            return CommandResult<int>.Failure(string.Empty, ReportData.ReportNotFound);
        }

        if (report.JurisdictionId == user.JurisdictionId)
        {
            return CommandResult<int>.Failure(string.Empty, NotOwnReport);
        }

        if (await StaleAsync(db, report, version, ct) is { } stale)
        {
            return stale;
        }

        var unit = (await ReportData.UnitAsync(db, report.JurisdictionId, ct))!;
        var reviewer = user.Has(Permission.Approve);
        if (!reviewer)
        {
            if (unit.ParentId != user.JurisdictionId)
            {
                return CommandResult<int>.Failure(string.Empty, ReturnByLevelAbove);
            }

            var own = await ReportData.LatestRevisionsAsync(db, report.ReportingPeriodId, [user.JurisdictionId!.Value], ct);
            if (own.TryGetValue(user.JurisdictionId.Value, out var area) && area.Status is ReportStatus.Submitted or ReportStatus.Approved)
            {
                return CommandResult<int>.Failure(string.Empty, AreaAlreadySubmitted);
            }
        }

        var period = await db.ReportingPeriods.AsNoTracking().SingleAsync(p => p.Id == report.ReportingPeriodId, ct);
        var now = clock.GetUtcNow();
        var returned = new List<MonthlyReport> { report };
        try
        {
            report.Return(period, reason, now, user.ActorName());
            if (reviewer)
            {
                foreach (var ancestor in await IntermediateAncestorsAsync(db, unit, ct))
                {
                    var latest = await ReportData.LatestRevisionsAsync(db, period.Id, [ancestor.Id], ct);
                    if (latest.TryGetValue(ancestor.Id, out var area) && area.Status == ReportStatus.Submitted)
                    {
                        var areaReport = (await ReportData.ReportForUpdateAsync(db, area.Id, ct))!;
                        var note = string.Format(CultureInfo.CurrentCulture, AreaReopened, unit.Name, Shorten(reason.Trim(), 200));
                        areaReport.Return(period, note, now, user.ActorName());
                        returned.Add(areaReport);
                    }
                }
            }
        }
        catch (DomainException ex)
        {
            return CommandResult<int>.Failure(ex.Field ?? string.Empty, ex.Message);
        }

        if (notifier is not null)
        {
            await notifier.ReturnedAsync(db, returned, period, ct);
        }

        return await SaveAsync(db, report, report.Id, ct);
    }

    /// <summary>
    /// 审核通过 (Approve permission, a report below the user's unit). Approving a unit that has children approves its
    /// area: every submitted report in its subtree is locked with it, which requires every child to have submitted. A
    /// report deeper down (a county's correction) can be approved on its own once its city's area has reached the user.
    /// The projects take over the approved figures. Returns how many reports were approved.
    /// </summary>
    public async Task<CommandResult<int>> ApproveAsync(int reportId, int version, CancellationToken ct = default)
    {
        user.Demand(Permission.Approve);
        await using var db = await contexts.CreateAsync(ct);
        var report = await ReportData.ReportForUpdateAsync(db, reportId, ct);
        if (report is null)
        {
            return CommandResult<int>.Failure(string.Empty, ReportData.ReportNotFound);
        }

        if (report.JurisdictionId == user.JurisdictionId)
        {
            return CommandResult<int>.Failure(string.Empty, NotOwnReport);
        }

        if (await StaleAsync(db, report, version, ct) is { } stale)
        {
            return stale;
        }

        var unit = (await ReportData.UnitAsync(db, report.JurisdictionId, ct))!;
        var period = await db.ReportingPeriods.AsNoTracking().SingleAsync(p => p.Id == report.ReportingPeriodId, ct);
        foreach (var ancestor in await IntermediateAncestorsAsync(db, unit, ct))
        {
            var latest = await ReportData.LatestRevisionsAsync(db, period.Id, [ancestor.Id], ct);
            if (!latest.TryGetValue(ancestor.Id, out var area) || area.Status is not (ReportStatus.Submitted or ReportStatus.Approved))
            {
                return CommandResult<int>.Failure(string.Empty, string.Format(CultureInfo.CurrentCulture, AreaNotSubmitted, ancestor.Name));
            }
        }

        // The area: every unit below, with the latest revision of its report; submitted ones are approved bottom-up.
        var subtree = await db.Jurisdictions.AsNoTracking().Where(j => j.Path.StartsWith(unit.Path))
            .Select(j => new { j.Id, j.Name, j.ParentId, j.Path, j.SortOrder, j.Code })
            .ToListAsync(ct);
        var latestInArea = await ReportData.LatestRevisionsAsync(db, period.Id, subtree.Select(j => j.Id).ToList(), ct);
        var statuses = subtree.ToDictionary(j => j.Id, j => latestInArea.TryGetValue(j.Id, out var r) ? r.Status : (ReportStatus?)null);
        var below = latestInArea.Where(r => r.Key != unit.Id && r.Value.Status == ReportStatus.Submitted).Select(r => r.Value.Id).ToList();
        var reports = await db.MonthlyReports.AsSplitQuery().Where(r => below.Contains(r.Id)).ToListAsync(ct);
        reports.Add(report);
        var depth = subtree.ToDictionary(j => j.Id, j => j.Path.Length);
        var now = clock.GetUtcNow();
        try
        {
            foreach (var r in reports.OrderByDescending(r => depth[r.JurisdictionId]))
            {
                var children = subtree.Where(j => j.ParentId == r.JurisdictionId).OrderBy(j => j.SortOrder).ThenBy(j => j.Code)
                    .Select(j => new ChildReportState(j.Name, statuses[j.Id])).ToList();
                r.Approve(period, children, now, user.ActorName());
                statuses[r.JurisdictionId] = ReportStatus.Approved;
            }

            await ApplyToProjectsAsync(db, reports, period, ct);
        }
        catch (DomainException ex)
        {
            return CommandResult<int>.Failure(ex.Field ?? string.Empty, ex.Message);
        }

        if (notifier is not null)
        {
            await notifier.ApprovedAsync(db, reports, period, ct);
        }

        var saved = await SaveAsync(db, report, reports.Count, ct);
        if (saved.Succeeded && statistics is not null)
        {
            await statistics.UnitsChangedAsync(reports.Select(r => r.JurisdictionId).Distinct().ToList(), period.Year, ct);
        }

        return saved;
    }

    /// <summary>
    /// 发起更正: a correction of the user's own unit's approved report is a new revision (a draft with the approved
    /// figures and the reason), entered and submitted like the report; the approved revision stays unchanged in the
    /// history. Returns the new revision's id.
    /// </summary>
    public async Task<CommandResult<int>> StartCorrectionAsync(int reportId, string reason, CancellationToken ct = default)
    {
        user.Demand(Permission.Submit);
        await using var db = await contexts.CreateAsync(ct);
        var report = await db.MonthlyReports.AsNoTracking().AsSplitQuery().FirstOrDefaultAsync(r => r.Id == reportId, ct);
        if (report is null)
        {
            return CommandResult<int>.Failure(string.Empty, ReportData.ReportNotFound);
        }

        if (report.JurisdictionId != user.JurisdictionId)
        {
            return CommandResult<int>.Failure(string.Empty, CorrectOwnUnitOnly);
        }

        var latest = await ReportData.LatestRevisionAsync(db, report.JurisdictionId, report.ReportingPeriodId, ct);
        if (report.Revision < latest)
        {
            return CommandResult<int>.Failure(string.Empty, string.Format(CultureInfo.CurrentCulture, AlreadyCorrected, latest));
        }

        var period = await db.ReportingPeriods.AsNoTracking().SingleAsync(p => p.Id == report.ReportingPeriodId, ct);
        try
        {
            var correction = report.StartCorrection(period, reason, clock.GetUtcNow(), user.ActorName());
            db.MonthlyReports.Add(correction);
            await db.SaveChangesAsync(ct);
            return CommandResult<int>.Success(correction.Id);
        }
        catch (DomainException ex)
        {
            return CommandResult<int>.Failure(ex.Field ?? string.Empty, ex.Message);
        }
        catch (DbUpdateException)
        {
            // Someone of the unit started the same correction a moment earlier: the unique (unit, period, revision) key refused ours.
            return CommandResult<int>.Failure(string.Empty, string.Format(CultureInfo.CurrentCulture, AlreadyCorrected, report.Revision + 1));
        }
    }

    /// <summary>Refuses an action on an older revision than the latest, or from a version older than the stored one.</summary>
    private static async Task<CommandResult<int>?> StaleAsync(IAppDbContext db, MonthlyReport report, int version, CancellationToken ct)
    {
        var latest = await ReportData.LatestRevisionAsync(db, report.JurisdictionId, report.ReportingPeriodId, ct);
        if (report.Revision < latest)
        {
            return CommandResult<int>.Failure(string.Empty, ReportData.NotLatestRevision);
        }

        return report.Version != version ? CommandResult<int>.Failure(string.Empty, ReportData.Conflict(report)) : null;
    }

    /// <summary>The units strictly between the user's unit and <paramref name="unit"/> (a county's city, for the province).</summary>
    private async Task<List<UnitInfo>> IntermediateAncestorsAsync(IAppDbContext db, UnitInfo unit, CancellationToken ct)
    {
        var own = user.JurisdictionPath ?? "/";
        var codes = unit.Path[own.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries).SkipLast(1).ToList();
        var ancestors = await db.Jurisdictions.AsNoTracking().Where(j => codes.Contains(j.Code))
            .Select(j => new UnitInfo(j.Id, j.Code, j.Name, j.ParentId, j.Path)).ToListAsync(ct);
        return ancestors.Where(a => unit.Path.StartsWith(a.Path, StringComparison.Ordinal)).OrderByDescending(a => a.Path.Length).ToList();
    }

    /// <summary>The register takes over the approved cumulative figures (unless it holds a later month's already).</summary>
    private static async Task ApplyToProjectsAsync(IAppDbContext db, IReadOnlyCollection<MonthlyReport> approved, ReportingPeriod period, CancellationToken ct)
    {
        var ids = approved.SelectMany(r => r.ProjectLines.Select(l => l.ProjectId)).Distinct().ToList();
        var projects = await db.Projects.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        foreach (var report in approved)
        {
            foreach (var line in report.ProjectLines)
            {
                if (!projects.TryGetValue(line.ProjectId, out var project))
                {
                    continue;
                }

                try
                {
                    project.ApplyApprovedFigures(period.MonthEnd, report.FiguresOf(line.ProjectId)!);
                }
                catch (DomainException ex)
                {
                    throw new DomainException(string.Format(CultureInfo.CurrentCulture, ProjectOnReport, project.Name, ex.Message), ex.Field);
                }
            }
        }
    }

    private static async Task<CommandResult<int>> SaveAsync(IAppDbContext db, MonthlyReport report, int value, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return CommandResult<int>.Success(value);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            foreach (var entry in ex.Entries)
            {
                await entry.ReloadAsync(ct);
            }

            return CommandResult<int>.Failure(string.Empty, ReportData.Conflict(report));
        }
    }

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..length] + "…";
}

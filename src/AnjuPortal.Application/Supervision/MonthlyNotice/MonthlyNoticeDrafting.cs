using AnjuPortal.Application.Common;
using AnjuPortal.Application.Dashboards;
using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Progress;
using AnjuPortal.Domain.Reporting;
using AnjuPortal.Domain.Supervision;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AnjuPortal.Application.Supervision.MonthlyNotice;

/// <summary>How a drafting attempt for one month ended.</summary>
public enum MonthlyDraftOutcome
{
    /// <summary>A new draft was saved.</summary>
    Drafted,
    /// <summary>The month has its 月通报 already (drafted earlier, or by another server a moment ago).</summary>
    AlreadyDrafted,
    /// <summary>The month is not frozen, or its statistics are not final yet: the next run tries again.</summary>
    NotReady,
}

/// <summary>
/// 月通报的自动起草: drafts the monthly circulated notice of a frozen month from the dashboards' final statistics of the
/// root unit (the province) and its children (the cities): <see cref="DashboardBuilder"/> gives the figures, task
/// progress, gaps and ranking exactly as the dashboard shows them; <see cref="MonthlyNoticeRules"/> picks whom to
/// praise, criticise and propose for summons; <see cref="MonthlyNoticeText"/> writes the text. The draft belongs to
/// the root unit and is created by the system (audited as such); a supervisor edits it and a province administrator
/// approves it like any other notice. Once per month: the database's unique index on (unit, year, month) refuses a
/// second draft, whichever server writes it; the refused insert is reported as <see cref="MonthlyDraftOutcome.AlreadyDrafted"/>.
/// </summary>
public sealed class MonthlyNoticeDrafting(
    ISystemDbContextFactory contexts,
    TimeProvider clock,
    IOptions<MonthlyNoticeOptions> options,
    IOptions<OfficialDocumentOptions> documents,
    IOptions<DashboardOptions> dashboards,
    ILogger<MonthlyNoticeDrafting> logger)
{
    /// <summary>Drafts every month that is due (see <see cref="MonthsDueAsync"/>). Returns how many drafts this run saved.</summary>
    public async Task<int> DraftDueAsync(CancellationToken ct = default)
    {
        var drafted = 0;
        foreach (var (year, month) in await MonthsDueAsync(ct))
        {
            if (await DraftAsync(year, month, ct) == MonthlyDraftOutcome.Drafted)
            {
                drafted++;
            }
        }

        return drafted;
    }

    /// <summary>
    /// Frozen months ending at most <see cref="MonthlyNoticeOptions.DraftWithinMonths"/> months before the current month
    /// (China time) that have no 月通报 of the root unit yet, oldest first.
    /// </summary>
    public async Task<IReadOnlyList<(int Year, int Month)>> MonthsDueAsync(CancellationToken ct = default)
    {
        var today = ChinaTime.DateOf(clock.GetUtcNow());
        var earliest = (today.Year * 12) + today.Month - 1 - options.Value.DraftWithinMonths;
        await using var db = await contexts.CreateAsync(ct);
        var root = await db.Jurisdictions.AsNoTracking().Where(j => j.ParentId == null).OrderBy(j => j.Id).Select(j => (int?)j.Id).FirstOrDefaultAsync(ct);
        if (root is null)
        {
            return [];
        }

        var frozen = await db.ReportingPeriods.AsNoTracking().Where(p => p.Status == PeriodStatus.Frozen && (p.Year * 12) + p.Month - 1 >= earliest)
            .Select(p => new { p.Year, p.Month }).ToListAsync(ct);
        var drafted = await db.OfficialNotices.AsNoTracking().Where(n => n.JurisdictionId == root && n.PeriodYear != null)
            .Select(n => new { Year = n.PeriodYear!.Value, Month = n.PeriodMonth!.Value }).ToListAsync(ct);
        return frozen.Where(p => !drafted.Contains(p)).OrderBy(p => p.Year).ThenBy(p => p.Month).Select(p => (p.Year, p.Month)).ToList();
    }

    /// <summary>Drafts the 月通报 of one frozen month, unless it has one. Never throws for a draft another server saved first.</summary>
    public async Task<MonthlyDraftOutcome> DraftAsync(int year, int month, CancellationToken ct = default)
    {
        int root;
        NoticeContent? content;
        await using (var db = await contexts.CreateAsync(ct))
        {
            var rootId = await db.Jurisdictions.AsNoTracking().Where(j => j.ParentId == null).OrderBy(j => j.Id).Select(j => (int?)j.Id).FirstOrDefaultAsync(ct);
            if (rootId is null)
            {
                return MonthlyDraftOutcome.NotReady;
            }

            root = rootId.Value;
            if (await ExistsAsync(db, root, year, month, ct))
            {
                return MonthlyDraftOutcome.AlreadyDrafted;
            }

            content = await ComposeAsync(db, root, year, month, ct);
        }

        if (content is null)
        {
            logger.LogInformation("Monthly notice {Year}-{Month:00}: the month or its statistics are not final yet", year, month);
            return MonthlyDraftOutcome.NotReady;
        }

        await using (var db = await contexts.CreateAsync(ct))
        {
            db.OfficialNotices.Add(OfficialNotice.DraftMonthly(root, year, month, content));
            try
            {
                await db.SaveChangesAsync(ct);
                logger.LogInformation("Monthly notice {Year}-{Month:00} drafted", year, month);
                return MonthlyDraftOutcome.Drafted;
            }
            catch (DbUpdateException ex)
            {
                // Another run (on this server or another) saved the month's draft first: the unique index refused ours.
                await using var check = await contexts.CreateAsync(ct);
                if (!await ExistsAsync(check, root, year, month, ct))
                {
                    throw;
                }

                logger.LogInformation(ex, "Monthly notice {Year}-{Month:00} was drafted by another run meanwhile", year, month);
                return MonthlyDraftOutcome.AlreadyDrafted;
            }
        }
    }

    /// <summary>The notice's text for a frozen month of the root unit, or null when the month or its statistics are not final.</summary>
    public async Task<NoticeContent?> ComposeAsync(int year, int month, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateAsync(ct);
        var root = await db.Jurisdictions.AsNoTracking().Where(j => j.ParentId == null).OrderBy(j => j.Id).Select(j => (int?)j.Id).FirstOrDefaultAsync(ct);
        return root is null ? null : await ComposeAsync(db, root.Value, year, month, ct);
    }

    private async Task<NoticeContent?> ComposeAsync(IAppDbContext db, int root, int year, int month, CancellationToken ct)
    {
        var period = await db.ReportingPeriods.AsNoTracking().SingleOrDefaultAsync(p => p.Year == year && p.Month == month, ct);
        if (period is not { Status: PeriodStatus.Frozen })
        {
            return null;
        }

        var family = await db.Jurisdictions.AsNoTracking().Where(j => j.Id == root || j.ParentId == root)
            .Select(j => new TreeNode(j.Id, j.Code, j.Name, j.Level, j.ParentId, j.Path, j.SortOrder)).ToListAsync(ct);
        var unit = family.Single(j => j.Id == root);
        var children = family.Where(j => j.ParentId == root).OrderBy(j => j.SortOrder).ThenBy(j => j.Code, StringComparer.Ordinal).ToList();
        var ids = family.Select(j => j.Id).ToList();

        // Only final rows count: the month itself, and the months before it the summons rule looks back on.
        var settings = options.Value;
        var back = Math.Max(0, settings.SummonsMonths - 1);
        var firstYear = new DateOnly(year, month, 1).AddMonths(-back).Year;
        var rows = await db.ProgressStats.AsNoTracking().Where(s => s.Frozen && s.Year >= firstYear && s.Year <= year && ids.Contains(s.JurisdictionId)).ToListAsync(ct);
        if (!rows.Any(r => r.JurisdictionId == root && r.Year == year && r.Month == month))
        {
            return null;
        }

        var view = View(unit, children, rows, year, month);
        var earlier = Enumerable.Range(1, back).Select(k => new DateOnly(year, month, 1).AddMonths(-k))
            .Select(d => rows.Any(r => r.JurisdictionId == root && r.Year == d.Year && r.Month == d.Month) ? View(unit, children, rows, d.Year, d.Month) : null)
            .ToList();
        var standings = view.Children.Select(c => new CityStanding(
            c.Progress.Unit.Code, c.Progress.Unit.Name, c.Progress[settings.Measure].TaskProgress, c.Progress[settings.Measure].Gap,
            earlier.Select(e => e?.Children.FirstOrDefault(x => x.Progress.Unit.Id == c.Progress.Unit.Id)?.Progress[settings.Measure].Gap).ToList())).ToList();
        var judgement = MonthlyNoticeRules.Judge(standings, settings);
        return MonthlyNoticeText.Compose(view, judgement, settings, documents.Value.EffectiveOffices[0].Name);
    }

    /// <summary>The dashboard of the root unit for one month, from the final rows: the same figures and ranks the dashboard shows.</summary>
    private DashboardView View(TreeNode unit, IReadOnlyList<TreeNode> children, IReadOnlyList<ProgressStat> rows, int year, int month)
    {
        var ofYear = rows.Where(r => r.Year == year).ToList();
        var months = ofYear.Where(r => r.JurisdictionId == unit.Id).Select(r => new DashboardMonth(r.Month, true)).OrderBy(m => m.Month).ToList();
        var settings = dashboards.Value;
        return DashboardBuilder.Build(new DashboardBuilder.Input(
            unit, children, [], children.Select(c => c.Id).ToHashSet(), year, month, months,
            ofYear.ToDictionary(r => (r.JurisdictionId, r.Month), r => r.Figures), [], ChinaTime.DateOf(clock.GetUtcNow()), settings.Calendar(), settings.RankingBands));
    }

    private static Task<bool> ExistsAsync(IAppDbContext db, int root, int year, int month, CancellationToken ct)
        => db.OfficialNotices.AsNoTracking().AnyAsync(n => n.JurisdictionId == root && n.PeriodYear == year && n.PeriodMonth == month, ct);
}

using System.Globalization;
using AnjuPortal.Application.Common;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AnjuPortal.Application.Reporting;

/// <summary>
/// The calendar of reporting periods 报告期: list them, open one by hand (the monthly job opens the month just ended on
/// the 1st), and move a period's deadlines (e.g. over a public holiday). Opening and moving deadlines is the
/// province's (Approve permission); the calendar is shared by the whole tree.
/// </summary>
public sealed class ReportingPeriods(IAppDbContextFactory contexts, ICurrentUser user, TimeProvider clock, IOptions<ReportingOptions> options)
{
    public const string AlreadyOpen = "{0}的报告期已开启。";
    public const string MonthNotEnded = "{0}尚未结束，不能开启该月的报告期。";

    /// <summary>Every period, newest first; optionally of one year.</summary>
    public async Task<IReadOnlyList<PeriodSummary>> ListAsync(int? year = null, CancellationToken ct = default)
    {
        user.Demand(Permission.View);
        await using var db = await contexts.CreateAsync(ct);
        var query = db.ReportingPeriods.AsNoTracking();
        if (year is { } y)
        {
            query = query.Where(p => p.Year == y);
        }

        var periods = await query.OrderByDescending(p => p.Year).ThenByDescending(p => p.Month).ToListAsync(ct);
        return periods.Select(PeriodSummary.Of).ToList();
    }

    public async Task<PeriodSummary?> GetAsync(int periodId, CancellationToken ct = default)
    {
        user.Demand(Permission.View);
        await using var db = await contexts.CreateAsync(ct);
        var period = await db.ReportingPeriods.AsNoTracking().FirstOrDefaultAsync(p => p.Id == periodId, ct);
        return period is null ? null : PeriodSummary.Of(period);
    }

    /// <summary>The newest period: the default "as of" of the reporting pages; null before the first is opened.</summary>
    public async Task<PeriodSummary?> LatestAsync(CancellationToken ct = default)
        => (await ListAsync(null, ct)).FirstOrDefault();

    /// <summary>
    /// Opens the period of a month that has ended (China time) with the configured deadline days. Refused when the
    /// period exists (also when another user or the job opened it a moment earlier: the unique (Year, Month) key).
    /// </summary>
    public async Task<CommandResult<int>> OpenAsync(int year, int month, CancellationToken ct = default)
    {
        user.Demand(Permission.Approve);
        ReportingPeriod period;
        try
        {
            period = ReportingPeriod.Open(year, month, options.Value.SubmissionDeadlineDay, options.Value.ApprovalDeadlineDay);
        }
        catch (DomainException ex)
        {
            return CommandResult<int>.Failure(ex.Field ?? string.Empty, ex.Message);
        }

        if (ChinaTime.DateOf(clock.GetUtcNow()) <= period.MonthEnd)
        {
            return CommandResult<int>.Failure(string.Empty, string.Format(CultureInfo.CurrentCulture, MonthNotEnded, period.Label));
        }

        await using var db = await contexts.CreateAsync(ct);
        if (await db.ReportingPeriods.AnyAsync(p => p.Year == year && p.Month == month, ct))
        {
            return CommandResult<int>.Failure(string.Empty, string.Format(CultureInfo.CurrentCulture, AlreadyOpen, period.Label));
        }

        db.ReportingPeriods.Add(period);
        try
        {
            await db.SaveChangesAsync(ct);
            return CommandResult<int>.Success(period.Id);
        }
        catch (DbUpdateException)
        {
            return CommandResult<int>.Failure(string.Empty, string.Format(CultureInfo.CurrentCulture, AlreadyOpen, period.Label));
        }
    }

    /// <summary>Moves the submission deadline and the end of the approval window of a period that is not frozen.</summary>
    public async Task<CommandResult<int>> SetDeadlinesAsync(int periodId, DateOnly submissionDeadline, DateOnly approvalDeadline, CancellationToken ct = default)
    {
        user.Demand(Permission.Approve);
        await using var db = await contexts.CreateAsync(ct);
        var period = await db.ReportingPeriods.FirstOrDefaultAsync(p => p.Id == periodId, ct);
        if (period is null)
        {
            return CommandResult<int>.Failure(string.Empty, ReportData.PeriodNotFound);
        }

        try
        {
            period.SetDeadlines(submissionDeadline, approvalDeadline);
            await db.SaveChangesAsync(ct);
            return CommandResult<int>.Success(period.Id);
        }
        catch (DomainException ex)
        {
            return CommandResult<int>.Failure(ex.Field ?? string.Empty, ex.Message);
        }
    }
}

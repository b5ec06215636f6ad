using AnjuPortal.Application.Common;
using AnjuPortal.Application.Reporting;
using AnjuPortal.Domain.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AnjuPortal.Application.Jobs;

/// <summary>
/// Opens the reporting period for the month just ended (runs on the 1st, China Standard Time). Safe to run
/// twice or on two servers at once: it checks first, and the unique (Year, Month) index refuses a second row.
/// The deadline days come from <see cref="ReportingOptions"/> (defaults: the 5th and the 15th of the next month).
/// </summary>
public sealed class OpenReportingPeriodJob(
    ISystemDbContextFactory contexts, TimeProvider clock, ILogger<OpenReportingPeriodJob> logger, IOptions<ReportingOptions>? options = null)
{
    public const string RecurringJobId = "reporting-period:open-monthly";

    private static readonly TimeZoneInfo ChinaStandardTime = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static TimeZoneInfo TimeZone => ChinaStandardTime;

    /// <summary>Returns true when it opened a period, false when the period was already open.</summary>
    public async Task<bool> RunAsync(CancellationToken ct = default)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), ChinaStandardTime).DateTime);
        var (year, month) = ReportingPeriod.MonthJustEnded(today);
        await using var db = await contexts.CreateAsync(ct);
        if (await db.ReportingPeriods.AnyAsync(p => p.Year == year && p.Month == month, ct))
        {
            logger.LogInformation("Reporting period {Year}-{Month:00} already open; nothing to do", year, month);
            return false;
        }

        var days = options?.Value ?? new ReportingOptions();
        db.ReportingPeriods.Add(ReportingPeriod.Open(year, month, days.SubmissionDeadlineDay, days.ApprovalDeadlineDay));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            if (!await PeriodExistsAsync(year, month, ct))
            {
                throw;
            }

            logger.LogInformation("Reporting period {Year}-{Month:00} opened concurrently by another server", year, month);
            return false;
        }

        logger.LogInformation("Opened reporting period {Year}-{Month:00}", year, month);
        return true;
    }

    private async Task<bool> PeriodExistsAsync(int year, int month, CancellationToken ct)
    {
        await using var db = await contexts.CreateAsync(ct);
        return await db.ReportingPeriods.AnyAsync(p => p.Year == year && p.Month == month, ct);
    }
}

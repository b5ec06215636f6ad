using AnjuPortal.Application.Supervision.MonthlyNotice;

namespace AnjuPortal.Application.Jobs;

/// <summary>
/// 起草月通报: drafts the 月通报 of every recently frozen month that has none (<see cref="MonthlyNoticeDrafting"/>).
/// Runs hourly after the freeze job, and right after a freeze. Safe to run twice or on two servers at once: the
/// unique (unit, year, month) index lets one draft in and the other run reports it as already drafted.
/// </summary>
public sealed class DraftMonthlyNoticeJob(MonthlyNoticeDrafting drafting)
{
    public const string RecurringJobId = "supervision:draft-monthly-notice";

    /// <summary>Returns how many drafts this run saved.</summary>
    public Task<int> RunAsync(CancellationToken ct = default) => drafting.DraftDueAsync(ct);
}

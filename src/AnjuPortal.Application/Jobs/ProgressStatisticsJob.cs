using AnjuPortal.Application.Dashboards;

namespace AnjuPortal.Application.Jobs;

/// <summary>
/// 进度统计: sums the dashboards' statistics of every period again (open periods recomputed, frozen ones written final
/// once), so that whatever a use case's refresh missed is caught within the schedule. Safe to run twice or on two
/// servers: rows are unique per unit and month, and a frozen row is never rewritten.
/// </summary>
public sealed class ProgressStatisticsJob(ProgressStatistics statistics)
{
    public const string RecurringJobId = "dashboards:progress-statistics";

    public Task<int> RunAsync(CancellationToken ct = default) => statistics.RefreshAllAsync(ct);
}

using AnjuPortal.Application.Common;
using AnjuPortal.Application.Security;

namespace AnjuPortal.Application.Dashboards;

/// <summary>
/// 挂图作战: the dashboard of one unit of the user's subtree (the user's own unit by default) for one month's end
/// (the latest month with figures by default), read from the pre-aggregated <c>ProgressStat</c> rows.
/// </summary>
public sealed class ProgressDashboard(IAppDbContextFactory contexts, ICurrentUser user, TimeProvider clock)
{
    /// <summary>The dashboard, or null when the unit is not in the user's subtree or the year has no figures.</summary>
    public Task<DashboardView?> ForAsync(int? jurisdictionId = null, int? year = null, int? month = null, CancellationToken ct = default)
    {
        user.Demand(Permission.View);
        _ = contexts;
        _ = clock;
        _ = (jurisdictionId, year, month, ct);
        throw new NotImplementedException("Being written on main (lead).");
    }
}

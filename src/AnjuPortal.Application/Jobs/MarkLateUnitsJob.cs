using AnjuPortal.Application.Common;
using AnjuPortal.Application.Notifications;
using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Notifications;
using Microsoft.Extensions.Logging;

namespace AnjuPortal.Application.Jobs;

/// <summary>
/// 逾期未报: once a period's deadline has passed (24:00 China time on the deadline day) and until its approval window
/// ends, closes the period (<c>Open</c> → <c>Closed</c>) and notifies every account of each unit that has not submitted,
/// and every account of its city (a county's parent, not the province). Keyed by (recipient, <c>late:P{period}:J{unit}</c>):
/// one notice per account, late unit and period, however often and wherever it runs.
/// </summary>
public sealed class MarkLateUnitsJob(ISystemDbContextFactory contexts, IUnitMembers members, TimeProvider clock, ILogger<MarkLateUnitsJob> logger)
{
    public const string RecurringJobId = "reporting-period:mark-late";

    /// <summary>Returns how many notifications this run created.</summary>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var candidates = new List<Notification>();
        await using (var db = await contexts.CreateAsync(ct))
        {
            var periods = (await ReportingJobData.UnfrozenPeriodsAsync(db, ct)).Where(p => now >= p.LateFrom && today <= p.ApprovalDeadline).ToList();
            foreach (var period in periods)
            {
                // Closing is a state, not an insert: setting it twice is the same as once.
                period.Close();
                var deadline = period.SubmissionDeadline.ToDateTime(TimeOnly.MinValue);
                var late = await ReportingJobData.NotSubmittedAsync(db, period.Id, ct);
                var cities = late.Where(u => !u.ParentIsRoot && u.ParentId is not null).Select(u => u.ParentId!.Value);
                var accounts = (await members.OfUnitsAsync(late.Select(u => u.Id).Concat(cities).Distinct().ToList(), ct)).ToLookup(a => a.JurisdictionId);
                foreach (var unit in late)
                {
                    var key = $"late:P{period.Id}:J{unit.Id}";
                    var own = DomainText.Format(DomainText.NotificationLateOwn, period.Label, deadline);
                    foreach (var account in accounts[unit.Id])
                    {
                        candidates.Add(Notification.Create(account.UserId, account.JurisdictionId, NotificationKind.Late, period.Id, own, ReportLinks.Period(period.Id), key));
                    }

                    if (!unit.ParentIsRoot && unit.ParentId is { } city)
                    {
                        var child = DomainText.Format(DomainText.NotificationLateChild, unit.Name, period.Label, deadline);
                        foreach (var account in accounts[city])
                        {
                            candidates.Add(Notification.Create(account.UserId, account.JurisdictionId, NotificationKind.Late, period.Id, child, ReportLinks.Period(period.Id), key));
                        }
                    }
                }
            }

            await db.SaveChangesAsync(ct);
        }

        var created = await NotificationStore.AddOnceAsync(contexts, candidates, ct);
        logger.LogInformation("Late units: {Created} notifications created, {Skipped} already sent", created.Count, candidates.Count - created.Count);
        return created.Count;
    }
}

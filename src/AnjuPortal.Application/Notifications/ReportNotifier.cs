using AnjuPortal.Application.Common;
using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Notifications;
using AnjuPortal.Domain.Reporting;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Application.Notifications;

/// <summary>
/// What <see cref="Reporting.ReportWorkflow"/> tells the users of a report's unit. The notifications are added to the
/// workflow's own context, so they are saved (and audited) in the same transaction as the return or the approval.
/// </summary>
public interface IReportNotifier
{
    /// <summary>Reports just returned (the one returned and any city area returned with it), before the save.</summary>
    Task ReturnedAsync(IAppDbContext db, IReadOnlyCollection<MonthlyReport> reports, ReportingPeriod period, CancellationToken ct);

    /// <summary>Reports just approved (an area approves several at once), before the save.</summary>
    Task ApprovedAsync(IAppDbContext db, IReadOnlyCollection<MonthlyReport> reports, ReportingPeriod period, CancellationToken ct);
}

/// <summary>Notifies every account of the report's unit (its author among them). Keyed by report and version, so one per transition.</summary>
public sealed class ReportNotifier(IUnitMembers members) : IReportNotifier
{
    public Task ReturnedAsync(IAppDbContext db, IReadOnlyCollection<MonthlyReport> reports, ReportingPeriod period, CancellationToken ct)
        => AddAsync(db, reports, period, NotificationKind.Returned, ct);

    public Task ApprovedAsync(IAppDbContext db, IReadOnlyCollection<MonthlyReport> reports, ReportingPeriod period, CancellationToken ct)
        => AddAsync(db, reports, period, NotificationKind.Approved, ct);

    private async Task AddAsync(IAppDbContext db, IReadOnlyCollection<MonthlyReport> reports, ReportingPeriod period, NotificationKind kind, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(reports);
        ArgumentNullException.ThrowIfNull(period);
        if (reports.Count == 0)
        {
            return;
        }

        var units = reports.Select(r => r.JurisdictionId).Distinct().ToList();
        var names = await db.Jurisdictions.AsNoTracking().Where(j => units.Contains(j.Id)).ToDictionaryAsync(j => j.Id, j => j.Name, ct);
        var accounts = (await members.OfUnitsAsync(units, ct)).ToLookup(m => m.JurisdictionId);
        foreach (var report in reports)
        {
            var name = names.GetValueOrDefault(report.JurisdictionId, string.Empty);
            var text = kind == NotificationKind.Returned
                ? DomainText.Format(DomainText.NotificationReturned, name, period.Label, report.Revision, report.ReturnReason)
                : DomainText.Format(DomainText.NotificationApproved, name, period.Label, report.Revision);
            // The version before this save: unique per transition of the report (a second return after a resubmission differs).
            var key = $"{kind.ToString().ToLowerInvariant()}:R{report.Id}:v{report.Version}";
            foreach (var account in accounts[report.JurisdictionId])
            {
                db.Notifications.Add(Notification.Create(account.UserId, account.JurisdictionId, kind, period.Id, text, ReportLinks.Report(report.ReportingPeriodId, report.JurisdictionId), key));
            }
        }
    }
}

/// <summary>Links from notifications to the report pages (built under /reports).</summary>
public static class ReportLinks
{
    public static string Period(int periodId) => $"/reports?period={periodId}";

    public static string Report(int periodId, int jurisdictionId) => $"/reports/{periodId}/{jurisdictionId}";
}

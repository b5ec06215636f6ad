using AnjuPortal.Application.Common;
using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Notifications;
using AnjuPortal.Domain.OverdueResettlement;

namespace AnjuPortal.Application.Notifications;

/// <summary>
/// Tells the accounts of the city that applied to close a case that the province returned or closed it. The
/// notifications join the workflow's own context, so they are saved (and audited) with the decision; keyed by case and
/// version, so one per decision.
/// </summary>
public sealed class CaseClosureNotifier(IUnitMembers members)
{
    public async Task DecidedAsync(IAppDbContext db, OverdueCase overdueCase, CaseClosureStep step, int applicantUnitId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(overdueCase);
        ArgumentNullException.ThrowIfNull(step);
        var name = overdueCase.Project?.Name ?? $"#{overdueCase.Id}";
        var text = step.Kind == ClosureStepKind.Returned
            ? DomainText.Format(DomainText.NotificationClosureReturned, name, step.Text)
            : DomainText.Format(DomainText.NotificationClosureClosed, name);
        var key = $"closure-{step.Kind.ToString().ToLowerInvariant()}:C{overdueCase.Id}:v{overdueCase.Version}";
        foreach (var account in await members.OfUnitsAsync([applicantUnitId], ct))
        {
            db.Notifications.Add(Notification.Create(account.UserId, account.JurisdictionId, NotificationKind.CaseClosure, null, text, CaseLinks.Case(overdueCase.Id), key));
        }
    }
}

/// <summary>Links from notifications to the case pages.</summary>
public static class CaseLinks
{
    public static string Case(int caseId) => $"/cases/{caseId}";
}

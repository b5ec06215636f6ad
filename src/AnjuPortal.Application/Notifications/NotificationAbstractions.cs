namespace AnjuPortal.Application.Notifications;

/// <summary>A portal account and its unit: who receives a unit's notifications.</summary>
public sealed record UnitMember(string UserId, int JurisdictionId);

/// <summary>
/// The accounts of given units. Accounts live in Identity (Infrastructure), outside the tenant-owned model, so the
/// notification code asks through this one reviewed look-up, which returns ids and units only.
/// </summary>
public interface IUnitMembers
{
    Task<IReadOnlyList<UnitMember>> OfUnitsAsync(IReadOnlyCollection<int> jurisdictionIds, CancellationToken cancellationToken = default);
}

/// <summary>A message sent outside the portal (email, SMS) alongside an in-app notification.</summary>
public sealed record OutgoingMessage(string RecipientUserId, int JurisdictionId, Domain.Notifications.NotificationKind Kind, int? PeriodId, string Text);

/// <summary>
/// Sends a message outside the portal (email or SMS gateway). Called once per notification actually created, after
/// it is saved, so a job that runs twice does not send twice. The default implementation only logs.
/// </summary>
public interface INotificationSender
{
    Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default);
}

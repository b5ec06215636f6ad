using Microsoft.Extensions.Logging;

namespace AnjuPortal.Application.Notifications;

/// <summary>
/// The sender used until an email or SMS gateway is configured: writes one log line per message with the user id, the
/// unit and the kind only (no name, no address, no phone, not the text).
/// </summary>
public sealed class LoggingNotificationSender(ILogger<LoggingNotificationSender> logger) : INotificationSender
{
    public Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        logger.LogInformation(
            "Notification {Kind} for period {PeriodId} to user {UserId} of unit {JurisdictionId} (no external sender configured)",
            message.Kind, message.PeriodId, message.RecipientUserId, message.JurisdictionId);
        return Task.CompletedTask;
    }
}

using AnjuPortal.Application.Common;
using AnjuPortal.Application.Notifications;
using AnjuPortal.Application.Reporting;
using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Notifications;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AnjuPortal.Application.Jobs;

/// <summary>
/// 催报: from <see cref="ReportingOptions.ReminderDaysBeforeDeadline"/> days before a period's deadline until the deadline
/// day (China time), every account of a unit that has not submitted gets one in-app reminder and one message through
/// <see cref="INotificationSender"/>. Runs daily; the unique (recipient, <c>reminder:P{period}</c>) key means one reminder
/// per account and period however often it runs, on however many servers; a message is sent only for a reminder this
/// run created.
/// </summary>
public sealed class RemindUnsubmittedJob(
    ISystemDbContextFactory contexts, IUnitMembers members, INotificationSender sender, TimeProvider clock,
    ILogger<RemindUnsubmittedJob> logger, IOptions<ReportingOptions>? options = null)
{
    public const string RecurringJobId = "reporting-period:remind-unsubmitted";

    /// <summary>Returns how many reminders this run created.</summary>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var days = Math.Max(0, (options?.Value ?? new ReportingOptions()).ReminderDaysBeforeDeadline);
        var today = ReportingJobData.ChinaToday(clock);
        var candidates = new List<Notification>();
        await using (var db = await contexts.CreateAsync(ct))
        {
            foreach (var period in await ReportingJobData.UnfrozenPeriodsAsync(db, ct))
            {
                if (today < period.SubmissionDeadline.AddDays(-days) || today > period.SubmissionDeadline)
                {
                    continue;
                }

                var units = await ReportingJobData.NotSubmittedAsync(db, period.Id, ct);
                var text = DomainText.Format(DomainText.NotificationReminder, period.Label, period.SubmissionDeadline.ToDateTime(TimeOnly.MinValue));
                foreach (var account in await members.OfUnitsAsync(units.Select(u => u.Id).ToList(), ct))
                {
                    candidates.Add(Notification.Create(
                        account.UserId, account.JurisdictionId, NotificationKind.Reminder, period.Id, text, ReportLinks.Period(period.Id), $"reminder:P{period.Id}"));
                }
            }
        }

        var created = await NotificationStore.AddOnceAsync(contexts, candidates, ct);
        foreach (var notification in created)
        {
            await sender.SendAsync(new OutgoingMessage(
                notification.RecipientUserId, notification.JurisdictionId, notification.Kind, notification.ReportingPeriodId, notification.Text), ct);
        }

        logger.LogInformation("Reminders: {Created} created, {Skipped} already sent", created.Count, candidates.Count - created.Count);
        return created.Count;
    }
}

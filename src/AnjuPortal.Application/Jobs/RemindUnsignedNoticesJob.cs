using System.Globalization;
using AnjuPortal.Application.Common;
using AnjuPortal.Application.Notifications;
using AnjuPortal.Application.Supervision;
using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AnjuPortal.Application.Jobs;

/// <summary>
/// 催签收: from <see cref="NoticeReceiptOptions.ReminderAfterDays"/> days after a notice was issued (China calendar),
/// every account of a recipient unit that has not signed gets one in-app reminder a day (and one message through
/// <see cref="INotificationSender"/>), and the issuing unit's accounts get one list a day of the units that have not
/// signed. Keys <c>notice-remind:N{id}:{yyyyMMdd}</c> and <c>notice-unsigned:N{id}:{yyyyMMdd}</c>, unique per
/// recipient: at most one per day however often the job runs. Signed units are never reminded.
/// </summary>
public sealed class RemindUnsignedNoticesJob(
    ISystemDbContextFactory contexts, IUnitMembers members, INotificationSender sender, TimeProvider clock,
    ILogger<RemindUnsignedNoticesJob> logger, IOptions<NoticeReceiptOptions>? options = null)
{
    public const string RecurringJobId = "notices:remind-unsigned";

    /// <summary>Returns how many notifications this run created.</summary>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var days = Math.Max(0, (options?.Value ?? new NoticeReceiptOptions()).ReminderAfterDays);
        var today = ChinaTime.DateOf(clock.GetUtcNow());
        var day = today.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        // Issued before the start of (today - days + 1) in China time: at least `days` calendar days ago.
        var issuedBefore = ChinaTime.StartOf(today.AddDays(-days + 1)).ToUniversalTime();
        var candidates = new List<Notification>();
        await using (var db = await contexts.CreateAsync(ct))
        {
            // Unsigned receipts are few (they are signed within days); the date is compared here because SQLite
            // cannot compare DateTimeOffset values in SQL.
            var unsigned = (await db.NoticeReceipts.AsNoTracking().Include(r => r.Jurisdiction)
                    .Where(r => r.SignedAt == null).ToListAsync(ct))
                .Where(r => r.IssuedAt < issuedBefore).ToList();
            foreach (var group in unsigned.GroupBy(r => r.NoticeId))
            {
                var notice = await db.OfficialNotices.AsNoTracking().SingleAsync(n => n.Id == group.Key, ct);
                var number = notice.Number?.ToString() ?? string.Empty;
                var link = NoticeLinks.Notice(notice.Id);
                var issuedOn = ChinaTime.DateOf(notice.IssuedAt ?? group.First().IssuedAt);
                var remind = DomainText.Format(DomainText.NotificationNoticeReminder, notice.Title, number, issuedOn.ToDateTime(TimeOnly.MinValue));
                var units = group.OrderBy(r => r.Jurisdiction!.SortOrder).ToList();
                foreach (var account in await members.OfUnitsAsync(units.Select(r => r.JurisdictionId).ToList(), ct))
                {
                    candidates.Add(Notification.Create(account.UserId, account.JurisdictionId, NotificationKind.NoticeReceipt, null, remind, link, $"notice-remind:N{notice.Id}:{day}"));
                }

                var list = DomainText.Format(
                    DomainText.NotificationNoticeUnsigned, notice.Title, number, today.DayNumber - issuedOn.DayNumber, units.Count,
                    string.Join("、", units.Select(r => r.Jurisdiction!.Name)));
                foreach (var account in await members.OfUnitsAsync([notice.JurisdictionId], ct))
                {
                    candidates.Add(Notification.Create(account.UserId, account.JurisdictionId, NotificationKind.NoticeReceipt, null, list, link, $"notice-unsigned:N{notice.Id}:{day}"));
                }
            }
        }

        var created = await NotificationStore.AddOnceAsync(contexts, candidates, ct);
        foreach (var notification in created)
        {
            await sender.SendAsync(new OutgoingMessage(notification.RecipientUserId, notification.JurisdictionId, notification.Kind, null, notification.Text), ct);
        }

        logger.LogInformation("Notice receipt reminders: {Created} created, {Skipped} already sent", created.Count, candidates.Count - created.Count);
        return created.Count;
    }
}

/// <summary>Links to the notice pages.</summary>
public static class NoticeLinks
{
    public const string List = "/supervision/notices";

    public static string Notice(int noticeId) => $"/supervision/notices/{noticeId.ToString(CultureInfo.InvariantCulture)}";
}

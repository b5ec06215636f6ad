using AnjuPortal.Application.Common;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Jurisdictions;
using AnjuPortal.Domain.Supervision;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AnjuPortal.Application.Supervision;

/// <summary>One recipient unit's receipt as the issuer's table shows it: signed by whom and when, or days waiting.</summary>
public sealed record ReceiptRow(int ReceiptId, int UnitId, string UnitName, DateTimeOffset IssuedAt, DateTimeOffset? SignedAt, string? SignedBy, int DaysSinceIssue)
{
    public bool IsSigned => SignedAt is not null;
}

/// <summary>A notice addressed to the user's unit, with the unit's receipt.</summary>
public sealed record AddressedNotice(NoticeView Notice, ReceiptRow Receipt);

/// <summary>
/// 签收: when a notice is issued every prefecture-level unit under the issuing unit (the province's cities and
/// 长白山管委会) gets a receipt, in the issuing transaction (<see cref="AddAtIssueAsync"/>). A receipt is owned by its
/// recipient unit, so the tree's filter shows a city its own receipts only. A city reads the notices addressed to it
/// through its receipt: the notice belongs to the province (outside the city's subtree), so it is read with a system
/// context, and only after the receipt was found through the user's own filtered context — the one reviewed crossing
/// of the tenancy boundary here. Signing is once per unit (who and when); a second one is refused.
/// </summary>
public sealed class NoticeReceipts(
    IAppDbContextFactory contexts, ISystemDbContextFactory system, ICurrentUser user, TimeProvider clock,
    IOptions<OfficialDocumentOptions> options, IOfficialDocumentRenderer? renderer = null)
{
    public const string NotFound = OfficialNotices.NotFound;

    /// <summary>The recipients of a notice issued by <paramref name="notice"/>'s unit: its prefecture-level units, in the official order.</summary>
    public static async Task<int> AddAtIssueAsync(IAppDbContext db, OfficialNotice notice, DateTimeOffset issuedAt, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(notice);
        var units = await db.Jurisdictions.AsNoTracking()
            .Where(j => j.ParentId == notice.JurisdictionId && j.Level == JurisdictionLevel.Prefecture)
            .OrderBy(j => j.SortOrder).Select(j => j.Id).ToListAsync(ct);
        var existing = await db.NoticeReceipts.AsNoTracking().Where(r => r.NoticeId == notice.Id).Select(r => r.JurisdictionId).ToListAsync(ct);
        var added = 0;
        foreach (var unit in units.Except(existing))
        {
            db.NoticeReceipts.Add(NoticeReceipt.For(notice.Id, unit, issuedAt));
            added++;
        }

        return added;
    }

    /// <summary>The issuer's table: every recipient unit of a notice the user can see, signed or not.</summary>
    public async Task<IReadOnlyList<ReceiptRow>> ForNoticeAsync(int noticeId, CancellationToken ct = default)
    {
        user.Demand(Permission.View);
        await using var db = await contexts.CreateAsync(ct);
        if (!await db.OfficialNotices.AnyAsync(n => n.Id == noticeId, ct))
        {
            return [];
        }

        var rows = await db.NoticeReceipts.AsNoTracking().Include(r => r.Jurisdiction)
            .Where(r => r.NoticeId == noticeId).ToListAsync(ct);
        return rows.OrderBy(r => r.Jurisdiction!.SortOrder).ThenBy(r => r.Id).Select(Row).ToList();
    }

    /// <summary>The notices addressed to the user's unit (newest first), unsigned ones first.</summary>
    public async Task<IReadOnlyList<AddressedNotice>> MineAsync(CancellationToken ct = default)
    {
        user.Demand(Permission.View);
        if (user.JurisdictionId is not { } unit)
        {
            return [];
        }

        List<NoticeReceipt> receipts;
        await using (var db = await contexts.CreateAsync(ct))
        {
            receipts = await db.NoticeReceipts.AsNoTracking().Include(r => r.Jurisdiction)
                .Where(r => r.JurisdictionId == unit).OrderByDescending(r => r.NoticeId).Take(500).ToListAsync(ct);
        }

        if (receipts.Count == 0)
        {
            return [];
        }

        var ids = receipts.Select(r => r.NoticeId).ToList();
        await using var sys = await system.CreateAsync(ct);
        var notices = await sys.OfficialNotices.AsNoTracking().Include(n => n.Jurisdiction).Where(n => ids.Contains(n.Id)).ToDictionaryAsync(n => n.Id, ct);
        return receipts.Where(r => notices.ContainsKey(r.NoticeId))
            .Select(r => new AddressedNotice(OfficialNotices.View(notices[r.NoticeId]), Row(r)))
            .OrderBy(a => a.Receipt.IsSigned).ThenByDescending(a => a.Notice.IssuedAt)
            .ToList();
    }

    /// <summary>How many notices addressed to the user's unit wait for its signature (the home page's 待签收).</summary>
    public async Task<int> PendingCountAsync(CancellationToken ct = default)
    {
        if (!user.Has(Permission.SignFor) || user.JurisdictionId is not { } unit)
        {
            return 0;
        }

        await using var db = await contexts.CreateAsync(ct);
        return await db.NoticeReceipts.CountAsync(r => r.JurisdictionId == unit && r.SignedAt == null, ct);
    }

    /// <summary>A notice addressed to the user's unit, with the unit's receipt; null when there is no such receipt.</summary>
    public async Task<AddressedNotice?> AddressedAsync(int noticeId, CancellationToken ct = default)
    {
        user.Demand(Permission.View);
        var receipt = await OwnReceiptAsync(noticeId, ct);
        if (receipt is null)
        {
            return null;
        }

        await using var sys = await system.CreateAsync(ct);
        var notice = await sys.OfficialNotices.AsNoTracking().Include(n => n.Jurisdiction).SingleOrDefaultAsync(n => n.Id == noticeId, ct);
        return notice is null ? null : new AddressedNotice(OfficialNotices.View(notice), Row(receipt));
    }

    /// <summary>签收 for the user's unit: once; a second signing (or one that raced another) is refused with who signed and when.</summary>
    public async Task<CommandResult<DateTimeOffset>> SignAsync(int noticeId, CancellationToken ct = default)
    {
        user.Demand(Permission.SignFor);
        if (user.JurisdictionId is not { } unit)
        {
            return CommandResult<DateTimeOffset>.Failure(string.Empty, DomainText.NoticeNotAddressed);
        }

        await using var db = await contexts.CreateAsync(ct);
        var receipt = await db.NoticeReceipts.SingleOrDefaultAsync(r => r.NoticeId == noticeId && r.JurisdictionId == unit, ct);
        if (receipt is null)
        {
            return CommandResult<DateTimeOffset>.Failure(string.Empty, DomainText.NoticeNotAddressed);
        }

        var now = clock.GetUtcNow();
        try
        {
            receipt.Sign(now, user.ActorName());
            await db.SaveChangesAsync(ct);
        }
        catch (DomainException ex)
        {
            return CommandResult<DateTimeOffset>.Failure(string.Empty, ex.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone of the same unit signed between our read and our save: say who, as a second signing would.
            await using var check = await contexts.CreateAsync(ct);
            var signed = await check.NoticeReceipts.AsNoTracking().SingleAsync(r => r.Id == receipt.Id, ct);
            return CommandResult<DateTimeOffset>.Failure(string.Empty, SignedMessage(signed));
        }

        return CommandResult<DateTimeOffset>.Success(now);
    }

    /// <summary>The .docx or PDF of a notice addressed to the user's unit; null when it is not addressed to it.</summary>
    public async Task<RenderedFile?> DocumentAsync(int noticeId, NoticeFileFormat format, CancellationToken ct = default)
    {
        user.Demand(Permission.View);
        if (await OwnReceiptAsync(noticeId, ct) is null)
        {
            return null;
        }

        var r = renderer ?? throw new InvalidOperationException(OfficialNotices.NoRenderer);
        await using var sys = await system.CreateAsync(ct);
        var notice = await sys.OfficialNotices.AsNoTracking().SingleOrDefaultAsync(n => n.Id == noticeId, ct);
        if (notice is null)
        {
            return null;
        }

        var document = OfficialNotices.DocumentOf(notice, options.Value, ChinaTime.DateOf(clock.GetUtcNow()));
        var name = (notice.Number?.ToString() ?? $"公文-{notice.Id}") + (format == NoticeFileFormat.Pdf ? ".pdf" : ".docx");
        return format == NoticeFileFormat.Pdf
            ? new RenderedFile(name, "application/pdf", await r.RenderPdfAsync(document, ct))
            : new RenderedFile(name, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", r.RenderDocx(document));
    }

    private static string SignedMessage(NoticeReceipt signed)
        => DomainText.Format(DomainText.NoticeAlreadySigned, signed.SignedBy, signed.SignedAt is { } at ? ChinaTime.DateOf(at).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : string.Empty);

    /// <summary>The receipt of the user's own unit for the notice, through the user's filtered context.</summary>
    private async Task<NoticeReceipt?> OwnReceiptAsync(int noticeId, CancellationToken ct)
    {
        if (user.JurisdictionId is not { } unit)
        {
            return null;
        }

        await using var db = await contexts.CreateAsync(ct);
        return await db.NoticeReceipts.AsNoTracking().Include(r => r.Jurisdiction)
            .SingleOrDefaultAsync(r => r.NoticeId == noticeId && r.JurisdictionId == unit, ct);
    }

    private ReceiptRow Row(NoticeReceipt r)
        => new(r.Id, r.JurisdictionId, r.Jurisdiction?.Name ?? string.Empty, r.IssuedAt, r.SignedAt, r.SignedBy,
            Math.Max(0, ChinaTime.DateOf(clock.GetUtcNow()).DayNumber - ChinaTime.DateOf(r.IssuedAt).DayNumber));
}

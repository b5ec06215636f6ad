using AnjuPortal.Application.Auditing;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Auditing;
using AnjuPortal.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Infrastructure.Auditing;

/// <summary>Writes explicit events into the same chain as data changes (the context seals them on save).</summary>
internal sealed class AuditLog(SystemDbContextFactory system, ICurrentUser user, TimeProvider clock) : IAuditLog
{
    public async Task RecordSignInAsync(string userName, string action, string? clientAddress, string? note, CancellationToken ct = default)
    {
        await using var db = system.Create();
        var normalized = userName.Trim().ToUpperInvariant();
        var account = await db.Users.AsNoTracking().Where(u => u.NormalizedUserName == normalized)
            .Select(u => new { u.Id, u.JurisdictionId }).FirstOrDefaultAsync(ct);
        var jurisdictionId = account?.JurisdictionId
            ?? await db.RootJurisdictionIdAsync(ct);
        db.AuditEntries.Add(AuditEntry.Record(clock.GetUtcNow(), action, account?.Id, Truncate(userName.Trim(), 256), clientAddress,
            jurisdictionId, "Account", account?.Id, changes: null, note));
        await db.SaveChangesAsync(ct);
    }

    public async Task RecordAsync(string action, string entityType, string? entityId, int jurisdictionId, string? note, CancellationToken ct = default)
    {
        await using var db = system.Create();
        db.AuditEntries.Add(AuditEntry.Record(clock.GetUtcNow(), action, user.UserId, user.ActorName(), user.ClientAddress,
            jurisdictionId, entityType, entityId, changes: null, note));
        await db.SaveChangesAsync(ct);
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}

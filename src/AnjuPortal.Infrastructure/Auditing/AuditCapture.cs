using System.Globalization;
using System.Text.Json;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Auditing;
using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.PersonalData;
using AnjuPortal.Infrastructure.Identity;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace AnjuPortal.Infrastructure.Auditing;

/// <summary>
/// Turns the change tracker's pending changes into audit records: one per added, changed or deleted row, with the
/// old and new value of each changed field. Secrets (password hashes, stamps, ciphertext, blind indexes,
/// authenticator keys) are never written; personal data is only present in its masked columns.
/// </summary>
internal static class AuditCapture
{
    private const string Hidden = "（已隐藏）";

    private static readonly HashSet<Type> NotAudited =
        [typeof(AuditEntry), typeof(AuditChainHead), typeof(DataProtectionKey)];

    private static readonly HashSet<string> BookkeepingFields = new(StringComparer.Ordinal)
    {
        nameof(Entity.CreatedAt), nameof(Entity.CreatedBy), nameof(Entity.UpdatedAt), nameof(Entity.UpdatedBy), nameof(AggregateRoot.Version),
        nameof(IdentityUser.ConcurrencyStamp), nameof(IdentityUser.NormalizedUserName), nameof(IdentityUser.NormalizedEmail),
    };

    private static readonly HashSet<string> SecretFields = new(StringComparer.Ordinal)
    {
        nameof(IdentityUser.PasswordHash), nameof(IdentityUser.SecurityStamp), "IdNumberCipher", "IdNumberIndex", "PhoneCipher",
    };

    /// <summary>A change seen before saving; its key is read after saving (database-generated ids).</summary>
    internal sealed record PendingChange(EntityEntry Entry, string Action, IReadOnlyList<FieldChange> Fields, int? JurisdictionId, string? KeyBeforeSave);

    internal sealed record FieldChange(string Field, string? Old, string? New);

    public static List<PendingChange> Capture(DbContext context)
    {
        var changes = new List<PendingChange>();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted) || NotAudited.Contains(entry.Metadata.ClrType))
            {
                continue;
            }

            var action = entry.State switch
            {
                EntityState.Added => AuditAction.Create,
                EntityState.Deleted => AuditAction.Delete,
                _ => AuditAction.Update,
            };
            var fields = Fields(entry);
            if (action == AuditAction.Update && fields.Count == 0)
            {
                continue; // only bookkeeping columns changed (e.g. a version raised for a child's change)
            }

            changes.Add(new PendingChange(entry, action, fields, JurisdictionOf(entry), entry.State == EntityState.Added ? null : KeyOf(entry)));
        }

        return changes;
    }

    public static AuditEntry ToRecord(PendingChange change, ICurrentUser user, DateTimeOffset now, int fallbackJurisdictionId)
        => AuditEntry.Record(
            now, change.Action, user.UserId, user.ActorName(), user.ClientAddress,
            change.JurisdictionId ?? user.JurisdictionId ?? fallbackJurisdictionId,
            EntityName(change.Entry.Metadata),
            change.KeyBeforeSave ?? KeyOf(change.Entry),
            change.Fields.Count == 0 ? null : JsonSerializer.Serialize(change.Fields.Select(f => new { field = f.Field, old = f.Old, @new = f.New })),
            note: null);

    /// <summary>Every entity and field a record can name: the audit page needs a Chinese label for each (a test keeps them complete).</summary>
    internal static IEnumerable<string> RecordableEntities(IModel model)
        => model.GetEntityTypes().Where(t => !NotAudited.Contains(t.ClrType)).Select(EntityName).Distinct();

    internal static IEnumerable<(string Entity, string Field)> RecordableFields(IModel model)
        => from type in model.GetEntityTypes()
           where !NotAudited.Contains(type.ClrType)
           from property in type.GetProperties()
           where !BookkeepingFields.Contains(property.Name) && !property.IsPrimaryKey()
                 && !(property.IsShadowProperty() && property.IsForeignKey() && type.IsOwned())
           select (EntityName(type), property.Name);

    private static List<FieldChange> Fields(EntityEntry entry)
    {
        var fields = new List<FieldChange>();
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            // The key is the record's EntityId (read after saving); on an insert it is still a temporary value here.
            if (BookkeepingFields.Contains(name) || property.Metadata.IsPrimaryKey()
                || (property.Metadata.IsShadowProperty() && property.Metadata.IsForeignKey() && entry.Metadata.IsOwned()))
            {
                continue;
            }

            var secret = SecretFields.Contains(name) || (entry.Entity is IdentityUserToken<string> && name == nameof(IdentityUserToken<string>.Value));
            switch (entry.State)
            {
                case EntityState.Added:
                    fields.Add(new FieldChange(name, null, secret ? Hidden : Text(property.CurrentValue)));
                    break;
                case EntityState.Deleted:
                    fields.Add(new FieldChange(name, secret ? Hidden : Text(property.OriginalValue), null));
                    break;
                case EntityState.Modified when property.IsModified && !Equals(property.OriginalValue, property.CurrentValue):
                    fields.Add(new FieldChange(name, secret ? Hidden : Text(property.OriginalValue), secret ? Hidden : Text(property.CurrentValue)));
                    break;
            }
        }

        return fields;
    }

    /// <summary>The unit a row belongs to: its own, its owner's (funding lines, report lines), or a user's.</summary>
    private static int? JurisdictionOf(EntityEntry entry)
    {
        switch (entry.Entity)
        {
            case ITenantOwned owned:
                return owned.JurisdictionId;
            case AppUser user:
                return user.JurisdictionId;
        }

        var ownership = entry.Metadata.FindOwnership();
        if (ownership is not null)
        {
            var owner = entry.Context.ChangeTracker.Entries()
                .FirstOrDefault(e => e.Metadata == ownership.PrincipalEntityType
                    && ownership.Properties.Select(p => entry.Property(p.Name).CurrentValue)
                        .SequenceEqual(ownership.PrincipalKey.Properties.Select(p => e.Property(p.Name).CurrentValue)));
            return (owner?.Entity as ITenantOwned)?.JurisdictionId;
        }

        return null;
    }

    private static string? KeyOf(EntityEntry entry)
    {
        var key = entry.Metadata.FindPrimaryKey();
        return key is null ? null : string.Join(",", key.Properties.Select(p => Text(entry.Property(p.Name).CurrentValue)));
    }

    /// <summary>The CLR name without a generic arity (<c>IdentityUserRole`1</c> is recorded as <c>IdentityUserRole</c>).</summary>
    private static string EntityName(IEntityType type)
        => type.ClrType.Name.IndexOf('`', StringComparison.Ordinal) is var tick and >= 0 ? type.ClrType.Name[..tick] : type.ClrType.Name;

    /// <summary>A value as text; any text shaped like an ID or mobile number (a user's phone, a typed note) is masked.</summary>
    private static string? Text(object? value) => value switch
    {
        null => null,
        string text => PersonalDataMask.MaskFreeText(text),
        DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}

using System.Globalization;
using System.Text.Json;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Auditing;
using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.PersonalData;
using AnjuPortal.Domain.Progress;
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
/// A user's role rows (<c>AspNetUserRoles</c>) are not recorded as rows of their own: a role change becomes one field
/// <c>Role</c> (old and new role name) on the user's record, so that changing a role reads as one change.
/// </summary>
internal static class AuditCapture
{
    private const string Hidden = "（已隐藏）";

    private static readonly HashSet<Type> NotAudited =
        [typeof(AuditEntry), typeof(AuditChainHead), typeof(DataProtectionKey), typeof(PersonalData.PersonalDataKey), typeof(ProgressStat), typeof(StatisticsGeneration)];

    private static readonly HashSet<string> BookkeepingFields = new(StringComparer.Ordinal)
    {
        nameof(Entity.CreatedAt), nameof(Entity.CreatedBy), nameof(Entity.UpdatedAt), nameof(Entity.UpdatedBy), nameof(AggregateRoot.Version),
        nameof(IdentityUser.ConcurrencyStamp), nameof(IdentityUser.NormalizedUserName), nameof(IdentityUser.NormalizedEmail),
    };

    private static readonly HashSet<string> SecretFields = new(StringComparer.Ordinal)
    {
        nameof(IdentityUser.PasswordHash), nameof(IdentityUser.SecurityStamp), "IdNumberCipher", "IdNumberIndex", "PhoneCipher", "ContactCipher", "NameCipher",
    };

    /// <summary>The field a user's role change is recorded under.</summary>
    public const string RoleField = "Role";

    /// <summary>
    /// A change seen before saving; its key is read after saving (database-generated ids). <paramref name="Entry"/> is
    /// null for a role change whose user row is not tracked (the key is then the user id).
    /// </summary>
    internal sealed record PendingChange(EntityEntry? Entry, string EntityType, string Action, IReadOnlyList<FieldChange> Fields, int? JurisdictionId, string? KeyBeforeSave);

    internal sealed record FieldChange(string Field, string? Old, string? New);

    /// <summary>
    /// What the capture needs from the database about users' role, token, claim and login rows about to be saved:
    /// the names of the roles (role ids mean nothing to a reader) and the units of users not loaded in the context
    /// (the record is filed under the user's unit, so that the user's own administrators can read it).
    /// </summary>
    private sealed record IdentityLookups(IReadOnlyDictionary<string, string> RoleNames, IReadOnlyDictionary<string, int> UserUnits)
    {
        public static readonly IdentityLookups None = new(new Dictionary<string, string>(), new Dictionary<string, int>());
    }

    /// <summary>
    /// The pending changes as audit records to be: like <see cref="Capture(DbContext)"/>, after looking up
    /// role names and users' units, which it reads from the database only when Identity rows are pending.
    /// </summary>
    public static async Task<List<PendingChange>> CaptureAsync(DbContext context, CancellationToken ct, Func<EntityEntry, bool>? summarized = null)
    {
        var entries = context.ChangeTracker.Entries().ToList();
        if (summarized is not null)
        {
            // Rows recorded by one summary record instead (AppDbContext.SummarizeAddedRows): not captured one by one.
            entries.RemoveAll(e => summarized(e));
        }

        return Capture(entries, await LookUpAsync(context, entries, ct));
    }

    private static async Task<IdentityLookups> LookUpAsync(DbContext context, List<EntityEntry> entries, CancellationToken ct)
    {
        var pending = entries
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && UserIdOf(e.Entity) is not null)
            .ToList();
        if (pending.Count == 0)
        {
            return IdentityLookups.None;
        }

        // Roles and users already in the context (Identity's store loads the role it adds) need no query.
        var roleNames = entries.Select(e => e.Entity).OfType<IdentityRole>().ToDictionary(r => r.Id, r => r.Name ?? r.Id, StringComparer.Ordinal);
        var roleIds = pending.Select(e => e.Entity).OfType<IdentityUserRole<string>>().Select(r => r.RoleId).Where(id => !roleNames.ContainsKey(id)).Distinct().ToList();
        var tracked = entries.Select(e => e.Entity).OfType<AppUser>().Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
        var userIds = pending.Select(e => UserIdOf(e.Entity)!).Where(id => !tracked.Contains(id)).Distinct().ToList();
        if (roleIds.Count > 0)
        {
            foreach (var role in await context.Set<IdentityRole>().AsNoTracking().Where(r => roleIds.Contains(r.Id)).Select(r => new { r.Id, r.Name }).ToListAsync(ct))
            {
                roleNames[role.Id] = role.Name ?? role.Id;
            }
        }

        var userUnits = userIds.Count == 0
            ? new Dictionary<string, int>()
            : await context.Set<AppUser>().AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.JurisdictionId, ct);
        return new IdentityLookups(roleNames, userUnits);
    }

    /// <summary>The user a row of Identity's own tables belongs to (roles, tokens, claims, logins), or null for any other row.</summary>
    private static string? UserIdOf(object entity) => entity switch
    {
        IdentityUserRole<string> role => role.UserId,
        IdentityUserToken<string> token => token.UserId,
        IdentityUserClaim<string> claim => claim.UserId,
        IdentityUserLogin<string> login => login.UserId,
        _ => null,
    };

    /// <summary>The pending changes without looking anything up (role ids stand for role names): enough to count them.</summary>
    public static List<PendingChange> Capture(DbContext context) => Capture(context.ChangeTracker.Entries().ToList(), IdentityLookups.None);

    private static List<PendingChange> Capture(List<EntityEntry> entries, IdentityLookups lookups)
    {
        var usersUnits = lookups.UserUnits.ToDictionary(u => u.Key, u => (int?)u.Value, StringComparer.Ordinal);
        foreach (var user in entries.Select(e => e.Entity).OfType<AppUser>())
        {
            usersUnits[user.Id] = user.JurisdictionId;
        }

        var roleChanges = RoleChangesByUser(entries, lookups.RoleNames);

        // Owners are looked up among the entries of their own type, listed once per save: asking the change tracker
        // again for every owned row re-ran change detection each time and made a 5,000-line report save quadratic.
        var entriesByType = entries.ToLookup(e => e.Metadata);
        var changes = new List<PendingChange>();
        foreach (var entry in entries)
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted) || NotAudited.Contains(entry.Metadata.ClrType)
                || entry.Entity is IdentityUserRole<string>)
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
            if (entry.Entity is AppUser user && roleChanges.Remove(user.Id, out var roleChange))
            {
                fields.Add(roleChange);
            }

            if (action == AuditAction.Update && fields.Count == 0)
            {
                continue; // only bookkeeping columns changed (e.g. a version raised for a child's change)
            }

            changes.Add(new PendingChange(entry, EntityName(entry.Metadata), action, fields, JurisdictionOf(entry, usersUnits, entriesByType),
                entry.State == EntityState.Added ? null : KeyOf(entry)));
        }

        // Role rows changed without their user's row being saved too: still one record on the user.
        foreach (var (userId, roleChange) in roleChanges)
        {
            changes.Add(new PendingChange(null, nameof(AppUser), AuditAction.Update, [roleChange], usersUnits.GetValueOrDefault(userId), userId));
        }

        return changes;
    }

    /// <summary>Per user, the roles removed (old) and added (new) in this save, by name.</summary>
    private static Dictionary<string, FieldChange> RoleChangesByUser(List<EntityEntry> entries, IReadOnlyDictionary<string, string> roleNames)
    {
        string Names(IEnumerable<EntityEntry> rows) => string.Join(", ", rows
            .Select(r => ((IdentityUserRole<string>)r.Entity).RoleId)
            .Select(id => roleNames.GetValueOrDefault(id, id))
            .Order(StringComparer.Ordinal));

        return entries
            .Where(e => e.Entity is IdentityUserRole<string> && e.State is EntityState.Added or EntityState.Deleted)
            .GroupBy(e => ((IdentityUserRole<string>)e.Entity).UserId, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g =>
                {
                    var removed = g.Where(e => e.State == EntityState.Deleted).ToList();
                    var added = g.Where(e => e.State == EntityState.Added).ToList();
                    return new FieldChange(RoleField, removed.Count == 0 ? null : Names(removed), added.Count == 0 ? null : Names(added));
                },
                StringComparer.Ordinal);
    }

    public static AuditEntry ToRecord(PendingChange change, ICurrentUser user, DateTimeOffset now, int fallbackJurisdictionId)
        => AuditEntry.Record(
            now, change.Action, user.UserId, user.ActorName(), user.ClientAddress,
            change.JurisdictionId ?? user.JurisdictionId ?? fallbackJurisdictionId,
            change.EntityType,
            change.KeyBeforeSave ?? (change.Entry is { } entry ? KeyOf(entry) : null),
            change.Fields.Count == 0 ? null : JsonSerializer.Serialize(change.Fields.Select(f => new { field = f.Field, old = f.Old, @new = f.New })),
            note: null);

    /// <summary>Every entity and field a record can name: the audit page needs a Chinese label for each (a test keeps them complete).</summary>
    internal static IEnumerable<string> RecordableEntities(IModel model)
        => model.GetEntityTypes().Where(t => !NotAudited.Contains(t.ClrType)).Select(EntityName).Distinct();

    internal static IEnumerable<(string Entity, string Field)> RecordableFields(IModel model)
        => (from type in model.GetEntityTypes()
           where !NotAudited.Contains(type.ClrType)
           from property in type.GetProperties()
           where !BookkeepingFields.Contains(property.Name) && !property.IsPrimaryKey()
                 && !(property.IsShadowProperty() && property.IsForeignKey() && type.IsOwned())
           select (EntityName(type), property.Name))
           .Append((nameof(AppUser), RoleField));

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

    /// <summary>
    /// The unit a row belongs to: its own, its owner's (funding lines, report lines), a user's, or for a user's
    /// tokens, claims and logins the user's, so the user's own administrators can read it.
    /// </summary>
    private static int? JurisdictionOf(EntityEntry entry, IReadOnlyDictionary<string, int?> usersUnits, ILookup<IEntityType, EntityEntry> entriesByType)
    {
        switch (entry.Entity)
        {
            case ITenantOwned owned:
                return owned.JurisdictionId;
            case AppUser user:
                return user.JurisdictionId;
        }

        if (UserIdOf(entry.Entity) is { } userId)
        {
            return usersUnits.GetValueOrDefault(userId);
        }

        var ownership = entry.Metadata.FindOwnership();
        if (ownership is not null)
        {
            var owner = entriesByType[ownership.PrincipalEntityType]
                .FirstOrDefault(e => ownership.Properties.Select(p => entry.Property(p.Name).CurrentValue)
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

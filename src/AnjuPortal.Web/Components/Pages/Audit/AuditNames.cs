using System.Globalization;
using System.Resources;
using AnjuPortal.Web.Resources;

namespace AnjuPortal.Web.Components.Pages.Audit;

/// <summary>
/// Chinese names for what the audit trail records in code names (entity <c>RenovationProject</c>, field
/// <c>PlannedUnits</c>), from UiText.resx: <c>AuditEntity_{Entity}</c>, then <c>AuditField_{Entity}_{Field}</c> for a
/// field whose meaning depends on its entity, else <c>AuditField_{Field}</c>. The raw name is the last resort, and the
/// page keeps it in a tooltip for whoever has to match a record to the database.
/// </summary>
internal static class AuditNames
{
    private static readonly ResourceManager Resources = new(typeof(UiText).FullName!, typeof(UiText).Assembly);

    public static string EntityKey(string entity) => $"AuditEntity_{entity}";

    public static string FieldKey(string? entity, string field) => entity is null ? $"AuditField_{field}" : $"AuditField_{entity}_{field}";

    public static string EntityLabel(string entity) => Find(EntityKey(entity)) ?? entity;

    public static string FieldLabel(string entity, string field) => Find(FieldKey(entity, field)) ?? Find(FieldKey(null, field)) ?? field;

    private static string? Find(string key) => Resources.GetString(key, CultureInfo.CurrentUICulture);
}

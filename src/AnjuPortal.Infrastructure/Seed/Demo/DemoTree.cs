using AnjuPortal.Domain.Jurisdictions;
using AnjuPortal.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Infrastructure.Seed.Demo;

/// <summary>The jurisdiction tree as the demo generator needs it: province, prefecture-level units and counties, in the official order.</summary>
internal sealed class DemoTree
{
    private DemoTree(int provinceId, IReadOnlyList<DemoCity> cities)
    {
        ProvinceId = provinceId;
        Cities = cities;
    }

    public int ProvinceId { get; }

    public IReadOnlyList<DemoCity> Cities { get; }

    public IEnumerable<DemoCounty> Counties => Cities.SelectMany(c => c.Counties);

    public static async Task<DemoTree> LoadAsync(AppDbContext db, CancellationToken ct)
    {
        var nodes = await db.Jurisdictions.AsNoTracking()
            .Select(j => new { j.Id, j.Code, j.Name, j.Level, j.ParentId, j.IsFunctionalZone, j.SortOrder })
            .ToListAsync(ct);
        var province = nodes.SingleOrDefault(n => n.Level == JurisdictionLevel.Province)
            ?? throw new InvalidOperationException("Demo data needs the jurisdiction tree; seed it first.");
        var cities = nodes.Where(n => n.ParentId == province.Id).OrderBy(n => n.SortOrder)
            .Select(city =>
            {
                var result = new DemoCity(city.Id, city.Code, city.Name);
                result.Counties.AddRange(nodes.Where(n => n.ParentId == city.Id).OrderBy(n => n.SortOrder)
                    .Select(c => new DemoCounty(c.Id, c.Code, c.Name, c.IsFunctionalZone, result)));
                return result;
            })
            .ToList();
        return new DemoTree(province.Id, cities);
    }
}

/// <summary>A prefecture-level unit 市（州） of the demo tree.</summary>
internal sealed class DemoCity(int id, string code, string name)
{
    public int Id { get; } = id;
    public string Code { get; } = code;
    public string Name { get; } = name;
    public List<DemoCounty> Counties { get; } = [];
}

/// <summary>A county-level unit 县（市、区） of the demo tree.</summary>
internal sealed record DemoCounty(int Id, string Code, string Name, bool IsFunctionalZone, DemoCity City)
{
    /// <summary>
    /// The region code generated ID numbers carry. Development zones 开发区 have statistical codes, not GB/T 2260
    /// region codes, so their residents get their prefecture's 市辖区 code (e.g. 220101).
    /// </summary>
    public string IdRegionCode => IsFunctionalZone ? City.Code[..4] + "01" : Code;
}

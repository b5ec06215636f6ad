using AnjuPortal.Domain.Jurisdictions;
using AnjuPortal.Infrastructure.Seed;
using AnjuPortal.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Infrastructure.Tests.Seed;

public sealed class JurisdictionSeederTests
{
    [Fact]
    public async Task SeedAsync_LoadsProvincePrefecturesAndCounties_WhenDatabaseIsEmpty()
    {
        await using var database = await SqliteTestDatabase.CreateAsync(seedJurisdictions: false);
        await using var db = database.CreateSystemContext();

        Assert.True(await JurisdictionSeeder.SeedAsync(db));

        var all = await db.Jurisdictions.AsNoTracking().ToListAsync();
        var province = Assert.Single(all, j => j.Level == JurisdictionLevel.Province);
        Assert.Equal(("220000", "吉林省", "/220000/", (int?)null), (province.Code, province.Name, province.Path, province.ParentId));

        var prefectures = all.Where(j => j.Level == JurisdictionLevel.Prefecture).OrderBy(j => j.SortOrder).ToList();
        Assert.Equal(10, prefectures.Count);
        Assert.Equal(
            ["220100", "220200", "220300", "220400", "220500", "220600", "220700", "220800", "222400", JurisdictionSeeder.ChangbaishanCode],
            prefectures.Select(p => p.Code));
        Assert.Equal("长白山管委会", prefectures[^1].Name);
        Assert.Equal("229900", JurisdictionSeeder.ChangbaishanCode);
        Assert.All(prefectures, p => Assert.Equal(province.Id, p.ParentId));

        var fromJson = JurisdictionSeeder.Load();
        var counties = all.Where(j => j.Level == JurisdictionLevel.County).ToList();
        Assert.Equal(fromJson.Prefectures.Sum(p => p.Counties.Count) + 3, counties.Count);
        Assert.Equal(72, counties.Count);
        foreach (var county in fromJson.Prefectures.SelectMany(p => p.Counties.Select(c => (Prefecture: p, County: c))))
        {
            var seeded = Assert.Single(counties, c => c.Code == county.County.Code);
            Assert.Equal(county.County.Name, seeded.Name);
            Assert.Equal(county.County.FunctionalZone, seeded.IsFunctionalZone);
            Assert.Equal($"/220000/{county.Prefecture.Code}/{county.County.Code}/", seeded.Path);
        }

        // Development zones are flagged (e.g. 长春经济技术开发区 in the list), and so are 长白山's three zones.
        Assert.Equal(fromJson.Prefectures.Sum(p => p.Counties.Count(c => c.FunctionalZone)) + 3, counties.Count(c => c.IsFunctionalZone));
        Assert.Contains(counties, c => c.IsFunctionalZone && c.Path.StartsWith("/220000/220100/", StringComparison.Ordinal));
        Assert.All(counties.Where(c => c.Code.StartsWith("2299", StringComparison.Ordinal)), c => Assert.True(c.IsFunctionalZone));
        Assert.False(counties.Single(c => c.Code == "220102").IsFunctionalZone);
    }

    [Fact]
    public async Task SeedAsync_ReturnsFalseAndAddsNothing_WhenTreeAlreadySeeded()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        await using var db = database.CreateSystemContext();
        var before = await db.Jurisdictions.CountAsync();

        Assert.False(await JurisdictionSeeder.SeedAsync(db));

        Assert.Equal(before, await db.Jurisdictions.CountAsync());
        Assert.Equal(1 + 10 + 72, before);
    }
}

using AnjuPortal.Domain.OverdueResettlement;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Infrastructure.Tests.Seed.Demo;

/// <summary>The demo ledger's category facts and plans: complete for every case, with lights of every colour on the seed's date.</summary>
public sealed class DemoCasePlansTests(DemoSeedFixture fixture) : IClassFixture<DemoSeedFixture>
{
    [Fact]
    public async Task SeedProgramme_GivesEveryCaseItsCategoryFactsAndAPlan_SomeOverdue()
    {
        await using var db = fixture.Database.CreateSystemContext();
        var cases = await db.OverdueCases.AsNoTracking().ToListAsync();

        Assert.All(cases, c =>
        {
            Assert.Empty(c.MissingDetails());
            Assert.NotNull(c.Measures);
            Assert.InRange(c.Milestones.Count, 3, 4);
        });
        Assert.Contains(cases, c => c.CategoryChanges.Any(h => h.FromCategory == OverdueCategory.Litigation && h.ToCategory == OverdueCategory.DeadKnot));

        var today = new DateOnly(2026, 11, 26);
        var lights = cases.Select(c => c.Alert(today)).ToList();
        Assert.Contains(CaseAlert.Red, lights);
        Assert.Contains(CaseAlert.Green, lights);
        Assert.Contains(cases, c => c.Milestones.Any(m => m.IsOverdue(today)));
    }
}

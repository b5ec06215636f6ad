using AnjuPortal.Application.OverdueResettlement.Closure;
using AnjuPortal.Domain.OverdueResettlement;
using AnjuPortal.Infrastructure.Files;
using AnjuPortal.Infrastructure.Seed.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AnjuPortal.Infrastructure.Tests.Seed.Demo;

/// <summary>The demo's 销号 cases, on the shared demo seed (the other tests there look at no case status or closure step).</summary>
public sealed class DemoClosuresTests(DemoSeedFixture fixture) : IClassFixture<DemoSeedFixture>
{
    [Fact]
    public async Task Seed_LeavesOnePendingApplication_AndOneClosedCaseWithItsHistory_WithStoredEvidence()
    {
        var folder = Directory.CreateTempSubdirectory("anju-demo-evidence-").FullName;
        try
        {
            var store = new LocalEvidenceFileStore(Options.Create(new EvidenceOptions { Directory = folder }), "/");
            await DemoClosures.SeedAsync(fixture.Database.SystemFactory, store, fixture.Clock, CancellationToken.None);
            await DemoClosures.SeedAsync(fixture.Database.SystemFactory, store, fixture.Clock, CancellationToken.None);

            await using var db = fixture.Database.CreateSystemContext();
            var cases = await db.OverdueCases.AsNoTracking().Include(c => c.ClosureSteps).Where(c => c.ClosureSteps.Any()).ToListAsync();
            Assert.Equal(2, cases.Count);
            var pending = Assert.Single(cases, c => c.Status == CaseStatus.ClosureApplied);
            Assert.Single(pending.ClosureSteps);
            var closed = Assert.Single(cases, c => c.Status == CaseStatus.Closed);
            Assert.Equal([ClosureStepKind.Applied, ClosureStepKind.Returned, ClosureStepKind.Applied, ClosureStepKind.Closed], closed.ClosureSteps.OrderBy(s => s.Id).Select(s => s.Kind));
            Assert.Equal(4, await db.EvidenceAttachments.CountAsync());
            Assert.Equal(4, Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Length);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

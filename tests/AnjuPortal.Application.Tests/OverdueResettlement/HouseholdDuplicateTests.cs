using AnjuPortal.Application.OverdueResettlement;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Auditing;
using AnjuPortal.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Application.Tests.OverdueResettlement;

/// <summary>
/// The province-wide duplicate check: the same ID number in Changchun and in Jilin city is refused (naming where, the
/// number masked), accepted only when confirmed with a reason, and then both records carry the flag.
/// </summary>
public abstract class HouseholdDuplicateTests : IAsyncLifetime
{
    private static readonly string Person = TestIdNumbers.Make("220102", "19650304", 271);

    private HouseholdScenario _s = null!;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    internal HouseholdScenario S => _s;

    public async Task InitializeAsync() => _s = new HouseholdScenario(await CreateDatabaseAsync());

    public async Task DisposeAsync() => await _s.Database.DisposeAsync();

    [Fact]
    public async Task RegisterAsync_RefusesThenFlagsBoth_WhenSamePersonInChangchunAndJilinAndConfirmed()
    {
        var changchunCase = await S.SeedCaseAsync("NG-2016-001", HouseholdScenario.Nanguan, (Person, "王桂兰"));
        var jilinCase = await S.SeedCaseAsync("CY-2017-004", HouseholdScenario.Changyi);
        var jilin = S.Register(await S.UserAsync(HouseholdScenario.Changyi));

        var refused = await jilin.RegisterAsync(jilinCase, HouseholdScenario.Input(Person));

        Assert.False(refused.Succeeded);
        var message = refused.ErrorFor(nameof(HouseholdInput.IdNumber))!;
        Assert.Contains("长春市南关区", message);
        Assert.Contains("NG-2016-001", message);
        Assert.Contains("220102********" + Person[14..], message);
        Assert.DoesNotContain(Person, message);
        Assert.DoesNotContain("王桂兰", message);
        await using (var db = S.Database.CreateSystemContext())
        {
            Assert.Equal(1, await db.OverdueHouseholds.CountAsync());
        }

        var noReason = await jilin.RegisterAsync(jilinCase, HouseholdScenario.Input(Person, confirm: true, reason: " "));
        Assert.Equal(HouseholdRegister.DuplicateReasonRequired, noReason.ErrorFor(nameof(HouseholdInput.DuplicateReason)));

        var accepted = await jilin.RegisterAsync(jilinCase, HouseholdScenario.Input(Person, confirm: true, reason: "两处房屋均被征收，两地分别安置"));

        Assert.True(accepted.Succeeded, accepted.ToString());
        await using (var db = S.Database.CreateSystemContext())
        {
            var rows = await db.OverdueHouseholds.OrderBy(h => h.Id).ToListAsync();
            Assert.Equal(2, rows.Count);
            Assert.All(rows, h => Assert.True(h.IsFlaggedDuplicate));
            Assert.Equal(changchunCase, rows[0].CaseId);
            Assert.Null(rows[0].DuplicateOfId);
            Assert.Equal(rows[0].Id, rows[1].DuplicateOfId);
            Assert.Equal("两处房屋均被征收，两地分别安置", rows[1].DuplicateReason);

            // The flag on Changchun's record was set past the tenant filter: it has its own audit record, filed under Nanguan.
            var nanguan = await S.Database.JurisdictionAsync(HouseholdScenario.Nanguan);
            var flagRecord = await db.AuditEntries.SingleAsync(a => a.EntityType == "OverdueHousehold" && a.Action == AuditAction.Update && a.EntityId == rows[0].Id.ToString());
            Assert.Equal(nanguan.Id, flagRecord.JurisdictionId);
            Assert.Contains("IsFlaggedDuplicate", flagRecord.Changes);
        }
    }

    [Fact]
    public async Task RegisterAsync_Succeeds_WhenDifferentPersonInOtherCity()
    {
        await S.SeedCaseAsync("NG-2016-001", HouseholdScenario.Nanguan, (Person, "王桂兰"));
        var jilinCase = await S.SeedCaseAsync("CY-2017-004", HouseholdScenario.Changyi);

        var result = await S.Register(await S.UserAsync(HouseholdScenario.Changyi)).RegisterAsync(jilinCase, HouseholdScenario.Input(TestIdNumbers.Make("220202", "19650304", 272)));

        Assert.True(result.Succeeded, result.ToString());
        await using var db = S.Database.CreateSystemContext();
        Assert.All(await db.OverdueHouseholds.ToListAsync(), h => Assert.False(h.IsFlaggedDuplicate));
    }
}

public sealed class SqliteHouseholdDuplicateTests : HouseholdDuplicateTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await SqliteTestDatabase.CreateAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresHouseholdDuplicateTests(PostgresServer server) : HouseholdDuplicateTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await server.CreateDatabaseAsync();

    /// <summary>
    /// Two servers registering the same person at the same moment (two contexts, two connections): the advisory lock
    /// makes the second wait for the first's commit and then see it, so exactly one wins. Several rounds, so a missing
    /// lock would show.
    /// </summary>
    [Fact]
    public async Task RegisterAsync_ExactlyOneWins_WhenSamePersonRegisteredConcurrentlyInTwoCities()
    {
        var changchunCase = await S.SeedCaseAsync("NG-2016-001", HouseholdScenario.Nanguan);
        var jilinCase = await S.SeedCaseAsync("CY-2017-004", HouseholdScenario.Changyi);
        var changchun = S.Register(await S.UserAsync(HouseholdScenario.Nanguan));
        var jilin = S.Register(await S.UserAsync(HouseholdScenario.Changyi));

        const int rounds = 12;
        for (var round = 0; round < rounds; round++)
        {
            var id = TestIdNumbers.Make("220102", "19700101", 500 + round);
            using var start = new ManualResetEventSlim(false);
            var a = Task.Run(async () => { start.Wait(); return await changchun.RegisterAsync(changchunCase, HouseholdScenario.Input(id)); });
            var b = Task.Run(async () => { start.Wait(); return await jilin.RegisterAsync(jilinCase, HouseholdScenario.Input(id)); });
            start.Set();
            var results = await Task.WhenAll(a, b);

            Assert.Equal(1, results.Count(r => r.Succeeded));
            Assert.Contains("已登记在", Assert.Single(results, r => !r.Succeeded).ErrorFor(nameof(HouseholdInput.IdNumber)));
        }

        await using var db = S.Database.CreateSystemContext();
        Assert.Equal(rounds, await db.OverdueHouseholds.CountAsync());
        Assert.Equal(rounds, await db.OverdueHouseholds.Select(h => h.IdNumberIndex).Distinct().CountAsync());
    }
}

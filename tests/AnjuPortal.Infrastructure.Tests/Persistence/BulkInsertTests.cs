using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Auditing;
using AnjuPortal.Domain.OverdueResettlement;
using AnjuPortal.Domain.PersonalData;
using AnjuPortal.Domain.Projects;
using AnjuPortal.Infrastructure.Auditing;
using AnjuPortal.Infrastructure.PersonalData;
using AnjuPortal.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Infrastructure.Tests.Persistence;

/// <summary>
/// <see cref="Infrastructure.Persistence.AppDbContext.InsertSummarizedAsync{TEntity}"/>, the household import's write
/// path past the change tracker: it must write what a save writes, audit it as the save's summary would, and refuse what
/// a save refuses.
/// </summary>
public abstract class BulkInsertTests : IAsyncLifetime
{
    private const string Note = "测试批量写入";
    private TestDatabase _database = null!;
    private TestUser _clerk = null!;
    private readonly PersonalDataCipher _cipher = TestCipher.Create();

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        _clerk = TestUser.At(await _database.JurisdictionAsync("220102"), Roles.CountyOperator);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task WritesEveryColumnAsASaveWould_WithOneSummaryRecordSealedInTheChain()
    {
        var ledgerCase = await OpenCaseAsync("220102", "NG-B-001");
        var ids = Enumerable.Range(0, 600).Select(i => TestIdNumbers.Make("220102", "19700101", i)).ToList(); // over one statement's worth of rows
        var households = ids.Select((id, i) => ledgerCase.NewHouseholdForImport($"户主{i}", IdCardNumber.Parse(id), i is 0 or 599 ? null : PhoneNumber.Parse("13904311234"),
            new DateOnly(2019, 12, 31), _cipher)).ToList();
        // The special rows sit past the first statement too: later statements reuse their parameters (SQLite) and must
        // still write enums, dates, money and nulls right.
        ledgerCase.ResolveHousehold(households[301], new HouseholdResolution(ResolutionMethod.Transitional, new DateOnly(2020, 8, 1),
            new ResettlementAgreement(AgreementKind.SupplementaryAgreement, "BC-7", new DateOnly(2020, 7, 1), 18, new DateOnly(2022, 1, 31)), 12000.5m, 9000m), new DateOnly(2020, 9, 1));
        households[302].ConfirmDuplicateOf(42, "同名同号，另一台账已核实");
        var before = await AuditCountAsync();

        await using (var db = _database.CreateContext(_clerk))
        {
            db.SummarizeAddedRows<OverdueHousehold>(Note);
            await db.InsertSummarizedAsync(households);
        }

        await using var check = _database.CreateSystemContext();
        var saved = await check.OverdueHouseholds.AsNoTracking().OrderBy(h => h.Id).ToListAsync();
        Assert.Equal(600, saved.Count);
        Assert.Equal(ids, saved.Select(h => _cipher.Unprotect(h.IdNumberCipher)).Order(StringComparer.Ordinal).ToList());
        var plain = saved.Single(h => h.HeadName == "户主0");
        Assert.Null(plain.PhoneCipher);
        Assert.Null(plain.PhoneMasked);
        Assert.Equal(_cipher.BlindIndex(ids[0]), plain.IdNumberIndex);
        Assert.Equal(IdCardNumber.Mask(ids[0]), plain.IdNumberMasked);
        Assert.Equal(new DateOnly(2019, 12, 31), plain.PromisedDate);
        Assert.Equal(ledgerCase.Id, plain.CaseId);
        Assert.Equal(_clerk.JurisdictionId, plain.JurisdictionId);
        Assert.Equal(_database.Clock.GetUtcNow(), plain.CreatedAt);
        Assert.Equal(_clerk.ActorName(), plain.CreatedBy);
        Assert.Null(plain.UpdatedAt);
        var resolved = saved.Single(h => h.HeadName == "户主301");
        Assert.Equal("13904311234", _cipher.Unprotect(resolved.PhoneCipher!));
        Assert.Equal(ResolutionMethod.Transitional, resolved.ResolutionMethod);
        Assert.Equal(new DateOnly(2020, 8, 1), resolved.ResolvedOn);
        Assert.Equal(AgreementKind.SupplementaryAgreement, resolved.AgreementKind);
        Assert.Equal("BC-7", resolved.AgreementNumber);
        Assert.Equal(18, resolved.TransitionMonths);
        Assert.Equal(new DateOnly(2022, 1, 31), resolved.AgreedReturnDate);
        Assert.Equal(12000.5m, resolved.TransitionFeesOwed);
        Assert.Equal(9000m, resolved.TransitionFeesPaid);
        var duplicate = saved.Single(h => h.HeadName == "户主302");
        Assert.True(duplicate.IsFlaggedDuplicate);
        Assert.Equal(42, duplicate.DuplicateOfId);
        var last = saved.Single(h => h.HeadName == "户主599");
        Assert.Null(last.PhoneCipher);
        Assert.Null(last.ResolutionMethod);
        Assert.False(last.IsFlaggedDuplicate);
        Assert.Null(last.DuplicateOfId);
        Assert.Equal(0m, last.TransitionFeesOwed);

        // One record for the 600 rows: who, where, how many and which ids; sealed into an intact chain.
        var record = Assert.Single(await check.AuditEntries.AsNoTracking().Where(a => a.Sequence > before).ToListAsync());
        Assert.Equal(AuditAction.Create, record.Action);
        Assert.Equal(nameof(OverdueHousehold), record.EntityType);
        Assert.Equal(_clerk.JurisdictionId, record.JurisdictionId);
        Assert.Equal(_clerk.UserName, record.UserName);
        Assert.Equal($"{saved[0].Id}-{saved[^1].Id}", record.EntityId);
        Assert.Equal($"{Note}（本次写入 600 条，编号 {saved[0].Id}-{saved[^1].Id}）", record.Note);
        Assert.Null(record.Changes);
        Assert.True((await AuditTrailVerifier.VerifyAsync(check)).Intact);
    }

    [Fact]
    public async Task RowOutsideTheUsersSubtree_IsRefused_AndNothingIsWritten()
    {
        var mine = await OpenCaseAsync("220102", "NG-B-002");
        var theirs = await OpenCaseAsync("220103", "KC-B-001");
        var households = new[]
        {
            mine.NewHouseholdForImport("本区户", IdCardNumber.Parse(TestIdNumbers.Make("220102", "19700101", 1)), null, new DateOnly(2019, 12, 31), _cipher),
            theirs.NewHouseholdForImport("外区户", IdCardNumber.Parse(TestIdNumbers.Make("220102", "19700101", 2)), null, new DateOnly(2019, 12, 31), _cipher),
        };
        var before = await AuditCountAsync();

        await using (var db = _database.CreateContext(_clerk))
        {
            db.SummarizeAddedRows<OverdueHousehold>(Note);
            await Assert.ThrowsAsync<TenantAccessDeniedException>(() => db.InsertSummarizedAsync(households));
        }

        await using var check = _database.CreateSystemContext();
        Assert.Equal(0, await check.OverdueHouseholds.CountAsync());
        Assert.Equal(before, await AuditCountAsync());
    }

    [Fact]
    public async Task WithoutASummary_IsRefused_SoNoRowGoesUnaudited()
    {
        var ledgerCase = await OpenCaseAsync("220102", "NG-B-003");
        var household = ledgerCase.NewHouseholdForImport("户主", IdCardNumber.Parse(TestIdNumbers.Make("220102", "19700101", 3)), null, new DateOnly(2019, 12, 31), _cipher);

        await using (var db = _database.CreateContext(_clerk))
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.InsertSummarizedAsync([household]));

            // Nor with other changes pending: they would be saved along with the summary record, unaudited.
            db.SummarizeAddedRows<OverdueHousehold>(Note);
            db.Projects.Add(RenovationProject.Register("NG-B-004", _clerk.JurisdictionId!.Value, new RenovationProject.Details(
                "南关区项目", 2020, 10, ResettlementMode.InKind, "张三", new(2020, 4, 1), new(2021, 10, 1))));
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.InsertSummarizedAsync([household]));
        }

        await using var check = _database.CreateSystemContext();
        Assert.Equal(0, await check.OverdueHouseholds.CountAsync());
        Assert.Equal(0, await check.Projects.CountAsync(p => p.Code == "NG-B-004"));
    }

    private async Task<OverdueCase> OpenCaseAsync(string unitCode, string code)
    {
        var unit = await _database.JurisdictionAsync(unitCode);
        await using var db = _database.CreateSystemContext();
        var project = RenovationProject.Register(code, unit.Id, new RenovationProject.Details(
            $"{unit.Name}项目", 2016, 200, ResettlementMode.InKind, "张建国", new DateOnly(2016, 4, 1), new DateOnly(2018, 10, 31)));
        db.Projects.Add(project);
        var ledgerCase = OverdueCase.Open(project, OverdueCategory.Started, new DateOnly(2020, 12, 31), "陈副区长");
        db.OverdueCases.Add(ledgerCase);
        await db.SaveChangesAsync();
        return ledgerCase;
    }

    private async Task<long> AuditCountAsync()
    {
        await using var db = _database.CreateSystemContext();
        return await db.AuditEntries.LongCountAsync();
    }
}

public sealed class SqliteBulkInsertTests : BulkInsertTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await SqliteTestDatabase.CreateAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresBulkInsertTests(PostgresServer server) : BulkInsertTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await server.CreateDatabaseAsync();
}

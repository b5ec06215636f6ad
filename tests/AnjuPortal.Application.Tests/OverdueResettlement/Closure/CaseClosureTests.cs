using AnjuPortal.Application.Notifications;
using AnjuPortal.Application.OverdueResettlement.Closure;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Notifications;
using AnjuPortal.Domain.OverdueResettlement;
using AnjuPortal.Domain.PersonalData;
using AnjuPortal.Domain.Projects;
using AnjuPortal.Infrastructure.Files;
using AnjuPortal.Infrastructure.Identity;
using AnjuPortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using static AnjuPortal.Application.Tests.OverdueResettlement.Closure.EvidenceSamples;

namespace AnjuPortal.Application.Tests.OverdueResettlement.Closure;

/// <summary>
/// The 销号 use cases on a real database of each provider and a real local file store: a case of 南关区 (长春市)
/// applied for by 长春市, decided by the province; refusals leave neither rows nor files behind.
/// </summary>
public abstract class CaseClosureTests : IAsyncLifetime
{
    private const string Province = "220000";
    private const string Changchun = "220100";
    private const string Nanguan = "220102";
    private const string Jilin = "220200";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "anju-evidence-" + Guid.NewGuid().ToString("N"));
    private readonly IPersonalDataCipher _cipher = TestCipher.Create();
    private TestDatabase _database = null!;
    private LocalEvidenceFileStore _store = null!;
    private TestUser _city = null!;
    private TestUser _county = null!;
    private TestUser _reviewer = null!;
    private TestUser _otherCity = null!;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        _store = new LocalEvidenceFileStore(Options.Create(new EvidenceOptions { Directory = _folder }), "/");
        _city = TestUser.At(await _database.JurisdictionAsync(Changchun), Roles.CityOperator);
        _county = TestUser.At(await _database.JurisdictionAsync(Nanguan), Roles.CountyOperator);
        _reviewer = TestUser.At(await _database.JurisdictionAsync(Province), Roles.ProvinceReviewer);
        _otherCity = TestUser.At(await _database.JurisdictionAsync(Jilin), Roles.CityOperator);
        await using var db = _database.CreateSystemContext();
        foreach (var (user, unit) in new[] { (_city, Changchun), (_reviewer, Province), (_county, Nanguan) })
        {
            var id = user.UserId!;
            db.Users.Add(new AppUser { Id = id, UserName = id, NormalizedUserName = id.ToUpperInvariant(), DisplayName = id, JurisdictionId = user.JurisdictionId!.Value, SecurityStamp = id });
        }

        db.Users.Add(new AppUser { Id = "cc-2", UserName = "cc-2", NormalizedUserName = "CC-2", DisplayName = "cc-2", JurisdictionId = _city.JurisdictionId!.Value, SecurityStamp = "cc-2" });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private CaseClosure Closure(ICurrentUser user, int maxFiles = EvidenceOptions.DefaultMaxFiles)
    {
        var options = Options.Create(new EvidenceOptions { Directory = _folder, MaxFiles = maxFiles });
        return new CaseClosure(_database.FactoryFor(user), user, _database.Clock, new EvidenceTypeScanner(options), _store, options,
            new CaseClosureNotifier(new UnitMembers(_database.SystemFactory)));
    }

    private int StoredFiles => Directory.Exists(_folder) ? Directory.GetFiles(_folder, "*", SearchOption.AllDirectories).Length : 0;

    [Fact]
    public async Task FullWorkflow_ApplyReturnApplyCloseReopen_KeepsEveryStepInOrder()
    {
        var caseId = await SeedCaseAsync(unresolved: 0);

        var applied = await ApplyAsync(caseId, _city, "全部 2 户已回迁安置。", Agreement(), File("入住照片.png", Png()));
        Assert.True(applied.Succeeded, applied.ToString());
        _database.Clock.Advance(TimeSpan.FromHours(2));
        var returned = await Closure(_reviewer).ReturnAsync(caseId, await VersionAsync(caseId), "缺少南关区刘淑芬户的回迁安置协议。");
        Assert.True(returned.Succeeded, returned.ToString());
        _database.Clock.Advance(TimeSpan.FromHours(2));
        Assert.True((await ApplyAsync(caseId, _city, "已补充协议。", Agreement("刘淑芬回迁安置协议.pdf"))).Succeeded);
        _database.Clock.Advance(TimeSpan.FromHours(2));
        var closed = await Closure(_reviewer).CloseAsync(caseId, await VersionAsync(caseId), "经核验，材料齐全，同意销号。");
        Assert.True(closed.Succeeded, closed.ToString());
        _database.Clock.Advance(TimeSpan.FromDays(20));
        Assert.True((await Closure(_reviewer).ReopenAsync(caseId, await VersionAsync(caseId), "群众反映 1 户未实际入住，重新核实。")).Succeeded);

        var state = (await Closure(_city).StateAsync(caseId))!;
        Assert.Equal(CaseStatus.Open, state.Status);
        Assert.Equal(
            [ClosureStepKind.Applied, ClosureStepKind.Returned, ClosureStepKind.Applied, ClosureStepKind.Closed, ClosureStepKind.Reopened],
            state.Steps.Select(s => s.Kind));
        Assert.Equal(["长春市", "吉林省", "长春市", "吉林省", "吉林省"], state.Steps.Select(s => s.UnitName));
        Assert.Equal(_database.Clock.GetUtcNow(), state.Steps[^1].At);
        var first = state.Steps[0];
        Assert.Equal(["回迁安置协议.pdf", "入住照片.png"], first.Attachments.Select(a => a.FileName));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Pdf("回迁安置协议.pdf"))), first.Attachments[0].Sha256);
        Assert.Equal(3, StoredFiles);
        Assert.True(state.CanApply);
        Assert.False(state.CanReview);
    }

    [Fact]
    public async Task Apply_Refused_WhileHouseholdsUnresolved_StoringNothing()
    {
        var caseId = await SeedCaseAsync(unresolved: 2);

        var result = await ApplyAsync(caseId, _city, "已安置", Agreement());

        Assert.Equal("尚有 2 户未安置，不能申请销号。请全部安置到位后再申请。", result.ErrorFor(string.Empty));
        Assert.Equal(0, StoredFiles);
        Assert.Equal(CaseStatus.Open, (await Closure(_city).StateAsync(caseId))!.Status);
    }

    [Fact]
    public async Task Apply_Refused_WithoutEvidence()
    {
        var caseId = await SeedCaseAsync(unresolved: 0);

        var result = await ApplyAsync(caseId, _city, "已安置");

        Assert.Equal("申请销号须上传证明材料（如安置协议、验收证明、现场照片）。", result.ErrorFor("Evidence"));
    }

    [Fact]
    public async Task Apply_Refused_WhenAFileIsAnHtmlPageRenamedPdf_StoringNone()
    {
        var caseId = await SeedCaseAsync(unresolved: 0);

        var result = await ApplyAsync(caseId, _city, "已安置", Agreement(), File("验收证明.pdf", Html()));

        Assert.Contains("验收证明.pdf」的内容与其扩展名不符", result.ErrorFor("Evidence"), StringComparison.Ordinal);
        Assert.Equal(0, StoredFiles);
        await using var db = _database.CreateSystemContext();
        Assert.Equal(0, await db.EvidenceAttachments.CountAsync());
    }

    [Fact]
    public async Task Apply_Refused_WithTooManyFiles()
    {
        var caseId = await SeedCaseAsync(unresolved: 0);
        var closure = Closure(_city, maxFiles: 2);

        var result = await closure.ApplyAsync(caseId, await VersionAsync(caseId), "已安置", [Agreement("1.pdf"), Agreement("2.pdf"), Agreement("3.pdf")]);

        Assert.Equal("一次申请最多上传 2 个文件，本次选择了 3 个。", result.ErrorFor("Evidence"));
        Assert.Equal(0, StoredFiles);
    }

    [Fact]
    public async Task Apply_Refused_ForACounty_WithTheReason()
    {
        var caseId = await SeedCaseAsync(unresolved: 0);

        var result = await ApplyAsync(caseId, _county, "已安置", Agreement());

        Assert.StartsWith("销号申请由市（州）提出，南关区不能申请销号。", result.ErrorFor(string.Empty), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_IsNotFound_ForAnotherCity()
    {
        var caseId = await SeedCaseAsync(unresolved: 0);

        var result = await ApplyAsync(caseId, _otherCity, "已安置", Agreement());

        Assert.Equal(CaseClosure.CaseNotFound, result.ErrorFor(string.Empty));
        Assert.Null(await Closure(_otherCity).StateAsync(caseId));
    }

    [Theory]
    [InlineData(Roles.ProvinceReviewer)]
    [InlineData(Roles.Supervisor)]
    public async Task Apply_DemandsSubmit(string role)
    {
        var caseId = await SeedCaseAsync(unresolved: 0);
        var user = TestUser.At(await _database.JurisdictionAsync(Province), role);

        var denied = await Assert.ThrowsAsync<PermissionDeniedException>(() => ApplyAsync(caseId, user, "已安置", Agreement()));

        Assert.Equal(Permission.Submit, denied.Permission);
    }

    [Theory]
    [InlineData(Roles.CityOperator, Changchun)]
    [InlineData(Roles.CountyOperator, Nanguan)]
    public async Task CloseAndReturn_DemandClose_BelowTheProvince(string role, string unit)
    {
        var caseId = await SeedAppliedAsync();
        var user = TestUser.At(await _database.JurisdictionAsync(unit), role);

        Assert.Equal(Permission.Close, (await Assert.ThrowsAsync<PermissionDeniedException>(() => Closure(user).CloseAsync(caseId, 1, "同意"))).Permission);
        Assert.Equal(Permission.Close, (await Assert.ThrowsAsync<PermissionDeniedException>(() => Closure(user).ReturnAsync(caseId, 1, "退回"))).Permission);
        Assert.Equal(Permission.Close, (await Assert.ThrowsAsync<PermissionDeniedException>(() => Closure(user).ReopenAsync(caseId, 1, "理由"))).Permission);
    }

    [Fact]
    public async Task Close_Refused_WhenNotAppliedFor()
    {
        var caseId = await SeedCaseAsync(unresolved: 0);

        var result = await Closure(_reviewer).CloseAsync(caseId, await VersionAsync(caseId), "同意");

        Assert.Equal("该台账项目当前状态为“推进中”，尚未申请销号，不能核验销号。", result.ErrorFor(string.Empty));
    }

    [Fact]
    public async Task Return_Refused_WithoutReason()
    {
        var caseId = await SeedAppliedAsync();

        var result = await Closure(_reviewer).ReturnAsync(caseId, await VersionAsync(caseId), " ");

        Assert.Equal("请填写退回原因。", result.ErrorFor("Reason"));
        Assert.Equal(CaseStatus.ClosureApplied, (await Closure(_reviewer).StateAsync(caseId))!.Status);
    }

    [Fact]
    public async Task Reopen_Refused_WithoutReason()
    {
        var caseId = await SeedAppliedAsync();
        Assert.True((await Closure(_reviewer).CloseAsync(caseId, await VersionAsync(caseId), "同意销号。")).Succeeded);

        var result = await Closure(_reviewer).ReopenAsync(caseId, await VersionAsync(caseId), "");

        Assert.Equal("请填写重新打开原因。", result.ErrorFor("Reason"));
        Assert.Equal(CaseStatus.Closed, (await Closure(_reviewer).StateAsync(caseId))!.Status);
    }

    [Fact]
    public async Task TwoReviewersAtOnce_OneWins_TheOtherIsToldWhatHappened()
    {
        var caseId = await SeedAppliedAsync();
        var version = await VersionAsync(caseId);
        var second = TestUser.At(await _database.JurisdictionAsync(Province), Roles.ProvinceAdministrator);

        var first = await Closure(_reviewer).CloseAsync(caseId, version, "同意销号。");
        var late = await Closure(second).ReturnAsync(caseId, version, "材料不全。");

        Assert.True(first.Succeeded, first.ToString());
        Assert.StartsWith("操作未保存：该台账项目在您打开页面后已有变动（当前状态：已销号，最近由 吉林省 于 ", late.ErrorFor(string.Empty), StringComparison.Ordinal);
        Assert.Contains("办理“核验销号”）", late.ErrorFor(string.Empty), StringComparison.Ordinal);
        var state = (await Closure(_reviewer).StateAsync(caseId))!;
        Assert.Equal(CaseStatus.Closed, state.Status);
        Assert.Equal(2, state.Steps.Count);
    }

    [Fact]
    public async Task ConcurrentSave_IsRefusedByTheVersionToken()
    {
        var caseId = await SeedAppliedAsync();
        var version = await VersionAsync(caseId);

        // Both read the same version; the second save meets the token changed by the first.
        await using var a = _database.CreateContext(_reviewer);
        await using var b = _database.CreateContext(_reviewer);
        var ca = await a.OverdueCases.Include(c => c.ClosureSteps).SingleAsync(c => c.Id == caseId);
        var cb = await b.OverdueCases.Include(c => c.ClosureSteps).SingleAsync(c => c.Id == caseId);
        var actor = new ClosureActor("r", _reviewer.JurisdictionId!.Value, "吉林省", Domain.Jurisdictions.JurisdictionLevel.Province);
        ca.Close("同意", actor, _database.Clock.GetUtcNow());
        cb.ReturnClosure("退回", actor, _database.Clock.GetUtcNow());
        await a.SaveChangesAsync();

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => b.SaveChangesAsync());
        Assert.Equal(version + 1, await VersionAsync(caseId));
    }

    [Fact]
    public async Task ReturnAndClose_NotifyTheApplyingCitysAccounts_WithALinkToTheCase()
    {
        var caseId = await SeedAppliedAsync();

        Assert.True((await Closure(_reviewer).ReturnAsync(caseId, await VersionAsync(caseId), "缺少验收证明。")).Succeeded);
        Assert.True((await ApplyAsync(caseId, _city, "已补充。", Agreement("验收证明.pdf"))).Succeeded);
        Assert.True((await Closure(_reviewer).CloseAsync(caseId, await VersionAsync(caseId), "同意销号。")).Succeeded);

        await using var db = _database.CreateSystemContext();
        var notes = await db.Notifications.AsNoTracking().OrderBy(n => n.Id).ToListAsync();
        Assert.Equal(4, notes.Count);
        Assert.All(notes, n => Assert.Equal(NotificationKind.CaseClosure, n.Kind));
        Assert.All(notes, n => Assert.Equal($"/cases/{caseId}", n.Link));
        Assert.Equal(new[] { "cc-2", _city.UserId! }.Order(StringComparer.Ordinal), notes.Take(2).Select(n => n.RecipientUserId).Order(StringComparer.Ordinal));
        Assert.Equal("台账项目「南关区闭环示范项目」的销号申请被省级退回：缺少验收证明。", notes[0].Text);
        Assert.Equal("台账项目「南关区闭环示范项目」已经省级核验销号。", notes[^1].Text);
        Assert.DoesNotContain(notes, n => n.RecipientUserId == _county.UserId || n.RecipientUserId == _reviewer.UserId);
    }

    [Fact]
    public async Task Steps_AreAudited_WithTheirUnit()
    {
        var caseId = await SeedAppliedAsync();

        await using var db = _database.CreateSystemContext();
        var audited = await db.AuditEntries.AsNoTracking().Select(e => e.EntityType).ToListAsync();
        Assert.Contains(nameof(CaseClosureStep), audited);
        Assert.Contains(nameof(EvidenceAttachment), audited);
        Assert.Contains(nameof(OverdueCase), audited);
        Assert.NotEqual(0, caseId);
    }

    [Fact]
    public async Task OpenAttachment_ReturnsTheStoredBytes_WithTheFixedType_AndNothingOutsideTheTree()
    {
        var caseId = await SeedCaseAsync(unresolved: 0);
        Assert.True((await ApplyAsync(caseId, _city, "已安置。", Agreement())).Succeeded);
        var attachmentId = (await Closure(_city).StateAsync(caseId))!.Steps[0].Attachments[0].Id;

        var download = await Closure(_county).OpenAttachmentAsync(attachmentId);

        Assert.NotNull(download);
        await using (download.Content)
        {
            using var copy = new MemoryStream();
            await download.Content.CopyToAsync(copy);
            Assert.Equal(Pdf("回迁安置协议.pdf"), copy.ToArray());
        }

        Assert.Equal("application/pdf", download.ContentType);
        Assert.Equal("回迁安置协议.pdf", download.FileName);
        Assert.Null(await Closure(_otherCity).OpenAttachmentAsync(attachmentId));
        Assert.Null(await Closure(TestUser.At(await _database.JurisdictionAsync("220103"), Roles.CountyOperator)).OpenAttachmentAsync(attachmentId));
    }

    private async Task<Common.CommandResult<int>> ApplyAsync(int caseId, TestUser user, string statement, params AttachmentCandidate[] files)
        => await Closure(user).ApplyAsync(caseId, await VersionAsync(caseId), statement, files);

    private async Task<int> VersionAsync(int caseId)
    {
        await using var db = _database.CreateSystemContext();
        return await db.OverdueCases.Where(c => c.Id == caseId).Select(c => c.Version).SingleAsync();
    }

    private async Task<int> SeedAppliedAsync()
    {
        var caseId = await SeedCaseAsync(unresolved: 0);
        var applied = await ApplyAsync(caseId, _city, "全部已安置。", Agreement());
        Assert.True(applied.Succeeded, applied.ToString());
        return caseId;
    }

    private async Task<int> SeedCaseAsync(int unresolved)
    {
        var unit = await _database.JurisdictionAsync(Nanguan);
        await using var db = _database.CreateSystemContext();
        var project = RenovationProject.Register("NG-2016-" + Random.Shared.Next(100, 999), unit.Id, new RenovationProject.Details(
            "南关区闭环示范项目", 2016, 200, ResettlementMode.InKind, "张建国", new DateOnly(2016, 4, 1), new DateOnly(2018, 10, 31)));
        db.Projects.Add(project);
        var overdue = OverdueCase.Open(project, OverdueCategory.Started, new DateOnly(2020, 12, 31), "陈副区长");
        for (var i = 0; i < 2; i++)
        {
            var household = overdue.AddHousehold("户主" + i, IdCardNumber.Parse(TestIdNumbers.Make("220102", "19700101", 500 + i)), null, new DateOnly(2019, 6, 30), _cipher);
            if (i >= unresolved)
            {
                overdue.ResolveHousehold(household, ResolutionMethod.ReturnResettlement, new DateOnly(2020, 5, 1));
            }
        }

        db.OverdueCases.Add(overdue);
        await db.SaveChangesAsync();
        return overdue.Id;
    }
}

public sealed class SqliteCaseClosureTests : CaseClosureTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await SqliteTestDatabase.CreateAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresCaseClosureTests(PostgresServer server) : CaseClosureTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await server.CreateDatabaseAsync();
}

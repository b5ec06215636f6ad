using AnjuPortal.Application.Security;
using AnjuPortal.Application.Supervision.Complaints;
using AnjuPortal.Domain.Auditing;
using AnjuPortal.Domain.OverdueResettlement;
using AnjuPortal.Domain.PersonalData;
using AnjuPortal.Domain.Progress;
using AnjuPortal.Domain.Projects;
using AnjuPortal.Domain.Supervision;
using AnjuPortal.Domain.Supervision.Complaints;
using AnjuPortal.Infrastructure.Auditing;
using AnjuPortal.Infrastructure.PersonalData;
using AnjuPortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace AnjuPortal.Application.Tests.Supervision.Complaints;

/// <summary>
/// 举报投诉 on each real provider: the public intake (encrypted contact, cleaned text, limits, receipt lookup), routing
/// by tenancy (a city sees its own, not another's; the province sees all), linking only to a case of the complaint's
/// own subtree, answering with history, the contact disclosure (Unmask, audited), the supervision seam, and the public
/// figures (frozen months only, aggregates only).
/// </summary>
public abstract class ComplaintTests : IAsyncLifetime
{
    private const string Phone = "13904311234";

    private readonly PersonalDataCipher _cipher = TestCipher.Create();
    private TestDatabase? _database;

    private TestDatabase Db => _database ?? throw new InvalidOperationException("Not initialised.");

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync() => _database = await CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    private ComplaintIntake Intake() => new(Db.SystemFactory, _cipher, Db.Clock, NullLogger<ComplaintIntake>.Instance);

    private async Task<(AnjuPortal.Application.Supervision.Complaints.Complaints UseCase, TestUser User)> StaffAsync(string unit, string role)
    {
        var user = TestUser.At(await Db.JurisdictionAsync(unit), role);
        return (new(Db.FactoryFor(user), user, Db.Clock, _cipher, new AuditLog(Db.SystemFactory, user, Db.Clock)), user);
    }

    private async Task<(int Id, string Receipt)> SubmitAsync(string unitCode, string text = "南关区某棚改项目2019年承诺回迁，至今未安置。", string contact = Phone, string? name = "王秀兰")
    {
        var unit = await Db.JurisdictionAsync(unitCode);
        var result = await Intake().SubmitAsync(new ComplaintSubmission(unit.Id, ComplaintCategory.OverdueResettlement, text, name, contact, Anonymous: false));
        Assert.True(result.Succeeded, result.ToString());
        await using var db = Db.CreateSystemContext();
        var id = await db.Complaints.Where(c => c.ReceiptNumber == result.Value).Select(c => c.Id).SingleAsync();
        return (id, result.Value!);
    }

    [Fact]
    public async Task Submit_StoresContactAndNameEncrypted_AndGivesReceiptNumber()
    {
        var (id, receipt) = await SubmitAsync("220102");

        Assert.Matches(@"^TS-2020-\d{6}$", receipt);
        await using var db = Db.CreateSystemContext();
        var stored = await db.Complaints.AsNoTracking().SingleAsync(c => c.Id == id);
        Assert.DoesNotContain(Phone, stored.ContactCipher, StringComparison.Ordinal);
        Assert.Equal(Phone, _cipher.Unprotect(stored.ContactCipher));
        Assert.Equal("139****1234", stored.ContactMasked);
        Assert.Equal("王秀兰", _cipher.Unprotect(stored.NameCipher!));
        Assert.Equal(ComplaintStatus.Pending, stored.Status);

        // The audit trail hides the ciphertexts and never holds the plain contact.
        var audit = await db.AuditEntries.AsNoTracking().Where(e => e.EntityType == nameof(Complaint)).ToListAsync();
        Assert.NotEmpty(audit);
        Assert.All(audit, e => Assert.DoesNotContain(Phone, e.Changes ?? string.Empty, StringComparison.Ordinal));
        Assert.All(audit, e => Assert.DoesNotContain(stored.ContactCipher, e.Changes ?? string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Submit_StoresHtmlAsPlainText_AndStripsControlCharacters()
    {
        var (id, _) = await SubmitAsync("220102", text: "<script>alert('x')</script>\u0000未安置\u202E\u001b[31m\r\n第二行");

        await using var db = Db.CreateSystemContext();
        var text = await db.Complaints.Where(c => c.Id == id).Select(c => c.Text).SingleAsync();
        Assert.Equal("<script>alert('x')</script>未安置[31m\n第二行", text);
    }

    [Fact]
    public async Task Submit_RefusesOversizedTextBadContactAndMissingUnit_AndStoresNothing()
    {
        var unit = await Db.JurisdictionAsync("220102");
        var tooLong = await Intake().SubmitAsync(new ComplaintSubmission(unit.Id, ComplaintCategory.Other, new string('字', Complaint.TextMaxLength + 1), null, Phone, false));
        var badContact = await Intake().SubmitAsync(new ComplaintSubmission(unit.Id, ComplaintCategory.Other, "内容", null, "12345", false));
        var noContact = await Intake().SubmitAsync(new ComplaintSubmission(unit.Id, ComplaintCategory.Other, "内容", null, "  ", false));
        var province = await Intake().SubmitAsync(new ComplaintSubmission((await Db.JurisdictionAsync("220000")).Id, ComplaintCategory.Other, "内容", null, Phone, false));
        var noUnit = await Intake().SubmitAsync(new ComplaintSubmission(null, null, "内容", null, Phone, false));

        Assert.Contains("不能超过 2000 个字", tooLong.ErrorFor("Text"), StringComparison.Ordinal);
        Assert.Equal(AnjuPortal.Domain.Common.DomainText.ComplaintContactFormat, badContact.ErrorFor("Contact"));
        Assert.Equal(AnjuPortal.Domain.Common.DomainText.ComplaintContactRequired, noContact.ErrorFor("Contact"));
        Assert.Equal(ComplaintIntake.UnitRequired, province.ErrorFor("Unit"));
        Assert.Equal(ComplaintIntake.UnitRequired, noUnit.ErrorFor("Unit"));
        Assert.Equal(ComplaintIntake.CategoryRequired, noUnit.ErrorFor("Category"));
        await using var db = Db.CreateSystemContext();
        Assert.Equal(0, await db.Complaints.CountAsync());
    }

    [Fact]
    public async Task Submit_AcceptsEmailContact_MaskedForStaff()
    {
        var (id, _) = await SubmitAsync("220102", contact: "zhang.san@example.com");
        var (complaints, _) = await StaffAsync("220100", Roles.CityOperator);

        var detail = await complaints.GetAsync(id);

        Assert.Equal("z***@example.com", detail!.ContactMasked);
    }

    [Fact]
    public async Task List_RoutesByJurisdiction_CitySeesOwnSubtreeOnly_ProvinceSeesAll()
    {
        var (changchun, _) = await SubmitAsync("220102");
        var (jilin, _) = await SubmitAsync("220200");
        var (cityA, _) = await StaffAsync("220100", Roles.CityOperator);
        var (cityB, _) = await StaffAsync("220200", Roles.CityOperator);
        var (province, _) = await StaffAsync("220000", Roles.ProvinceAdministrator);

        var seenByA = await cityA.ListAsync(new ComplaintFilter(), new Common.PageRequest());
        var seenByB = await cityB.ListAsync(new ComplaintFilter(), new Common.PageRequest());
        var seenByProvince = await province.ListAsync(new ComplaintFilter(), new Common.PageRequest());

        Assert.Equal([changchun], seenByA.Items.Select(i => i.Id));
        Assert.Equal([jilin], seenByB.Items.Select(i => i.Id));
        Assert.Equal(2, seenByProvince.TotalCount);
        Assert.Null(await cityB.GetAsync(changchun));
        var refused = await cityB.AnswerAsync(changchun, await VersionAsync(changchun), "答复");
        Assert.Equal(AnjuPortal.Application.Supervision.Complaints.Complaints.NotFound, refused.ErrorFor(string.Empty));
    }

    [Fact]
    public async Task Link_RefusesCaseOfAnotherSubtree_AcceptsOwnCaseAndHousehold()
    {
        var (id, _) = await SubmitAsync("220102");
        var (ownCase, ownHousehold) = await SeedCaseAsync("220102");
        var (otherCase, _) = await SeedCaseAsync("220103");
        var (foreignCase, _) = await SeedCaseAsync("220202");
        var (city, _) = await StaffAsync("220100", Roles.CityOperator);
        var (province, _) = await StaffAsync("220000", Roles.ProvinceAdministrator);

        // Another city's case: not visible to the city at all.
        var foreign = await city.LinkAsync(id, await VersionAsync(id), foreignCase, null);
        Assert.Equal(AnjuPortal.Application.Supervision.Complaints.Complaints.CaseNotFound, foreign.ErrorFor(string.Empty));
        // The province sees every case, but a case outside the complaint's own unit (宽城 for a 南关 complaint) is refused.
        var sibling = await province.LinkAsync(id, await VersionAsync(id), otherCase, null);
        Assert.Contains("只能关联本举报投诉所涉单位", sibling.ErrorFor(string.Empty), StringComparison.Ordinal);
        // A household of another case is refused.
        var wrongHousehold = await city.LinkAsync(id, await VersionAsync(id), ownCase, ownHousehold + 1000);
        Assert.Equal(AnjuPortal.Application.Supervision.Complaints.Complaints.HouseholdNotInCase, wrongHousehold.ErrorFor(string.Empty));

        var linked = await city.LinkAsync(id, await VersionAsync(id), ownCase, ownHousehold);

        Assert.True(linked.Succeeded, linked.ToString());
        var detail = (await city.GetAsync(id))!;
        Assert.Equal(ownCase, detail.CaseId);
        Assert.Equal(ownHousehold, detail.HouseholdId);
        Assert.Equal("刘淑芬", detail.HouseholdName);
        Assert.Contains(detail.Steps, s => s.Kind == ComplaintStepKind.Linked);
        Assert.Equal([ownCase], (await city.FindCasesAsync(id, null)).Select(c => c.Id));
    }

    [Fact]
    public async Task Answer_RecordsHistory_AndReceiptLookupShowsIt_OnlyWithTheRightDigits()
    {
        var (id, receipt) = await SubmitAsync("220102", text: "<b>请尽快安置</b>");
        var (county, _) = await StaffAsync("220102", Roles.CountyOperator);

        var started = await county.StartAsync(id, await VersionAsync(id));
        Assert.True(started.Succeeded, started.ToString());
        var answered = await county.AnswerAsync(id, started.Value, "已约谈开发企业，承诺2020年10月底前回迁。");
        Assert.True(answered.Succeeded, answered.ToString());
        var stale = await county.AnswerAsync(id, started.Value, "再次答复");
        Assert.Equal(AnjuPortal.Application.Supervision.Complaints.Complaints.Stale, stale.ErrorFor(string.Empty));

        var detail = (await county.GetAsync(id))!;
        Assert.Equal(ComplaintStatus.Answered, detail.Status);
        Assert.Equal([ComplaintStepKind.Received, ComplaintStepKind.Started, ComplaintStepKind.Answered], detail.Steps.Select(s => s.Kind));

        var lookup = await Intake().LookupAsync(receipt.ToLowerInvariant(), "1234");
        Assert.True(lookup.Succeeded, lookup.ToString());
        Assert.Equal(ComplaintStatus.Answered, lookup.Value!.Status);
        Assert.Equal("已约谈开发企业，承诺2020年10月底前回迁。", lookup.Value.Answer);
        var wrong = await Intake().LookupAsync(receipt, "9999");
        var unknown = await Intake().LookupAsync("TS-2020-999999", "1234");
        Assert.Equal(ComplaintIntake.NotFound, wrong.ErrorFor(string.Empty));
        Assert.Equal(ComplaintIntake.NotFound, unknown.ErrorFor(string.Empty));
    }

    [Fact]
    public async Task Answer_IsRefusedWithoutEdit_AndReveal_NeedsUnmaskAndIsAudited()
    {
        var (id, _) = await SubmitAsync("220102");
        var (reviewer, _) = await StaffAsync("220000", Roles.ProvinceReviewer);
        var (city, _) = await StaffAsync("220100", Roles.CityOperator);
        var (administrator, _) = await StaffAsync("220000", Roles.ProvinceAdministrator);

        var version = await VersionAsync(id);
        await Assert.ThrowsAsync<PermissionDeniedException>(() => reviewer.AnswerAsync(id, version, "答复"));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => city.RevealContactAsync(id, "回访核实情况"));
        var noReason = await administrator.RevealContactAsync(id, "看");
        Assert.Equal(AnjuPortal.Application.Supervision.Complaints.Complaints.ReasonRequired, noReason.ErrorFor("Reason"));

        var revealed = await administrator.RevealContactAsync(id, "电话回访核实情况");

        Assert.True(revealed.Succeeded, revealed.ToString());
        Assert.Equal(Phone, revealed.Value!.Contact);
        Assert.Equal("王秀兰", revealed.Value.Name);
        await using var db = Db.CreateSystemContext();
        var entry = Assert.Single(await db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditAction.Unmask).ToListAsync());
        Assert.Equal(nameof(Complaint), entry.EntityType);
        Assert.DoesNotContain(Phone, entry.Note!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RaiseSupervisionItem_OpensAnItemForTheComplaintsUnit_AndRecordsItOnce()
    {
        var (id, _) = await SubmitAsync("220102");
        var (supervisor, _) = await StaffAsync("220000", Roles.Supervisor);
        var deadline = new DateOnly(2020, 7, 31);

        var raised = await supervisor.RaiseSupervisionItemAsync(id, await VersionAsync(id), SupervisionLevel.KeyTracking, deadline, null);
        var again = await supervisor.RaiseSupervisionItemAsync(id, await VersionAsync(id), SupervisionLevel.KeyTracking, deadline, null);

        Assert.True(raised.Succeeded, raised.ToString());
        Assert.Equal(AnjuPortal.Domain.Common.DomainText.ComplaintSupervisionAlreadyRaised, again.ErrorFor(string.Empty));
        var detail = (await supervisor.GetAsync(id))!;
        Assert.Equal(raised.Value, detail.SupervisionItemId);
        Assert.Contains(detail.Steps, s => s.Kind == ComplaintStepKind.SupervisionRaised);
        await using var db = Db.CreateSystemContext();
        var items = await db.SupervisionItems.AsNoTracking().ToListAsync();
        var item = Assert.Single(items);
        Assert.Equal(raised.Value, item.Id);
        Assert.Equal((await Db.JurisdictionAsync("220102")).Id, item.JurisdictionId);
        Assert.Equal(SupervisionSource.Complaint, item.Source);
        Assert.Equal(detail.ReceiptNumber, item.SourceReference);
        Assert.Equal(SupervisionLevel.KeyTracking, item.Level);
        Assert.Equal(deadline, item.Deadline);
        Assert.Contains(detail.ReceiptNumber!, item.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RaiseSupervisionItem_IsRefused_ForACityClerk_AndLeavesNoItem()
    {
        var (id, _) = await SubmitAsync("220102");
        var (clerk, _) = await StaffAsync("220100", Roles.CityOperator);

        await Assert.ThrowsAsync<PermissionDeniedException>(() => clerk.RaiseSupervisionItemAsync(id, 1, SupervisionLevel.PointGuidance, new DateOnly(2020, 7, 31), null));

        await using var db = Db.CreateSystemContext();
        Assert.Empty(await db.SupervisionItems.AsNoTracking().ToListAsync());
    }

    [Fact]
    public async Task PublicDisclosure_ShowsLatestFrozenMonthOnly_AsAggregates()
    {
        var province = await Db.JurisdictionAsync("220000");
        var changchun = await Db.JurisdictionAsync("220100");
        await using (var db = Db.CreateSystemContext())
        {
            foreach (var (unit, month, frozen, started) in new[] { (province.Id, 4, true, 400L), (changchun.Id, 4, true, 150L), (province.Id, 5, true, 500L), (changchun.Id, 5, true, 200L), (province.Id, 6, false, 900L), (changchun.Id, 6, false, 300L) })
            {
                var stat = ProgressStat.Create(unit, 2020, month);
                stat.Set(ProgressFigures.Zero with { PlanUnitsToStart = 1000, UnitsStarted = started, PlanHouseholdsToResolve = 10, HouseholdsResolved = 3 }, frozen, Db.Clock.GetUtcNow());
                db.ProgressStats.Add(stat);
            }

            await db.SaveChangesAsync();
        }

        var view = await new PublicDisclosure(Db.SystemFactory, Db.Clock).ProgressAsync();

        Assert.NotNull(view);
        Assert.Equal((2020, 5), (view.Year, view.Month));
        Assert.Equal(500, view.Province.UnitsStarted);
        Assert.Equal(50.0m, view.Province.StartedProgress);
        var city = Assert.Single(view.Cities, c => c.Code == "220100");
        Assert.Equal(200, city.UnitsStarted);
        Assert.Equal(10, view.Cities.Count); // nine prefecture-level units and 长白山管委会, every one listed
        var units = await new PublicDisclosure(Db.SystemFactory, Db.Clock).UnitsAsync();
        Assert.Contains(units, u => u.Code == "220102" && u.ParentId == changchun.Id);
        Assert.DoesNotContain(units, u => u.Code == "220000");
    }

    private async Task<int> VersionAsync(int id)
    {
        await using var db = Db.CreateSystemContext();
        return await db.Complaints.Where(c => c.Id == id).Select(c => c.Version).SingleAsync();
    }

    private async Task<(int CaseId, int HouseholdId)> SeedCaseAsync(string unitCode)
    {
        var unit = await Db.JurisdictionAsync(unitCode);
        await using var db = Db.CreateSystemContext();
        var project = RenovationProject.Register($"P-{unitCode}", unit.Id, new RenovationProject.Details(
            $"{unit.Name}棚改项目", 2016, 200, ResettlementMode.InKind, "张建国", new DateOnly(2016, 4, 1), new DateOnly(2018, 10, 31)));
        db.Projects.Add(project);
        var overdue = OverdueCase.Open(project, OverdueCategory.Started, new DateOnly(2020, 12, 31), "陈副区长");
        var household = overdue.AddHousehold("刘淑芬", IdCardNumber.Parse(TestIdNumbers.Make(unitCode, "19680314", 41)), PhoneNumber.Parse("13904315678"), new DateOnly(2019, 6, 30), _cipher);
        db.OverdueCases.Add(overdue);
        await db.SaveChangesAsync();
        return (overdue.Id, household.Id);
    }
}

public sealed class SqliteComplaintTests : ComplaintTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await SqliteTestDatabase.CreateAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresComplaintTests(PostgresServer server) : ComplaintTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await server.CreateDatabaseAsync();
}

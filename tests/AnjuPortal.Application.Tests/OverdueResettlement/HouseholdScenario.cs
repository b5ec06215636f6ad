using AnjuPortal.Application.OverdueResettlement;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.OverdueResettlement;
using AnjuPortal.Domain.PersonalData;
using AnjuPortal.Domain.Projects;
using AnjuPortal.Infrastructure.PersonalData;
using AnjuPortal.Infrastructure.Tenancy;
using AnjuPortal.TestSupport;
using Microsoft.Extensions.Options;

namespace AnjuPortal.Application.Tests.OverdueResettlement;

/// <summary>Ledger cases in two cities (长春市南关区, 吉林市昌邑区) on one real database, and the household use cases for a user.</summary>
internal sealed class HouseholdScenario(TestDatabase database)
{
    public const string Nanguan = "220102";
    public const string Changyi = "220202";
    public const string Province = "220000";

    public TestDatabase Database { get; } = database;

    public PersonalDataCipher Cipher { get; } = TestCipher.Create();

    public async Task<int> SeedCaseAsync(string projectCode, string jurisdictionCode, params (string Id, string Name)[] households)
    {
        var unit = await Database.JurisdictionAsync(jurisdictionCode);
        await using var db = Database.CreateSystemContext();
        var project = RenovationProject.Register(projectCode, unit.Id, new RenovationProject.Details(
            $"{unit.Name}{projectCode}棚改项目", 2016, 200, ResettlementMode.InKind, "张建国", new DateOnly(2016, 4, 1), new DateOnly(2018, 10, 31)));
        db.Projects.Add(project);
        var overdue = OverdueCase.Open(project, OverdueCategory.Started, new DateOnly(2020, 12, 31), "陈副区长");
        foreach (var (id, name) in households)
        {
            overdue.AddHousehold(name, IdCardNumber.Parse(id), null, new DateOnly(2019, 6, 30), Cipher);
        }

        db.OverdueCases.Add(overdue);
        await db.SaveChangesAsync();
        return overdue.Id;
    }

    public async Task<TestUser> UserAsync(string jurisdictionCode, string role = Roles.CountyOperator)
        => TestUser.At(await Database.JurisdictionAsync(jurisdictionCode), role);

    public HouseholdRegister Register(ICurrentUser user)
        => new(Database.FactoryFor(user), new ProvincialHouseholdIndex(Database.Clock), Cipher, user);

    public HouseholdImport Import(ICurrentUser user, int maxRows = 100_000, int chunk = 5_000)
        => new(Database.FactoryFor(user), new ProvincialHouseholdIndex(Database.Clock), Cipher, user, Database.Clock,
            Options.Create(new HouseholdImportOptions { MaxRows = maxRows, SaveChunk = chunk }));

    public HouseholdResolve Resolve(ICurrentUser user) => new(Database.FactoryFor(user), user, Database.Clock);

    public static HouseholdInput Input(string idNumber, string headName = "刘淑芬", bool confirm = false, string? reason = null) => new()
    {
        HeadName = headName,
        IdNumber = idNumber,
        PromisedDate = new DateTime(2019, 12, 31),
        ConfirmDuplicate = confirm,
        DuplicateReason = reason,
    };
}

using System.Security.Cryptography;
using AnjuPortal.Application.OverdueResettlement;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Auditing;
using AnjuPortal.Domain.OverdueResettlement;
using AnjuPortal.Domain.PersonalData;
using AnjuPortal.Domain.Projects;
using AnjuPortal.Infrastructure.Auditing;
using AnjuPortal.Infrastructure.PersonalData;
using AnjuPortal.TestSupport;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Application.Tests.OverdueResettlement;

/// <summary>Showing a household's full numbers: only with Unmask, only in the own subtree, only for a reason, always audited.</summary>
public sealed class PersonalDataDisclosureTests : IAsyncLifetime
{
    private const string Province = "220000";
    private const string Nanguan = "220102";
    private const string Kuancheng = "220103";

    private static readonly string IdNumber = TestIdNumbers.Make("220102", "19680314", 41);

    private readonly PersonalDataCipher _cipher = new(new EphemeralDataProtectionProvider(), new BlindIndexKey(RandomNumberGenerator.GetBytes(32)));
    private SqliteTestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await SqliteTestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task RevealHouseholdAsync_ReturnsFullNumbersAndRecordsOneUnmaskEntry_WhenProvinceAdministratorStatesReason()
    {
        var householdId = await SeedHouseholdAsync(Nanguan);
        var disclosure = await DisclosureFor(Province, Roles.ProvinceAdministrator);

        var result = await disclosure.RevealHouseholdAsync(householdId, "与不动产登记核对身份");

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(IdNumber, result.Value!.IdNumber);
        Assert.Equal("13904311234", result.Value.Phone);
        var entry = Assert.Single(await UnmaskEntriesAsync());
        Assert.Equal("OverdueHousehold", entry.EntityType);
        Assert.Equal(householdId.ToString(System.Globalization.CultureInfo.InvariantCulture), entry.EntityId);
        Assert.Equal((await _database.JurisdictionAsync(Nanguan)).Id, entry.JurisdictionId);
        Assert.Contains("与不动产登记核对身份", entry.Note, StringComparison.Ordinal);
        Assert.DoesNotContain(IdNumber, entry.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevealHouseholdAsync_MasksNumbersTypedIntoTheReason()
    {
        var householdId = await SeedHouseholdAsync(Nanguan);
        var disclosure = await DisclosureFor(Province, Roles.ProvinceAdministrator);

        var result = await disclosure.RevealHouseholdAsync(householdId, $"核对 {IdNumber} 与 13904311234");

        Assert.True(result.Succeeded, result.ToString());
        var note = Assert.Single(await UnmaskEntriesAsync()).Note!;
        Assert.DoesNotContain(IdNumber, note, StringComparison.Ordinal);
        Assert.DoesNotContain("13904311234", note, StringComparison.Ordinal);
        Assert.Contains(IdCardNumber.Mask(IdNumber), note, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("核对")]
    public async Task RevealHouseholdAsync_RefusesAndRecordsNothing_WhenReasonMissingOrTooShort(string? reason)
    {
        var householdId = await SeedHouseholdAsync(Nanguan);
        var disclosure = await DisclosureFor(Province, Roles.ProvinceAdministrator);

        var result = await disclosure.RevealHouseholdAsync(householdId, reason);

        Assert.False(result.Succeeded);
        Assert.Null(result.Value);
        Assert.Equal(PersonalDataDisclosure.ReasonRequired, result.ErrorFor("Reason"));
        Assert.Empty(await UnmaskEntriesAsync());
    }

    [Theory]
    [InlineData(Province, Roles.ProvinceReviewer)]
    [InlineData(Nanguan, Roles.CountyOperator)]
    [InlineData(Province, Roles.SystemAdministrator)]
    public async Task RevealHouseholdAsync_Throws_WhenRoleLacksUnmask(string unit, string role)
    {
        var householdId = await SeedHouseholdAsync(Nanguan);
        var disclosure = await DisclosureFor(unit, role);

        var denied = await Assert.ThrowsAsync<PermissionDeniedException>(() => disclosure.RevealHouseholdAsync(householdId, "与不动产登记核对身份"));

        Assert.Equal(Permission.Unmask, denied.Permission);
        Assert.Empty(await UnmaskEntriesAsync());
    }

    [Fact]
    public async Task RevealHouseholdAsync_ReportsNotFound_WhenHouseholdOutsideSubtree()
    {
        var householdId = await SeedHouseholdAsync(Kuancheng);
        var disclosure = await DisclosureFor(Nanguan, Roles.ProvinceAdministrator);

        var result = await disclosure.RevealHouseholdAsync(householdId, "与不动产登记核对身份");

        Assert.False(result.Succeeded);
        Assert.Equal(PersonalDataDisclosure.HouseholdNotFound, result.ErrorFor(string.Empty));
        Assert.Empty(await UnmaskEntriesAsync());
    }

    private async Task<PersonalDataDisclosure> DisclosureFor(string unit, string role)
    {
        var user = TestUser.At(await _database.JurisdictionAsync(unit), role);
        return new PersonalDataDisclosure(_database.FactoryFor(user), _cipher, new AuditLog(_database.SystemFactory, user, _database.Clock), user);
    }

    private async Task<int> SeedHouseholdAsync(string unitCode)
    {
        var unit = await _database.JurisdictionAsync(unitCode);
        await using var db = _database.CreateSystemContext();
        var project = RenovationProject.Register($"P-{unitCode}", unit.Id, new RenovationProject.Details(
            $"{unit.Name}棚改项目", 2016, 200, ResettlementMode.InKind, "张建国", new DateOnly(2016, 4, 1), new DateOnly(2018, 10, 31)));
        db.Projects.Add(project);
        var overdue = OverdueCase.Open(project, OverdueCategory.Started, new DateOnly(2020, 12, 31), "陈副区长");
        var household = overdue.AddHousehold("刘淑芬", IdCardNumber.Parse(IdNumber), PhoneNumber.Parse("13904311234"), new DateOnly(2019, 6, 30), _cipher);
        db.OverdueCases.Add(overdue);
        await db.SaveChangesAsync();
        return household.Id;
    }

    private async Task<List<AuditEntry>> UnmaskEntriesAsync()
    {
        await using var db = _database.CreateSystemContext();
        return await db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditAction.Unmask).ToListAsync();
    }
}

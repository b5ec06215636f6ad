using System.Security.Cryptography;
using AnjuPortal.Application.OverdueResettlement;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.OverdueResettlement;
using AnjuPortal.Domain.PersonalData;
using AnjuPortal.Domain.Projects;
using AnjuPortal.Infrastructure.PersonalData;
using AnjuPortal.Infrastructure.Tenancy;
using AnjuPortal.TestSupport;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Application.Tests.OverdueResettlement;

/// <summary>
/// Registering an overdue household, against a real migrated SQLite file and the real cipher (ephemeral keys).
/// ID numbers are made up: 17 digits with a valid region and birth date, and the check character computed.
/// </summary>
public sealed class HouseholdRegisterTests : IAsyncLifetime
{
    private const string Province = "220000";
    private const string Nanguan = "220102";
    private const string Kuancheng = "220103";

    private static readonly string ValidId = WithCheck("22010219800101123");
    private static readonly string OtherValidId = WithCheck("22010319751231004");

    /// <summary>Its check character is X (asserted where it matters).</summary>
    private static readonly string ValidIdEndingInX = WithCheck("22010219800101120");

    private readonly PersonalDataCipher _cipher = new(new EphemeralDataProtectionProvider(), new BlindIndexKey(RandomNumberGenerator.GetBytes(32)));
    private SqliteTestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await SqliteTestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task RegisterAsync_StoresCiphertextAndMaskedForm_WhenInputValid()
    {
        var caseId = await SeedCaseAsync("NG-2016-001", Nanguan);
        var register = await RegisterFor(Nanguan, Roles.CountyOperator);

        var result = await register.RegisterAsync(caseId, Input(ValidId, phone: "13904311234"));

        Assert.True(result.Succeeded, result.ToString());
        await using (var db = _database.CreateSystemContext())
        {
            var saved = await db.OverdueHouseholds.SingleAsync();
            Assert.Equal(result.Value, saved.Id);
            Assert.Equal(caseId, saved.CaseId);
            Assert.Equal("刘淑芬", saved.HeadName);
            Assert.Equal("220102********" + ValidId[14..], saved.IdNumberMasked);
            Assert.Equal("139****1234", saved.PhoneMasked);
            Assert.Equal(new DateOnly(2019, 12, 31), saved.PromisedDate);
            Assert.Equal(ValidId, _cipher.Unprotect(saved.IdNumberCipher));
            Assert.Equal("13904311234", _cipher.Unprotect(saved.PhoneCipher!));
            Assert.Equal(_cipher.BlindIndex(ValidId), saved.IdNumberIndex);
        }

        // What actually sits in the file: no column of the row holds the plain ID number or phone.
        var raw = await RawHouseholdColumnsAsync();
        Assert.NotEmpty(raw);
        Assert.All(raw, value => Assert.DoesNotContain(ValidId, value, StringComparison.Ordinal));
        Assert.All(raw, value => Assert.DoesNotContain(ValidId[..17], value, StringComparison.Ordinal));
        Assert.All(raw, value => Assert.DoesNotContain("13904311234", value, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RegisterAsync_StoresNoPhone_WhenPhoneLeftEmpty()
    {
        var caseId = await SeedCaseAsync("NG-2016-001", Nanguan);
        var register = await RegisterFor(Nanguan, Roles.CountyOperator);

        var result = await register.RegisterAsync(caseId, Input(ValidId, phone: "  "));

        Assert.True(result.Succeeded, result.ToString());
        await using var db = _database.CreateSystemContext();
        var saved = await db.OverdueHouseholds.SingleAsync();
        Assert.Null(saved.PhoneCipher);
        Assert.Null(saved.PhoneMasked);
    }

    public static TheoryData<string, string> InvalidIdNumbers => new()
    {
        // Check character wrong: the right one is computed, then replaced by a different one.
        { WrongCheck("22010219800101123"), "身份证号校验位不正确，请核对后重新填写。" },
        // 13th month: the birth-date part does not parse (check character computed, so only the date is wrong).
        { WithCheck("22010219801301123"), "身份证号中的出生日期（19801301）无效。" },
        // 17 characters.
        { ValidId[..17], "身份证号应为 18 位，前 17 位为数字，最后一位为数字或 X。" },
        // 19 characters.
        { ValidId + "1", "身份证号应为 18 位，前 17 位为数字，最后一位为数字或 X。" },
    };

    [Theory]
    [MemberData(nameof(InvalidIdNumbers))]
    public async Task RegisterAsync_ReturnsChineseErrorOnIdNumberAndSavesNothing_WhenIdNumberInvalid(string idNumber, string expected)
    {
        var caseId = await SeedCaseAsync("NG-2016-001", Nanguan);
        var register = await RegisterFor(Nanguan, Roles.CountyOperator);

        var result = await register.RegisterAsync(caseId, Input(idNumber));

        Assert.False(result.Succeeded);
        Assert.Equal(expected, result.ErrorFor(nameof(HouseholdInput.IdNumber)));
        Assert.Single(result.Errors);
        Assert.Equal(0, await CountHouseholdsAsync());
    }

    [Theory]
    [InlineData("1390431123")]
    [InlineData("12904311234")]
    [InlineData("0431-8888")]
    [InlineData("电话13904311234")]
    public async Task RegisterAsync_ReturnsChineseErrorOnPhoneAndSavesNothing_WhenPhoneInvalid(string phone)
    {
        var caseId = await SeedCaseAsync("NG-2016-001", Nanguan);
        var register = await RegisterFor(Nanguan, Roles.CountyOperator);

        var result = await register.RegisterAsync(caseId, Input(ValidId, phone: phone));

        Assert.False(result.Succeeded);
        Assert.Equal("联系电话格式不正确：应为 11 位手机号或带区号的固定电话。", result.ErrorFor(nameof(HouseholdInput.Phone)));
        Assert.Equal(0, await CountHouseholdsAsync());
    }

    [Fact]
    public async Task RegisterAsync_ReturnsChineseErrorOnHeadNameAndSavesNothing_WhenHeadNameBlank()
    {
        var caseId = await SeedCaseAsync("NG-2016-001", Nanguan);
        var register = await RegisterFor(Nanguan, Roles.CountyOperator);

        var result = await register.RegisterAsync(caseId, Input(ValidId, headName: "   "));

        Assert.False(result.Succeeded);
        Assert.Contains("户主姓名", result.ErrorFor(nameof(HouseholdInput.HeadName)));
        Assert.Equal(0, await CountHouseholdsAsync());
    }

    [Fact]
    public async Task RegisterAsync_RefusesNamingWhereWithMaskedNumber_WhenIdNumberAlreadyInSiblingCountyCase()
    {
        Assert.EndsWith("X", ValidIdEndingInX, StringComparison.Ordinal);
        var siblingCase = await SeedCaseAsync("KC-2016-009", Kuancheng, (ValidIdEndingInX, "王桂兰"));
        var ownCase = await SeedCaseAsync("NG-2016-001", Nanguan);
        var register = await RegisterFor(Nanguan, Roles.CountyOperator);

        // A lower-case x and surrounding spaces must not slip past the check: the same person is the same person.
        var result = await register.RegisterAsync(ownCase, Input($" {ValidIdEndingInX.ToLowerInvariant()} "));

        Assert.False(result.Succeeded);
        var message = result.ErrorFor(nameof(HouseholdInput.IdNumber));
        // Where the other record is (unit and project) is named; whose it is (the name) and the full number are not.
        Assert.StartsWith("身份证号 220102********" + ValidIdEndingInX[14..] + " 对应的人员已登记在长春市宽城区", message, StringComparison.Ordinal);
        Assert.Contains("KC-2016-009", message);
        Assert.DoesNotContain("王桂兰", message);
        Assert.DoesNotContain(ValidIdEndingInX, message, StringComparison.OrdinalIgnoreCase);
        await using var db = _database.CreateSystemContext();
        var households = await db.OverdueHouseholds.ToListAsync();
        Assert.Equal(siblingCase, Assert.Single(households).CaseId);
    }

    [Fact]
    public async Task RegisterAsync_Succeeds_WhenOnlyAnotherPersonIsInSiblingCountyCase()
    {
        await SeedCaseAsync("KC-2016-009", Kuancheng, (OtherValidId, "王桂兰"));
        var ownCase = await SeedCaseAsync("NG-2016-001", Nanguan);
        var register = await RegisterFor(Nanguan, Roles.CountyOperator);

        var result = await register.RegisterAsync(ownCase, Input(ValidId));

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(2, await CountHouseholdsAsync());
    }

    [Fact]
    public async Task RegisterAsync_ReturnsNotFoundAndSavesNothing_WhenCaseBelongsToAnotherCounty()
    {
        var siblingCase = await SeedCaseAsync("KC-2016-009", Kuancheng);
        var register = await RegisterFor(Nanguan, Roles.CountyOperator);

        var result = await register.RegisterAsync(siblingCase, Input(ValidId));

        Assert.False(result.Succeeded);
        Assert.Equal(HouseholdRegister.CaseNotFound, result.ErrorFor(string.Empty));
        Assert.Equal(0, await CountHouseholdsAsync());
    }

    [Fact]
    public async Task RegisterAsync_ReturnsNotFound_WhenCaseDoesNotExist()
    {
        await SeedCaseAsync("NG-2016-001", Nanguan);
        var register = await RegisterFor(Nanguan, Roles.CountyOperator);

        var result = await register.RegisterAsync(int.MaxValue, Input(ValidId));

        Assert.Equal(HouseholdRegister.CaseNotFound, result.ErrorFor(string.Empty));
        Assert.Equal(0, await CountHouseholdsAsync());
    }

    [Fact]
    public async Task RegisterAsync_Succeeds_WhenProvinceAdministratorRegistersOnCountyCase()
    {
        var caseId = await SeedCaseAsync("NG-2016-001", Nanguan);
        var register = await RegisterFor(Province, Roles.ProvinceAdministrator);

        var result = await register.RegisterAsync(caseId, Input(ValidId));

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(1, await CountHouseholdsAsync());
    }

    [Theory]
    [InlineData(Roles.ProvinceReviewer)]
    [InlineData(Roles.Supervisor)]
    public async Task RegisterAsync_ThrowsPermissionDenied_WhenUserLacksEdit(string role)
    {
        var caseId = await SeedCaseAsync("NG-2016-001", Nanguan);
        var register = await RegisterFor(Province, role);

        var denied = await Assert.ThrowsAsync<PermissionDeniedException>(() => register.RegisterAsync(caseId, Input(ValidId)));

        Assert.Equal(Permission.Edit, denied.Permission);
        Assert.Equal(0, await CountHouseholdsAsync());
    }

    private static string WithCheck(string first17) => first17 + IdCardNumber.ComputeCheckCharacter(first17);

    private static string WrongCheck(string first17)
    {
        var right = IdCardNumber.ComputeCheckCharacter(first17);
        return first17 + (right == '0' ? '1' : '0');
    }

    private static HouseholdInput Input(string idNumber, string? phone = null, string headName = "刘淑芬") => new()
    {
        HeadName = headName,
        IdNumber = idNumber,
        Phone = phone,
        PromisedDate = new DateTime(2019, 12, 31),
    };

    private async Task<HouseholdRegister> RegisterFor(string jurisdictionCode, string role)
    {
        var user = TestUser.At(await _database.JurisdictionAsync(jurisdictionCode), role);
        return new HouseholdRegister(_database.FactoryFor(user), new ProvincialHouseholdIndex(TimeProvider.System), _cipher, user);
    }

    private async Task<int> SeedCaseAsync(string projectCode, string jurisdictionCode, params (string Id, string Name)[] households)
    {
        var unit = await _database.JurisdictionAsync(jurisdictionCode);
        await using var db = _database.CreateSystemContext();
        var project = RenovationProject.Register(projectCode, unit.Id, new RenovationProject.Details(
            $"{unit.Name}{projectCode}棚改项目", 2016, 200, ResettlementMode.InKind, "张建国", new DateOnly(2016, 4, 1), new DateOnly(2018, 10, 31)));
        db.Projects.Add(project);
        var overdue = OverdueCase.Open(project, OverdueCategory.Started, new DateOnly(2020, 12, 31), "陈副区长");
        foreach (var (id, name) in households)
        {
            overdue.AddHousehold(name, IdCardNumber.Parse(id), null, new DateOnly(2019, 6, 30), _cipher);
        }

        db.OverdueCases.Add(overdue);
        await db.SaveChangesAsync();
        return overdue.Id;
    }

    private async Task<int> CountHouseholdsAsync()
    {
        await using var db = _database.CreateSystemContext();
        return await db.OverdueHouseholds.CountAsync();
    }

    /// <summary>Every column of every household row, as text, read with plain SQL (no EF conversions in between).</summary>
    private async Task<List<string>> RawHouseholdColumnsAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={_database.FilePath};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM \"OverdueHouseholds\"";
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                values.Add(reader.IsDBNull(i) ? string.Empty : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);
            }
        }

        return values;
    }
}

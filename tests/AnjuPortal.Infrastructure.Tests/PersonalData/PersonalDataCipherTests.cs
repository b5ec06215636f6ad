using System.Security.Cryptography;
using AnjuPortal.Domain.OverdueResettlement;
using AnjuPortal.Domain.PersonalData;
using AnjuPortal.Domain.Projects;
using AnjuPortal.Infrastructure.PersonalData;
using AnjuPortal.TestSupport;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Infrastructure.Tests.PersonalData;

public sealed class PersonalDataCipherTests
{
    private static readonly string IdNumber = TestIdNumbers.Make("220102", "19800101", 123);

    [Fact]
    public void Unprotect_ReturnsPlaintext_WhenGivenProtectedValue()
    {
        var cipher = TestCipher.Create();

        var protectedValue = cipher.Protect(IdNumber);

        Assert.NotEqual(IdNumber, protectedValue);
        Assert.DoesNotContain(IdNumber[6..14], protectedValue, StringComparison.Ordinal);
        Assert.Equal(IdNumber, cipher.Unprotect(protectedValue));
        Assert.Equal("13812345678", cipher.Unprotect(cipher.Protect("13812345678")));
    }

    [Fact]
    public void Unprotect_Throws_WhenKeysDiffer()
    {
        var protectedValue = TestCipher.Create().Protect(IdNumber);

        Assert.ThrowsAny<CryptographicException>(() => TestCipher.Create().Unprotect(protectedValue));
    }

    [Fact]
    public void BlindIndex_IsDeterministic_WhenSameNumberAndKey()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var one = TestCipher.Create(new EphemeralDataProtectionProvider(), key);
        var two = TestCipher.Create(new EphemeralDataProtectionProvider(), key);

        var index = one.BlindIndex(IdNumber);

        Assert.Equal(index, one.BlindIndex(IdNumber));
        Assert.Equal(index, two.BlindIndex(IdNumber));
        Assert.Equal(index, one.BlindIndex(" " + IdNumber.ToLowerInvariant() + " "));
        Assert.Equal(64, index.Length);
        Assert.DoesNotContain(IdNumber, index, StringComparison.Ordinal);
    }

    [Fact]
    public void BlindIndex_Differs_WhenNumberOrKeyDiffers()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var cipher = TestCipher.Create(new EphemeralDataProtectionProvider(), key);
        var other = TestIdNumbers.Make("220102", "19800101", 124);

        Assert.NotEqual(cipher.BlindIndex(IdNumber), cipher.BlindIndex(other));
        Assert.NotEqual(cipher.BlindIndex(IdNumber), TestCipher.Create().BlindIndex(IdNumber));
    }

    [Fact]
    public void BlindIndexKey_Throws_WhenShorterThan32Bytes()
        => Assert.Throws<InvalidOperationException>(() => new BlindIndexKey(new byte[31]));

    [Fact]
    public async Task StoredHousehold_HoldsCiphertextAndMaskedForms_WhenRawColumnsAreRead()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        var cipher = TestCipher.Create();
        var nanguan = await database.JurisdictionAsync("220102");
        await using (var db = database.CreateSystemContext())
        {
            var project = RenovationProject.Register("NG-0001", nanguan.Id,
                new RenovationProject.Details("南关项目", 2020, 100, ResettlementMode.InKind, "张三", new DateOnly(2020, 4, 1), new DateOnly(2021, 10, 1)));
            var overdue = OverdueCase.Open(project, OverdueCategory.Started, new DateOnly(2020, 12, 31), "李四");
            overdue.AddHousehold("王五", IdCardNumber.Parse(IdNumber), PhoneNumber.Parse("13812345678"), new DateOnly(2018, 6, 30), cipher);
            db.OverdueCases.Add(overdue);
            await db.SaveChangesAsync();
        }

        await using var raw = database.CreateSystemContext();
        var connection = raw.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM \"OverdueHouseholds\"";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var row = Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture));

        // No column holds the plain number or phone, nor their hidden middle digits.
        Assert.All(row.Values.OfType<string>(), value =>
        {
            Assert.DoesNotContain(IdNumber, value, StringComparison.Ordinal);
            Assert.DoesNotContain(IdNumber[6..14], value, StringComparison.Ordinal);
            Assert.DoesNotContain("13812345678", value, StringComparison.Ordinal);
        });
        Assert.Equal(IdNumber, cipher.Unprotect(row["IdNumberCipher"]!));
        Assert.Equal("13812345678", cipher.Unprotect(row["PhoneCipher"]!));
        Assert.Equal(cipher.BlindIndex(IdNumber), row["IdNumberIndex"]);
        Assert.Equal("220102********1234"[..6] + "********" + IdNumber[14..], row["IdNumberMasked"]);
        Assert.Equal("138****5678", row["PhoneMasked"]);
        Assert.False(await reader.ReadAsync());
    }
}

using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.PersonalData;

namespace AnjuPortal.Domain.Tests.PersonalData;

public sealed class IdCardNumberTests
{
    [Theory]
    [InlineData("22010219800101000")]
    [InlineData("22020219991231456")]
    [InlineData("22240320000229001")]
    [InlineData("22990119450815999")]
    public void ComputeCheckCharacter_MatchesIndependentReference_WhenGivenAnyFirst17(string first17)
        => Assert.Equal(TestIds.ReferenceCheck(first17), IdCardNumber.ComputeCheckCharacter(first17));

    [Fact]
    public void ComputeCheckCharacter_CoversEveryCheckCharacter_WhenSequencesVary()
    {
        var seen = Enumerable.Range(0, 1000).Select(s => TestIds.Make("220102", "19800101", s)[17]).ToHashSet();
        Assert.Equal("0123456789X".ToHashSet(), seen);
        Assert.All(Enumerable.Range(0, 1000), s =>
        {
            var first17 = $"22010219800101{s:000}";
            Assert.Equal(TestIds.ReferenceCheck(first17), IdCardNumber.ComputeCheckCharacter(first17));
        });
    }

    [Fact]
    public void Parse_ReturnsNumber_WhenChecksumAndDateAreValid()
    {
        var number = TestIds.Make("220102", "19800101", 123);

        var id = IdCardNumber.Parse(number);

        Assert.Equal(number, id.Value);
    }

    [Fact]
    public void Parse_AcceptsXCheckCharacter_WhenLowerCaseOrPadded()
    {
        var number = TestIds.WithCheck('X');

        Assert.Equal(number, IdCardNumber.Parse(number).Value);
        Assert.Equal(number, IdCardNumber.Parse("  " + number.ToLowerInvariant() + " ").Value);
    }

    [Fact]
    public void Parse_ThrowsChecksumMessage_WhenCheckCharacterIsWrong()
    {
        var number = TestIds.Make("220102", "19800101", 123);
        var wrong = number[..17] + (number[17] == '0' ? '1' : '0');

        var ex = Assert.Throws<DomainException>(() => IdCardNumber.Parse(wrong));

        Assert.Equal("身份证号校验位不正确，请核对后重新填写。", ex.Message);
        Assert.Equal("IdNumber", ex.Field);
    }

    [Fact]
    public void Parse_ThrowsChecksumMessage_WhenOneDigitIsMistyped()
    {
        var number = TestIds.Make("220102", "19800101", 123);
        var typo = number[..15] + (number[15] == '9' ? '8' : (char)(number[15] + 1)) + number[16..];

        Assert.Equal(DomainText.IdNumberChecksum, Assert.Throws<DomainException>(() => IdCardNumber.Parse(typo)).Message);
    }

    [Theory]
    [InlineData("19800230")]
    [InlineData("19801301")]
    [InlineData("18991231")]
    [InlineData("00000000")]
    public void Parse_ThrowsBirthDateMessage_WhenBirthDateIsImpossible(string birth)
    {
        var number = TestIds.Make("220102", birth, 123);

        var ex = Assert.Throws<DomainException>(() => IdCardNumber.Parse(number));

        Assert.Equal($"身份证号中的出生日期（{birth}）无效。", ex.Message);
    }

    [Fact]
    public void Parse_AcceptsLeapDay_WhenYearIsLeap()
        => Assert.Equal("20000229", IdCardNumber.Parse(TestIds.Make("220102", "20000229", 1)).Value[6..14]);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("22010219800101123")]
    [InlineData("2201021980010112345")]
    [InlineData("22010219800101123Y")]
    [InlineData("2201021980010112X4")]
    [InlineData("220102-9800101-1234")]
    [InlineData("２２０１０２１９８００１０１１２３４")]
    public void Parse_ThrowsFormatMessage_WhenLengthOrCharactersAreWrong(string? input)
    {
        var ex = Assert.Throws<DomainException>(() => IdCardNumber.Parse(input));

        Assert.Equal("身份证号应为 18 位，前 17 位为数字，最后一位为数字或 X。", ex.Message);
    }

    [Fact]
    public void TryParse_ReturnsFalseAndMessage_WhenInvalid()
    {
        Assert.False(IdCardNumber.TryParse("123", out var id, out var error));
        Assert.Equal(DomainText.IdNumberFormat, error);
        Assert.Equal(default, id);

        Assert.True(IdCardNumber.TryParse(TestIds.Make("220102", "19800101", 5), out _, out error));
        Assert.Null(error);
    }

    [Fact]
    public void Masked_KeepsRegionAndLastFour_WhenNumberIsValid()
    {
        // A made-up number whose last four characters are 1234: sequence 123 and a birth date giving check character 4.
        var number = Enumerable.Range(0, 366)
            .Select(d => new DateOnly(1980, 1, 1).AddDays(d).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture))
            .Select(birth => TestIds.Make("220102", birth, 123))
            .First(n => n.EndsWith("1234", StringComparison.Ordinal));

        var id = IdCardNumber.Parse(number);

        Assert.Equal("220102********1234", id.Masked);
        Assert.Equal("220102********1234", id.ToString());
        Assert.Equal("220102********1234", $"{id}");
    }

    [Fact]
    public void Mask_HidesEverything_WhenValueIsNotEighteenCharacters()
        => Assert.Equal("*****", IdCardNumber.Mask("12345"));
}

using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.PersonalData;

namespace AnjuPortal.Domain.Tests.PersonalData;

public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("13812345678", "13812345678")]
    [InlineData(" 138 1234 5678 ", "13812345678")]
    [InlineData("19912345678", "19912345678")]
    [InlineData("0431-88881234", "0431-88881234")]
    [InlineData("043388881234", "043388881234")]
    public void Parse_ReturnsNormalizedValue_WhenMobileOrLandline(string input, string expected)
        => Assert.Equal(expected, PhoneNumber.Parse(input).Value);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1381234567")]
    [InlineData("138123456789")]
    [InlineData("12812345678")]
    [InlineData("23812345678")]
    [InlineData("1381234567a")]
    [InlineData("0431-8888")]
    [InlineData("4318888123")]
    public void Parse_ThrowsChineseMessage_WhenFormatIsWrong(string? input)
    {
        var ex = Assert.Throws<DomainException>(() => PhoneNumber.Parse(input));

        Assert.Equal("联系电话格式不正确：应为 11 位手机号或带区号的固定电话。", ex.Message);
        Assert.Equal("Phone", ex.Field);
    }

    [Fact]
    public void Masked_KeepsFirstThreeAndLastFour_WhenMobile()
    {
        var phone = PhoneNumber.Parse("13812345678");

        Assert.Equal("138****5678", phone.Masked);
        Assert.Equal("138****5678", phone.ToString());
    }

    [Fact]
    public void Masked_HidesMiddleAndKeepsLastFour_WhenLandline()
    {
        var masked = PhoneNumber.Parse("0431-88881234").Masked;

        Assert.EndsWith("1234", masked, StringComparison.Ordinal);
        Assert.StartsWith("043", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("8888", masked, StringComparison.Ordinal);
        Assert.Equal("0431-88881234".Length, masked.Length);
    }

    [Fact]
    public void Mask_HidesEverything_WhenValueIsShort()
        => Assert.Equal("*******", PhoneNumber.Mask("1234567"));
}

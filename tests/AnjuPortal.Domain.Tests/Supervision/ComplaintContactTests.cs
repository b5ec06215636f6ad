using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Supervision.Complaints;

namespace AnjuPortal.Domain.Tests.Supervision;

public sealed class ComplaintContactTests
{
    [Theory]
    [InlineData("139 0431 1234", "13904311234", "139****1234", "1234")]
    [InlineData("0431-88881234", "0431-88881234", "043******1234", "1234")]
    [InlineData("zhang.san@example.com", "zhang.san@example.com", "z***@example.com", ".san")]
    public void Parse_AcceptsPhonesAndEmail_MasksThem(string input, string value, string masked, string lastFour)
    {
        var contact = ComplaintContact.Parse(input);

        Assert.Equal(value, contact.Value);
        Assert.Equal(masked, contact.Masked);
        Assert.Equal(lastFour, contact.LastFour);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("zhang@localhost")]
    [InlineData("a b@example.com")]
    [InlineData("<script>@x.cn")]
    public void Parse_RefusesWhatIsNeitherPhoneNorEmail(string input)
        => Assert.Equal(DomainText.ComplaintContactFormat, Assert.Throws<DomainException>(() => ComplaintContact.Parse(input)).Message);

    [Fact]
    public void Clean_RemovesControlAndInvisibleCharacters_KeepsLineBreaksAndHtml()
        => Assert.Equal("<b>甲</b> 乙\n丙", ComplaintText.Clean("\u0000<b>甲</b>\t乙\u200B\u202E\r\n丙\u001b"));
}

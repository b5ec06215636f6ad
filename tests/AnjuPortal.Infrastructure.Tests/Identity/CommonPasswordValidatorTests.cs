using AnjuPortal.Infrastructure.Identity;

namespace AnjuPortal.Infrastructure.Tests.Identity;

public sealed class CommonPasswordValidatorTests
{
    private static readonly AppUser User = new() { UserName = "nanguan.clerk" };

    [Theory]
    [InlineData("qwertyuiop12")]
    [InlineData("Password@1234")]
    [InlineData("woaini1314520")]
    [InlineData("123456789012")]
    [InlineData("aaaaaaaaaaaa")]
    [InlineData("abababababab")]
    [InlineData("987654321098")]
    [InlineData("my-nanguan.clerk-pw")]
    public async Task Validate_RefusesGuessablePassword(string password)
    {
        var result = await new CommonPasswordValidator().ValidateAsync(null!, User, password);

        Assert.False(result.Succeeded);
        Assert.All(result.Errors, e => Assert.Matches("[\u4e00-\u9fff]", e.Description));
    }

    [Theory]
    [InlineData("Anju-Demo-2026")]
    [InlineData("松原棚改-2020-冬季施工")]
    [InlineData("correct horse battery staple")]
    public async Task Validate_AcceptsUncommonPassword(string password)
        => Assert.True((await new CommonPasswordValidator().ValidateAsync(null!, User, password)).Succeeded);
}

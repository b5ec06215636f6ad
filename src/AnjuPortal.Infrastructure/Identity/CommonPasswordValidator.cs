using Microsoft.AspNetCore.Identity;

namespace AnjuPortal.Infrastructure.Identity;

/// <summary>
/// Refuses passwords found on the list of common passwords (embedded <c>common-passwords.txt</c>), passwords that
/// contain the user name, and passwords made of one repeated character or a plain run of digits or letters.
/// The length rule (12) is Identity's own option.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<AppUser>
{
    private static readonly Lazy<HashSet<string>> Common = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        var candidate = (password ?? string.Empty).Trim().ToLowerInvariant();
        var userName = user.UserName?.Trim().ToLowerInvariant();
        if (Common.Value.Contains(candidate))
        {
            return Fail("CommonPassword", "该密码过于常见，容易被猜中，请换一个。");
        }

        if (!string.IsNullOrEmpty(userName) && userName.Length >= 3 && candidate.Contains(userName, StringComparison.Ordinal))
        {
            return Fail("PasswordContainsUserName", "密码不能包含用户名。");
        }

        if (candidate.Length > 0 && (candidate.Distinct().Count() <= 2 || IsRun(candidate)))
        {
            return Fail("PasswordTooSimple", "密码过于简单（重复字符或连续字符），请换一个。");
        }

        return Task.FromResult(IdentityResult.Success);
    }

    /// <summary>True for a run such as 123456789012 or abcdefghijkl (each character one more, or one less, than the previous).</summary>
    private static bool IsRun(string text)
    {
        var ascending = true;
        var descending = true;
        for (var i = 1; i < text.Length; i++)
        {
            var step = text[i] - text[i - 1];
            ascending &= step == 1 || (text[i - 1] == '9' && text[i] == '0');
            descending &= step == -1 || (text[i - 1] == '0' && text[i] == '9');
        }

        return ascending || descending;
    }

    private static Task<IdentityResult> Fail(string code, string description)
        => Task.FromResult(IdentityResult.Failed(new IdentityError { Code = code, Description = description }));

    private static HashSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("AnjuPortal.Infrastructure.Identity.common-passwords.txt")
            ?? throw new InvalidOperationException("Embedded common-passwords.txt is missing.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                set.Add(line.Trim().ToLowerInvariant());
            }
        }

        return set;
    }
}

using System.ComponentModel.DataAnnotations;
using AnjuPortal.Domain.Jurisdictions;

namespace AnjuPortal.Web.Features.Users;

/// <summary>What the user list is narrowed to: text in the user name or the person's name, and a unit with its subtree.</summary>
public sealed record UserFilter(string? Search = null, int? JurisdictionId = null);

/// <summary>One account as the administration list shows it. <paramref name="LastSignIn"/> comes from the audit trail.</summary>
public sealed record UserRow(
    string Id,
    string UserName,
    string DisplayName,
    int JurisdictionId,
    string JurisdictionName,
    JurisdictionLevel JurisdictionLevel,
    string? Role,
    bool IsLockedOut,
    DateTimeOffset? LockedUntil,
    bool TwoFactorEnabled,
    DateTimeOffset? LastSignIn,
    bool IsDemoAccount,
    bool IsSelf);

/// <summary>
/// What the "新建用户" form binds to. The attributes give immediate feedback; the use case checks again, and the
/// password goes through Identity's validators (length, common passwords, the user name). Holds a password: never log it.
/// </summary>
public sealed class NewUserInput
{
    [Required(ErrorMessage = "请填写用户名。")]
    [StringLength(UserAdministration.UserNameMaxLength, ErrorMessage = "用户名不能超过 64 个字符。")]
    [RegularExpression(@"^\S+$", ErrorMessage = "用户名不能包含空格。")]
    public string UserName { get; set; } = string.Empty;

    [Required(ErrorMessage = "请填写姓名。")]
    [StringLength(UserAdministration.DisplayNameMaxLength, ErrorMessage = "姓名不能超过 50 个字。")]
    public string DisplayName { get; set; } = string.Empty;

    [Required(ErrorMessage = "请选择所属单位。")]
    public int? JurisdictionId { get; set; }

    [Required(ErrorMessage = "请选择角色。")]
    public string? Role { get; set; }

    [Required(ErrorMessage = "请填写初始密码。")]
    public string Password { get; set; } = string.Empty;

    public override string ToString() => nameof(NewUserInput);
}

/// <summary>What the "编辑用户" form binds to: the person's name, the unit and the one role.</summary>
public sealed class UserAssignmentInput
{
    [Required(ErrorMessage = "请填写姓名。")]
    [StringLength(UserAdministration.DisplayNameMaxLength, ErrorMessage = "姓名不能超过 50 个字。")]
    public string DisplayName { get; set; } = string.Empty;

    [Required(ErrorMessage = "请选择所属单位。")]
    public int? JurisdictionId { get; set; }

    [Required(ErrorMessage = "请选择角色。")]
    public string? Role { get; set; }
}

/// <summary>What the "重置密码" form binds to: the new temporary password, typed twice. Never log it.</summary>
public sealed class PasswordResetInput
{
    [Required(ErrorMessage = "请填写新密码。")]
    public string Password { get; set; } = string.Empty;

    [Required(ErrorMessage = "请再次填写新密码。")]
    [Compare(nameof(Password), ErrorMessage = "两次填写的密码不一致。")]
    public string Confirm { get; set; } = string.Empty;

    public override string ToString() => nameof(PasswordResetInput);
}

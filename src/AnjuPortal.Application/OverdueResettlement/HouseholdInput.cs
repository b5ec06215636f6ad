using System.ComponentModel.DataAnnotations;
using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.PersonalData;

namespace AnjuPortal.Application.OverdueResettlement;

/// <summary>
/// What the "登记逾期户" form binds to. The attributes give immediate feedback in the form; the use case checks the
/// same rules again through the domain types, so a caller that skips the form gets the same answers. The ID
/// number and phone are held here only until they are encrypted: never log this object.
/// </summary>
public sealed class HouseholdInput
{
    [Required(ErrorMessage = "请填写户主姓名。")]
    [StringLength(30, ErrorMessage = "户主姓名不能超过 30 个字。")]
    public string HeadName { get; set; } = string.Empty;

    [Required(ErrorMessage = "请填写身份证号。")]
    [ResidentIdNumber]
    public string IdNumber { get; set; } = string.Empty;

    /// <summary>Optional: a mobile number or a landline with area code.</summary>
    [ContactPhone]
    public string? Phone { get; set; }

    [Required(ErrorMessage = "请填写承诺安置日期。")]
    public DateTime? PromisedDate { get; set; }

    /// <summary>
    /// The user confirms that the same person is knowingly registered elsewhere in the province (确认为已知重复); without
    /// it, an ID number already in the provincial ledger is refused.
    /// </summary>
    public bool ConfirmDuplicate { get; set; }

    /// <summary>Why the duplicate is known and right (required with <see cref="ConfirmDuplicate"/>).</summary>
    [StringLength(200, ErrorMessage = "重复登记说明不能超过 200 个字。")]
    public string? DuplicateReason { get; set; }

    /// <summary>Personal data: never part of a string that could end up in a log.</summary>
    public override string ToString() => nameof(HouseholdInput);
}

/// <summary>A GB 11643 ID number; the message is the domain's (wrong length, bad birth date, wrong check character).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ResidentIdNumberAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        if (value is not string text || string.IsNullOrWhiteSpace(text))
        {
            return ValidationResult.Success;
        }

        return IdCardNumber.TryParse(text, out _, out var error)
            ? ValidationResult.Success
            : new ValidationResult(error, MemberOf(validationContext));
    }

    internal static string[] MemberOf(ValidationContext context) => context.MemberName is { } member ? [member] : [];
}

/// <summary>An optional contact phone; empty is fine, anything else must be a phone number the domain accepts.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ContactPhoneAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        if (value is not string text || string.IsNullOrWhiteSpace(text))
        {
            return ValidationResult.Success;
        }

        try
        {
            PhoneNumber.Parse(text);
            return ValidationResult.Success;
        }
        catch (DomainException ex)
        {
            return new ValidationResult(ex.Message, ResidentIdNumberAttribute.MemberOf(validationContext));
        }
    }
}

using AnjuPortal.Application.Common;
using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Jurisdictions;
using AnjuPortal.Domain.PersonalData;
using AnjuPortal.Domain.Supervision.Complaints;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AnjuPortal.Application.Supervision.Complaints;

/// <summary>What the public form sends. Everything is untrusted: lengths, characters and the unit are checked here.</summary>
public sealed record ComplaintSubmission(int? JurisdictionId, ComplaintCategory? Category, string? Text, string? Name, string? Contact, bool Anonymous);

/// <summary>What the receipt lookup shows: status and, once answered, the reply. Nothing about the complainant.</summary>
public sealed record ComplaintReceiptStatus(string ReceiptNumber, string UnitName, ComplaintCategory Category, DateTimeOffset ReceivedAt, ComplaintStatus Status, string? Answer, DateTimeOffset? AnsweredAt);

/// <summary>
/// 举报投诉 taken on the public page from someone who is not signed in. There is no user, so it writes through
/// <see cref="ISystemDbContextFactory"/> — only this: a new complaint filed under the chosen city or county (which must
/// be a city or county of the province), text cleaned and limited, the contact (and name) encrypted. The receipt number
/// is derived from the id. Rate limiting per address and antiforgery are the web layer's (PublicComplaintRateLimiting).
/// Nothing typed by the complainant is logged.
/// </summary>
public sealed class ComplaintIntake(ISystemDbContextFactory contexts, IPersonalDataCipher cipher, TimeProvider clock, ILogger<ComplaintIntake> logger)
{
    public const string UnitRequired = "请选择举报投诉涉及的市（州）或县（市、区）。";
    public const string CategoryRequired = "请选择举报投诉类别。";
    public const string NotFound = "未查到该受理编号，或联系方式后四位不符。";
    public const string LookupInput = "请填写受理编号和联系方式的后四位。";

    /// <summary>Stores the complaint; returns its receipt number (TS-2026-000123).</summary>
    public async Task<CommandResult<string>> SubmitAsync(ComplaintSubmission input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string>();
        if (input.JurisdictionId is null)
        {
            errors["Unit"] = UnitRequired;
        }

        if (input.Category is null || !Enum.IsDefined(input.Category.Value))
        {
            errors[nameof(Complaint.Category)] = CategoryRequired;
        }

        var text = ComplaintText.Clean(input.Text);
        if (text.Length == 0)
        {
            errors[nameof(Complaint.Text)] = DomainText.Format(DomainText.Required, "举报投诉内容");
        }
        else if (text.Length > Complaint.TextMaxLength)
        {
            errors[nameof(Complaint.Text)] = DomainText.Format(DomainText.TooLong, "举报投诉内容", Complaint.TextMaxLength).TrimEnd('。') + $"（现为 {text.Length} 个字），请删减后再提交。";
        }

        if (ComplaintText.Clean(input.Name).Length > Complaint.NameMaxLength)
        {
            errors["Name"] = DomainText.Format(DomainText.TooLong, "姓名", Complaint.NameMaxLength);
        }

        ComplaintContact contact = default;
        try
        {
            contact = ComplaintContact.Parse(input.Contact);
        }
        catch (DomainException ex)
        {
            errors["Contact"] = ex.Message;
        }

        if (errors.Count > 0)
        {
            return CommandResult<string>.Failure(errors);
        }

        await using var db = await contexts.CreateAsync(ct);
        var unit = await db.Jurisdictions.AsNoTracking()
            .Where(j => j.Id == input.JurisdictionId && (j.Level == JurisdictionLevel.Prefecture || j.Level == JurisdictionLevel.County))
            .Select(j => new { j.Id }).FirstOrDefaultAsync(ct);
        if (unit is null)
        {
            return CommandResult<string>.Failure("Unit", UnitRequired);
        }

        Complaint complaint;
        try
        {
            complaint = Complaint.Receive(unit.Id, input.Category!.Value, text, input.Name, contact, input.Anonymous, clock.GetUtcNow(), cipher);
        }
        catch (DomainException ex)
        {
            return CommandResult<string>.Failure(ex.Field ?? string.Empty, ex.Message);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Complaints.Add(complaint);
        await db.SaveChangesAsync(ct);
        complaint.AssignReceiptNumber();
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("Complaint {ReceiptNumber} received for jurisdiction {JurisdictionId}", complaint.ReceiptNumber, unit.Id);
        return CommandResult<string>.Success(complaint.ReceiptNumber!);
    }

    /// <summary>
    /// 查询办理结果: by receipt number and the last four characters of the contact given (phone digits, or the e-mail's
    /// name part). The same answer for "no such number" and "wrong digits", so the lookup reveals nothing.
    /// </summary>
    public async Task<CommandResult<ComplaintReceiptStatus>> LookupAsync(string? receiptNumber, string? contactLastFour, CancellationToken ct = default)
    {
        var number = ComplaintText.Clean(receiptNumber).ToUpperInvariant();
        var lastFour = ComplaintText.Clean(contactLastFour);
        if (number.Length is 0 or > Complaint.ReceiptMaxLength || lastFour.Length is 0 or > 4)
        {
            return CommandResult<ComplaintReceiptStatus>.Failure(string.Empty, LookupInput);
        }

        await using var db = await contexts.CreateAsync(ct);
        var row = await db.Complaints.AsNoTracking().Where(c => c.ReceiptNumber == number)
            .Select(c => new { c.ReceiptNumber, UnitName = c.Jurisdiction!.Name, c.Category, c.ReceivedAt, c.Status, c.Answer, c.AnsweredAt, c.ContactCipher })
            .FirstOrDefaultAsync(ct);
        if (row is null || !LastFourMatches(cipher.Unprotect(row.ContactCipher), lastFour))
        {
            return CommandResult<ComplaintReceiptStatus>.Failure(string.Empty, NotFound);
        }

        return CommandResult<ComplaintReceiptStatus>.Success(new ComplaintReceiptStatus(
            row.ReceiptNumber!, row.UnitName, row.Category, row.ReceivedAt, row.Status,
            row.Status == Domain.Supervision.Complaints.ComplaintStatus.Answered ? row.Answer : null, row.AnsweredAt));
    }

    private static bool LastFourMatches(string contact, string lastFour)
    {
        var expected = ComplaintContact.Parse(contact).LastFour;
        return System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(expected.ToUpperInvariant()), System.Text.Encoding.UTF8.GetBytes(lastFour.ToUpperInvariant()));
    }
}

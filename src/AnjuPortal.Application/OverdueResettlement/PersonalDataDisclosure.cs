using AnjuPortal.Application.Auditing;
using AnjuPortal.Application.Common;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Auditing;
using AnjuPortal.Domain.PersonalData;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Application.OverdueResettlement;

/// <summary>A household's full ID and phone numbers, as shown once to a user allowed to see them.</summary>
public sealed record DisclosedPersonalData(string HeadName, string IdNumber, string? Phone);

/// <summary>
/// Shows a household's full ID and phone numbers to a user holding <see cref="Permission.Unmask"/>, within the
/// user's own subtree, for a stated reason. Each disclosure is written to the audit trail before the numbers are
/// returned: if the record cannot be written, nothing is disclosed. The numbers are never logged or kept.
/// </summary>
public sealed class PersonalDataDisclosure(IAppDbContextFactory contexts, IPersonalDataCipher cipher, IAuditLog audit, ICurrentUser user)
{
    public const string HouseholdNotFound = "该户不存在，或不在您的管辖范围内。";

    public const string ReasonRequired = "请填写查看完整证件号的事由（至少 4 个字），事由将记入审计日志。";

    public const int ReasonMaxLength = 200;

    public async Task<CommandResult<DisclosedPersonalData>> RevealHouseholdAsync(int householdId, string? reason, CancellationToken ct = default)
    {
        user.Demand(Permission.Unmask);
        var stated = reason?.Trim() ?? string.Empty;
        if (stated.Length < 4)
        {
            return CommandResult<DisclosedPersonalData>.Failure("Reason", ReasonRequired);
        }

        if (stated.Length > ReasonMaxLength)
        {
            stated = stated[..ReasonMaxLength];
        }

        await using var db = await contexts.CreateAsync(ct);

        // Tenancy filters the set: a household of a sibling jurisdiction is simply not found.
        var household = await db.OverdueHouseholds.AsNoTracking()
            .Where(h => h.Id == householdId)
            .Select(h => new { h.Id, h.JurisdictionId, h.HeadName, h.IdNumberCipher, h.PhoneCipher })
            .FirstOrDefaultAsync(ct);
        if (household is null)
        {
            return CommandResult<DisclosedPersonalData>.Failure(string.Empty, HouseholdNotFound);
        }

        var fields = household.PhoneCipher is null ? "身份证号" : "身份证号、联系电话";
        await audit.RecordAsync(AuditAction.Unmask, "OverdueHousehold", household.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            household.JurisdictionId, $"查看完整{fields}；事由：{PersonalDataMask.MaskFreeText(stated)}", ct);

        return CommandResult<DisclosedPersonalData>.Success(new DisclosedPersonalData(
            household.HeadName,
            cipher.Unprotect(household.IdNumberCipher),
            household.PhoneCipher is null ? null : cipher.Unprotect(household.PhoneCipher)));
    }
}

using System.Globalization;
using AnjuPortal.Application.Common;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.PersonalData;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Application.OverdueResettlement;

/// <summary>
/// Registers overdue households 逾期未安置户 on ledger cases. A person may appear once in the whole provincial
/// ledger: the check runs on the blind index across all jurisdictions (<see cref="IProvincialHouseholdIndex"/>). A
/// registration of a person already registered is refused with where the other record is (unit and project, which
/// is no personal data beyond what the user typed), unless the user confirms a known duplicate with a reason: then
/// both records carry the duplicate flag. The ID number and phone are encrypted by the domain before anything is
/// saved; they are never logged, and messages show the number masked.
/// </summary>
public sealed class HouseholdRegister(IAppDbContextFactory contexts, IProvincialHouseholdIndex province, IPersonalDataCipher cipher, ICurrentUser user)
{
    public const string CaseNotFound = "台账项目不存在，或不在您的管辖范围内。";

    /// <summary>{0}: the masked ID number; {1}: where the other record(s) are.</summary>
    public const string AlreadyInLedger = "身份证号 {0} 对应的人员已登记在{1}，不能重复登记。如核实确属同一人需分别登记，请勾选“确认为已知重复”并填写说明；如有疑问，请联系省安居办。";

    public const string DuplicateReasonRequired = "确认为已知重复时，请填写重复登记说明。";

    public async Task<CommandResult<int>> RegisterAsync(int caseId, HouseholdInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        user.Demand(Permission.Edit);
        await using var db = await contexts.CreateAsync(ct);

        // Tenancy filters the set: a case of a sibling jurisdiction is simply not found.
        var overdueCase = await db.OverdueCases.FirstOrDefaultAsync(c => c.Id == caseId, ct);
        if (overdueCase is null)
        {
            return CommandResult<int>.Failure(string.Empty, CaseNotFound);
        }

        if (!IdCardNumber.TryParse(input.IdNumber, out var idNumber, out var idError))
        {
            return CommandResult<int>.Failure(nameof(HouseholdInput.IdNumber), idError!);
        }

        if (input.PromisedDate is not { } promised)
        {
            return CommandResult<int>.Failure(nameof(HouseholdInput.PromisedDate), "请填写承诺安置日期。");
        }

        try
        {
            var phone = string.IsNullOrWhiteSpace(input.Phone) ? (PhoneNumber?)null : PhoneNumber.Parse(input.Phone);
            var index = cipher.BlindIndex(idNumber.Value);

            // Check and insert in one transaction holding the lock on this blind index: a second registration of the
            // same person, on this server or another, waits here and then sees the first one.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await province.LockAsync(db, [index], ct);
            var matches = await province.FindAsync(db, [index], ct);
            if (matches.Count > 0 && !input.ConfirmDuplicate)
            {
                return CommandResult<int>.Failure(nameof(HouseholdInput.IdNumber), AlreadyRegistered(idNumber, matches));
            }

            if (matches.Count > 0 && string.IsNullOrWhiteSpace(input.DuplicateReason))
            {
                return CommandResult<int>.Failure(nameof(HouseholdInput.DuplicateReason), DuplicateReasonRequired);
            }

            var household = overdueCase.AddHousehold(input.HeadName, idNumber, phone, DateOnly.FromDateTime(promised), cipher);
            if (matches.Count > 0)
            {
                household.ConfirmDuplicateOf(matches[0].HouseholdId, input.DuplicateReason!);
                await province.FlagAsync(db, matches.Select(m => m.HouseholdId).ToList(), ct);
            }

            db.OverdueHouseholds.Add(household);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return CommandResult<int>.Success(household.Id);
        }
        catch (DomainException ex)
        {
            // The domain names its fields as the input does (HeadName, IdNumber, Phone); a closed case has no field.
            return CommandResult<int>.Failure(ex.Field ?? string.Empty, ex.Message);
        }
    }

    /// <summary>The refusal: the number masked, and each place the person is registered (at most three named).</summary>
    public static string AlreadyRegistered(IdCardNumber idNumber, IReadOnlyList<ProvincialMatch> matches)
    {
        var places = string.Join("、", matches.Take(3).Select(m => m.Where));
        if (matches.Count > 3)
        {
            places += string.Format(CultureInfo.CurrentCulture, "等 {0} 处", matches.Count);
        }

        return string.Format(CultureInfo.CurrentCulture, AlreadyInLedger, idNumber.Masked, places);
    }
}

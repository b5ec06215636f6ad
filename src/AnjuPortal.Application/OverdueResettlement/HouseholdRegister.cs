using AnjuPortal.Application.Common;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.PersonalData;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Application.OverdueResettlement;

/// <summary>
/// Registers overdue households 逾期未安置户 on ledger cases. A person may appear once in the whole provincial
/// ledger: the check runs on the blind index across all jurisdictions and answers only yes or no, so the user
/// learns that the person is already registered, never where. The ID number and phone are encrypted by the
/// domain before anything is saved; they are never logged.
/// </summary>
public sealed class HouseholdRegister(IAppDbContextFactory contexts, ICrossTenantChecks crossTenant, IPersonalDataCipher cipher, ICurrentUser user)
{
    public const string CaseNotFound = "台账项目不存在，或不在您的管辖范围内。";

    public const string AlreadyInLedger = "该身份证号对应的人员已登记在全省逾期未安置台账中，不能重复登记。如需核实，请联系省安居办。";

    /// <summary>
    /// Check and save happen under one lock, so two registrations of the same person on this node cannot both pass
    /// the check. The blind-index column has no unique constraint (see the household configuration), so this is the
    /// only guard against the race; across several nodes it needs a unique index.
    /// </summary>
    private static readonly SemaphoreSlim RegistrationLock = new(1, 1);

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

        await RegistrationLock.WaitAsync(ct);
        try
        {
            var phone = string.IsNullOrWhiteSpace(input.Phone) ? (PhoneNumber?)null : PhoneNumber.Parse(input.Phone);
            if (await crossTenant.HouseholdIdNumberExistsAsync(cipher.BlindIndex(idNumber.Value), ct))
            {
                return CommandResult<int>.Failure(nameof(HouseholdInput.IdNumber), AlreadyInLedger);
            }

            var household = overdueCase.AddHousehold(input.HeadName, idNumber, phone, DateOnly.FromDateTime(promised), cipher);
            db.OverdueHouseholds.Add(household);
            await db.SaveChangesAsync(ct);
            return CommandResult<int>.Success(household.Id);
        }
        catch (DomainException ex)
        {
            // The domain names its fields as the input does (HeadName, IdNumber, Phone); a closed case has no field.
            return CommandResult<int>.Failure(ex.Field ?? string.Empty, ex.Message);
        }
        finally
        {
            RegistrationLock.Release();
        }
    }
}

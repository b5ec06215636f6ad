using AnjuPortal.Domain.PersonalData;

namespace AnjuPortal.Domain.OverdueResettlement;

/// <summary>Households created in bulk (the Excel import): tied to their case by id, not held in its collection.</summary>
public sealed partial class OverdueHousehold
{
    internal static OverdueHousehold CreateForSavedCase(OverdueCase overdueCase, string headName, IdCardNumber idNumber, PhoneNumber? phone, DateOnly promisedDate, IPersonalDataCipher protector)
    {
        var household = new OverdueHousehold
        {
            CaseId = overdueCase.Id,
            JurisdictionId = overdueCase.JurisdictionId,
            HeadName = Common.Guard.Required(headName, nameof(HeadName), "户主姓名", 30),
            PromisedDate = promisedDate,
        };
        household.SetIdNumber(idNumber, protector);
        household.SetPhone(phone, protector);
        return household;
    }
}

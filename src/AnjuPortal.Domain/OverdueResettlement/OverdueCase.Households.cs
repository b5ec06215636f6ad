using AnjuPortal.Domain.PersonalData;

namespace AnjuPortal.Domain.OverdueResettlement;

/// <summary>Resolving a household with its agreement and transition fees.</summary>
public sealed partial class OverdueCase
{
    /// <summary>
    /// Resolves <paramref name="household"/> of this open case with its details (see
    /// <see cref="OverdueHousehold"/>'s rules); <paramref name="today"/> is the day in China, so a date after it is refused.
    /// </summary>
    public void ResolveHousehold(OverdueHousehold household, HouseholdResolution resolution, DateOnly today)
    {
        EnsureOpen();
        ArgumentNullException.ThrowIfNull(household);
        if (household.CaseId != Id || (Id == 0 && !_households.Contains(household)))
        {
            throw new ArgumentException("The household belongs to another case.", nameof(household));
        }

        household.Resolve(resolution, today);
    }

    /// <summary>
    /// A household of this saved, open case for a bulk import: tied to the case by its id and NOT kept in
    /// <see cref="Households"/>, so that 100,000 imported rows can be saved in chunks without the case (and every row
    /// already saved) staying in memory. Add it to the context yourself.
    /// </summary>
    public OverdueHousehold NewHouseholdForImport(string headName, IdCardNumber idNumber, PhoneNumber? phone, DateOnly promisedDate, IPersonalDataCipher protector)
    {
        EnsureOpen();
        if (Id == 0)
        {
            throw new InvalidOperationException("Import adds households to saved cases only.");
        }

        return OverdueHousehold.CreateForSavedCase(this, headName, idNumber, phone, promisedDate, protector);
    }
}

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
}

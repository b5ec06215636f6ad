using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Jurisdictions;
using AnjuPortal.Domain.PersonalData;

namespace AnjuPortal.Domain.OverdueResettlement;

/// <summary>
/// An overdue household 逾期未安置户 of a ledger case. The ID number and phone are stored only encrypted, with
/// an exact-match blind index for the ID number and masked forms for display; the plain values never sit on
/// the entity.
/// </summary>
public sealed partial class OverdueHousehold : Entity, ITenantOwned
{
    private OverdueHousehold()
    {
        HeadName = string.Empty;
        IdNumberCipher = string.Empty;
        IdNumberIndex = string.Empty;
        IdNumberMasked = string.Empty;
    }

    public int CaseId { get; private set; }
    public OverdueCase? Case { get; private set; }

    /// <summary>Stamped from the case, so the household is filtered by tenancy on its own.</summary>
    public int JurisdictionId { get; private set; }
    public Jurisdiction? Jurisdiction { get; private set; }

    /// <summary>户主姓名</summary>
    public string HeadName { get; private set; }
    public string IdNumberCipher { get; private set; }

    /// <summary>Keyed hash of the ID number: finds the same person across ledgers without decrypting.</summary>
    public string IdNumberIndex { get; private set; }
    public string IdNumberMasked { get; private set; }
    public string? PhoneCipher { get; private set; }
    public string? PhoneMasked { get; private set; }

    /// <summary>承诺安置日期: the date the household was promised its home.</summary>
    public DateOnly PromisedDate { get; private set; }
    public ResolutionMethod? ResolutionMethod { get; private set; }
    public DateOnly? ResolvedOn { get; private set; }
    public bool IsResolved => ResolvedOn is not null;

    internal static OverdueHousehold Create(OverdueCase overdueCase, string headName, IdCardNumber idNumber, PhoneNumber? phone, DateOnly promisedDate, IPersonalDataCipher protector)
    {
        var household = new OverdueHousehold
        {
            Case = overdueCase,
            JurisdictionId = overdueCase.JurisdictionId,
            HeadName = Guard.Required(headName, nameof(HeadName), "户主姓名", 30),
            PromisedDate = promisedDate,
        };
        household.SetIdNumber(idNumber, protector);
        household.SetPhone(phone, protector);
        return household;
    }

    public void SetIdNumber(IdCardNumber idNumber, IPersonalDataCipher protector)
    {
        ArgumentNullException.ThrowIfNull(protector);
        IdNumberCipher = protector.Protect(idNumber.Value);
        IdNumberIndex = protector.BlindIndex(idNumber.Value);
        IdNumberMasked = idNumber.Masked;
    }

    public void SetPhone(PhoneNumber? phone, IPersonalDataCipher protector)
    {
        ArgumentNullException.ThrowIfNull(protector);
        PhoneCipher = phone is { } p ? protector.Protect(p.Value) : null;
        PhoneMasked = phone?.Masked;
    }

    internal void Resolve(ResolutionMethod method, DateOnly on)
    {
        if (ResolvedOn is { } resolvedOn)
        {
            throw new DomainException(DomainText.Format(DomainText.HouseholdAlreadyResolved, resolvedOn.ToDateTime(TimeOnly.MinValue), DomainText.Of(ResolutionMethod!.Value)));
        }

        ResolutionMethod = method;
        ResolvedOn = on;
    }
}

using AnjuPortal.Domain.Common;

namespace AnjuPortal.Domain.OverdueResettlement;

/// <summary>The resolution details of a household: the agreement it rests on and the transition fees 过渡费.</summary>
public sealed partial class OverdueHousehold
{
    public AgreementKind? AgreementKind { get; private set; }

    /// <summary>协议编号</summary>
    public string? AgreementNumber { get; private set; }

    /// <summary>协议签订日期</summary>
    public DateOnly? AgreementSignedOn { get; private set; }

    /// <summary>过渡期限 (months), for a supplementary agreement.</summary>
    public int? TransitionMonths { get; private set; }

    /// <summary>约定回迁日期, for a supplementary agreement.</summary>
    public DateOnly? AgreedReturnDate { get; private set; }

    /// <summary>应付过渡费 (元)</summary>
    public decimal TransitionFeesOwed { get; private set; }

    /// <summary>已付过渡费 (元). Paying more than owed is allowed (an advance); paying less is arrears.</summary>
    public decimal TransitionFeesPaid { get; private set; }

    /// <summary>欠付过渡费 (元): what is owed and not yet paid, never negative.</summary>
    public decimal TransitionFeeArrears => Math.Max(0m, TransitionFeesOwed - TransitionFeesPaid);

    /// <summary>
    /// Resolves the household with its details. Rules: not resolved yet; the date is not after <paramref name="today"/>
    /// (China time); a return 回迁 rests on a return agreement, a transitional resettlement on a supplementary agreement
    /// with its waiting terms; an agreement has a number and a signing date not in the future; fees are not negative.
    /// </summary>
    internal void Resolve(HouseholdResolution resolution, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(resolution);
        if (ResolvedOn is { } resolvedOn)
        {
            throw new DomainException(DomainText.Format(DomainText.HouseholdAlreadyResolved, resolvedOn.ToDateTime(TimeOnly.MinValue), DomainText.Of(ResolutionMethod!.Value)));
        }

        var (number, owed, paid) = CheckResolution(resolution, today);
        var agreement = resolution.Agreement;
        ResolutionMethod = resolution.Method;
        ResolvedOn = resolution.ResolvedOn;
        AgreementKind = agreement?.Kind;
        AgreementNumber = number;
        AgreementSignedOn = agreement?.SignedOn;
        TransitionMonths = agreement?.Kind == OverdueResettlement.AgreementKind.SupplementaryAgreement ? agreement.TransitionMonths : null;
        AgreedReturnDate = agreement?.Kind == OverdueResettlement.AgreementKind.SupplementaryAgreement ? agreement.AgreedReturnDate : null;
        TransitionFeesOwed = owed;
        TransitionFeesPaid = paid;
    }

    /// <summary>
    /// The resolution rules without a household (an import's dry run checks every row with them before anything is
    /// created): throws <see cref="DomainException"/> with the Chinese reason; returns the trimmed agreement number and fees.
    /// </summary>
    public static (string? AgreementNumber, decimal Owed, decimal Paid) CheckResolution(HouseholdResolution resolution, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(resolution);
        if (!Enum.IsDefined(resolution.Method))
        {
            throw new DomainException(DomainText.Named("HouseholdResolutionMethodRequired"), nameof(ResolutionMethod));
        }

        if (resolution.ResolvedOn > today)
        {
            throw new DomainException(DomainText.Format(DomainText.Named("HouseholdResolvedInFuture"), resolution.ResolvedOn.ToDateTime(TimeOnly.MinValue)), nameof(ResolvedOn));
        }

        var agreement = resolution.Agreement;
        switch (resolution.Method)
        {
            case OverdueResettlement.ResolutionMethod.ReturnResettlement when agreement?.Kind != OverdueResettlement.AgreementKind.ReturnAgreement:
                throw new DomainException(DomainText.Named("HouseholdReturnNeedsAgreement"), nameof(AgreementKind));
            case OverdueResettlement.ResolutionMethod.Transitional when agreement?.Kind != OverdueResettlement.AgreementKind.SupplementaryAgreement:
                throw new DomainException(DomainText.Named("HouseholdTransitionalNeedsAgreement"), nameof(AgreementKind));
            case OverdueResettlement.ResolutionMethod.Transitional when agreement.TransitionMonths is not > 0 || agreement.AgreedReturnDate is null:
                throw new DomainException(DomainText.Named("HouseholdTransitionalNeedsTerms"), nameof(TransitionMonths));
        }

        string? number = null;
        if (agreement is not null)
        {
            number = Guard.Required(agreement.Number, nameof(AgreementNumber), DomainText.Named("Label_AgreementNumber"), 50);
            if (agreement.SignedOn > today)
            {
                throw new DomainException(DomainText.Format(DomainText.Named("HouseholdAgreementInFuture"), agreement.SignedOn.ToDateTime(TimeOnly.MinValue)), nameof(AgreementSignedOn));
            }

            if (agreement.AgreedReturnDate is { } returnDate && returnDate < agreement.SignedOn)
            {
                throw new DomainException(DomainText.Named("HouseholdReturnBeforeSigning"), nameof(AgreedReturnDate));
            }
        }

        var owed = Guard.NotNegative(resolution.TransitionFeesOwed, nameof(TransitionFeesOwed), DomainText.Named("Label_TransitionFeesOwed"));
        var paid = Guard.NotNegative(resolution.TransitionFeesPaid, nameof(TransitionFeesPaid), DomainText.Named("Label_TransitionFeesPaid"));

        return (number, owed, paid);
    }

    /// <summary>Records transition fees owed and paid so far (a transitional household keeps being paid until it returns).</summary>
    public void RecordTransitionFees(decimal owed, decimal paid)
    {
        TransitionFeesOwed = Guard.NotNegative(owed, nameof(TransitionFeesOwed), DomainText.Named("Label_TransitionFeesOwed"));
        TransitionFeesPaid = Guard.NotNegative(paid, nameof(TransitionFeesPaid), DomainText.Named("Label_TransitionFeesPaid"));
    }
}

using AnjuPortal.Domain.Common;

namespace AnjuPortal.Domain.OverdueResettlement;

/// <summary>The kind of agreement a household's resolution rests on.</summary>
public enum AgreementKind
{
    /// <summary>回迁安置协议: the household returns to a home in the rebuilt project.</summary>
    ReturnAgreement = 0,

    /// <summary>补充协议: signed for a transitional resettlement, with its waiting terms (过渡期限, 约定回迁日期).</summary>
    SupplementaryAgreement = 1,
}

/// <summary>
/// The agreement a resolution rests on: its kind, number and signing date, and for a supplementary agreement its
/// waiting terms (how many months the household waits in transition and the agreed return date).
/// </summary>
public sealed record ResettlementAgreement(AgreementKind Kind, string Number, DateOnly SignedOn, int? TransitionMonths = null, DateOnly? AgreedReturnDate = null);

/// <summary>
/// How, when and on which agreement a household was resolved, and the transition fees 过渡费 owed and paid so far (元).
/// Checked by <see cref="OverdueHousehold"/> when applied.
/// </summary>
public sealed record HouseholdResolution(
    ResolutionMethod Method,
    DateOnly ResolvedOn,
    ResettlementAgreement? Agreement,
    decimal TransitionFeesOwed = 0m,
    decimal TransitionFeesPaid = 0m);

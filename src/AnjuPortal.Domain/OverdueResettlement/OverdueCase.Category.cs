using AnjuPortal.Domain.Common;

namespace AnjuPortal.Domain.OverdueResettlement;

/// <summary>
/// The category side of a ledger case: the facts its category needs (<see cref="CategoryDetails"/>, stored as plain
/// nullable columns of the case, ADR-005) and the history of its category changes. A change of category keeps the
/// earlier category's facts: they are neither wiped nor shown as current, and the change itself is a row with its reason.
/// </summary>
public sealed partial class OverdueCase
{
    public const int CategoryChangeReasonMaxLength = 500;

    private readonly List<CaseCategoryChange> _categoryChanges = [];

    public IReadOnlyCollection<CaseCategoryChange> CategoryChanges => _categoryChanges;

    public string? CourtName { get; private set; }
    public string? CourtCaseNumber { get; private set; }
    public DateOnly? JointMeetingDate { get; private set; }
    public ResolutionMethod? FallbackMethod { get; private set; }
    public string? ConstructionProgress { get; private set; }
    public DateOnly? ExpectedDeliveryDate { get; private set; }
    public NotStartedCause? NotStartedCause { get; private set; }
    public string? WishesSurvey { get; private set; }
    public string? LegalProcess { get; private set; }
    public string? ConsultationOutcome { get; private set; }
    public ResolutionMethod? AlternativeMethod { get; private set; }
    public string? SupplementaryAgreementTerms { get; private set; }
    public string? MissingInfrastructure { get; private set; }
    public string? InfrastructurePlan { get; private set; }
    public decimal? InfrastructureFunds { get; private set; }
    public ProjectRunner? ProjectRunner { get; private set; }
    public string? FundingPlan { get; private set; }
    public string? TakeoverCompany { get; private set; }
    public LiquidationStatus? LiquidationStatus { get; private set; }
    public string? MissingApprovals { get; private set; }
    public decimal? UnpaidTaxes { get; private set; }
    public DateOnly? AcceptanceDate { get; private set; }
    public string? DeveloperName { get; private set; }
    public DateOnly? PerformanceOrderedOn { get; private set; }
    public DateOnly? AccountsSealedOn { get; private set; }
    public DateOnly? RightsRevokedOn { get; private set; }
    public string? NewDeveloper { get; private set; }
    public BackstopMethod? Backstop { get; private set; }
    public string? BackstopPlan { get; private set; }
    public decimal? BondFunds { get; private set; }

    /// <summary>Every category field the case holds, of its current and of earlier categories.</summary>
    public CategoryDetails Details => new()
    {
        CourtName = CourtName, CourtCaseNumber = CourtCaseNumber, JointMeetingDate = JointMeetingDate, FallbackMethod = FallbackMethod,
        ConstructionProgress = ConstructionProgress, ExpectedDeliveryDate = ExpectedDeliveryDate,
        NotStartedCause = NotStartedCause, WishesSurvey = WishesSurvey, LegalProcess = LegalProcess,
        ConsultationOutcome = ConsultationOutcome, AlternativeMethod = AlternativeMethod, SupplementaryAgreementTerms = SupplementaryAgreementTerms,
        MissingInfrastructure = MissingInfrastructure, InfrastructurePlan = InfrastructurePlan, InfrastructureFunds = InfrastructureFunds,
        ProjectRunner = ProjectRunner, FundingPlan = FundingPlan, TakeoverCompany = TakeoverCompany, LiquidationStatus = LiquidationStatus,
        MissingApprovals = MissingApprovals, UnpaidTaxes = UnpaidTaxes, AcceptanceDate = AcceptanceDate,
        DeveloperName = DeveloperName, PerformanceOrderedOn = PerformanceOrderedOn, AccountsSealedOn = AccountsSealedOn,
        RightsRevokedOn = RightsRevokedOn, NewDeveloper = NewDeveloper,
        Backstop = Backstop, BackstopPlan = BackstopPlan, BondFunds = BondFunds,
    };

    /// <summary>The required fields of the current category still without a value (the case page asks for them).</summary>
    public IReadOnlyList<CaseField> MissingDetails() => Details.Missing(Category);

    /// <summary>
    /// Sets the facts of the case's current category. Only that category's fields are taken from
    /// <paramref name="details"/>; the fields of other categories stay as they are.
    /// </summary>
    public void EditCategoryDetails(CategoryDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        EnsureOpen();
        details.Validate(Category);
        Apply(Category, details);
    }

    /// <summary>
    /// Moves the case to another of the nine categories, with a reason, and the new category's facts (validated like an
    /// edit). The change is recorded (from, to, reason, who, when); the old category's facts are kept.
    /// </summary>
    public CaseCategoryChange ChangeCategory(OverdueCategory to, string reason, CategoryDetails details, string by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(details);
        EnsureOpen();
        if (!Enum.IsDefined(to))
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, null);
        }

        if (to == Category)
        {
            throw new DomainException(DomainText.Format(DomainText.CategoryUnchanged, DomainText.Of(to)), nameof(Category));
        }

        var why = Guard.Required(reason, "Reason", DomainText.Named("CaseField_ChangeReason"), CategoryChangeReasonMaxLength);
        details.Validate(to);
        var change = new CaseCategoryChange(Category, to, why, Guard.Required(by, "By", "By", 256), at);
        Apply(to, details);
        Category = to;
        _categoryChanges.Add(change);
        return change;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private void Apply(OverdueCategory category, CategoryDetails d)
    {
        switch (category)
        {
            case OverdueCategory.Litigation:
                (CourtName, CourtCaseNumber, JointMeetingDate, FallbackMethod) = (Clean(d.CourtName), Clean(d.CourtCaseNumber), d.JointMeetingDate, d.FallbackMethod);
                break;
            case OverdueCategory.Started:
                (ConstructionProgress, ExpectedDeliveryDate) = (Clean(d.ConstructionProgress), d.ExpectedDeliveryDate);
                break;
            case OverdueCategory.NotStarted:
                (NotStartedCause, WishesSurvey, LegalProcess) = (d.NotStartedCause, Clean(d.WishesSurvey), Clean(d.LegalProcess));
                break;
            case OverdueCategory.CannotBuild:
                (ConsultationOutcome, AlternativeMethod, SupplementaryAgreementTerms) = (Clean(d.ConsultationOutcome), d.AlternativeMethod, Clean(d.SupplementaryAgreementTerms));
                break;
            case OverdueCategory.InfrastructureMissing:
                (MissingInfrastructure, InfrastructurePlan, InfrastructureFunds) = (Clean(d.MissingInfrastructure), Clean(d.InfrastructurePlan), d.InfrastructureFunds);
                break;
            case OverdueCategory.StalledForFunds:
                (ProjectRunner, FundingPlan, TakeoverCompany, LiquidationStatus) = (d.ProjectRunner, Clean(d.FundingPlan), Clean(d.TakeoverCompany), d.LiquidationStatus);
                break;
            case OverdueCategory.NotAccepted:
                (MissingApprovals, UnpaidTaxes, AcceptanceDate) = (Clean(d.MissingApprovals), d.UnpaidTaxes, d.AcceptanceDate);
                break;
            case OverdueCategory.DeveloperReneges:
                (DeveloperName, PerformanceOrderedOn, AccountsSealedOn, RightsRevokedOn, NewDeveloper) =
                    (Clean(d.DeveloperName), d.PerformanceOrderedOn, d.AccountsSealedOn, d.RightsRevokedOn, Clean(d.NewDeveloper));
                break;
            case OverdueCategory.DeadKnot:
                (Backstop, BackstopPlan, BondFunds) = (d.Backstop, Clean(d.BackstopPlan), d.BondFunds);
                break;
        }
    }
}

/// <summary>A change of a case's category 类别调整: from, to, why, who and when. Never changed or removed.</summary>
public sealed class CaseCategoryChange
{
    private CaseCategoryChange()
    {
        Reason = string.Empty;
        ChangedBy = string.Empty;
    }

    internal CaseCategoryChange(OverdueCategory from, OverdueCategory to, string reason, string changedBy, DateTimeOffset changedAt)
    {
        FromCategory = from;
        ToCategory = to;
        Reason = reason;
        ChangedBy = changedBy;
        ChangedAt = changedAt;
    }

    public int Id { get; private set; }
    public OverdueCategory FromCategory { get; private set; }
    public OverdueCategory ToCategory { get; private set; }
    public string Reason { get; private set; }
    public string ChangedBy { get; private set; }
    public DateTimeOffset ChangedAt { get; private set; }
}

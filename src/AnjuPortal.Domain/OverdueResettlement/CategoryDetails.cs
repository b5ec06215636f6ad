using System.Reflection;
using AnjuPortal.Domain.Common;

namespace AnjuPortal.Domain.OverdueResettlement;

/// <summary>
/// The category-specific facts of a ledger case 分类处置信息: one property per field of any of the nine categories
/// (<see cref="CategoryFields"/> says which belong to which and which are required). A value, edited as a whole for
/// the case's current category; the case keeps the fields of its earlier categories (see docs/decisions/ADR-005).
/// </summary>
public sealed record CategoryDetails
{
    // 1 涉法涉诉
    /// <summary>受理法院</summary>
    public string? CourtName { get; init; }
    /// <summary>案号</summary>
    public string? CourtCaseNumber { get; init; }
    /// <summary>府院联动会商日期: the joint government–court meeting.</summary>
    public DateOnly? JointMeetingDate { get; init; }
    /// <summary>9月底前未判决时的安置方式: monetary, off-site or transitional, never a return.</summary>
    public ResolutionMethod? FallbackMethod { get; init; }

    // 2 已开工
    /// <summary>工程形象进度</summary>
    public string? ConstructionProgress { get; init; }
    /// <summary>预计交付日期</summary>
    public DateOnly? ExpectedDeliveryDate { get; init; }

    // 3 未开工（征收、规划调整）
    /// <summary>未开工原因</summary>
    public NotStartedCause? NotStartedCause { get; init; }
    /// <summary>群众意愿调查及安置方式调整情况</summary>
    public string? WishesSurvey { get; init; }
    /// <summary>司法程序或强制拆除情况</summary>
    public string? LegalProcess { get; init; }

    // 4 无法建设、群众要求原地回迁
    /// <summary>与群众协商情况</summary>
    public string? ConsultationOutcome { get; init; }
    /// <summary>替代安置方式</summary>
    public ResolutionMethod? AlternativeMethod { get; init; }
    /// <summary>补充协议约定的过渡期限及条件: required when the alternative is transitional resettlement.</summary>
    public string? SupplementaryAgreementTerms { get; init; }

    // 5 主体建成、配套不完善
    /// <summary>缺失的配套设施</summary>
    public string? MissingInfrastructure { get; init; }
    /// <summary>配套建设方案</summary>
    public string? InfrastructurePlan { get; init; }
    /// <summary>财政投入资金（万元）</summary>
    public decimal? InfrastructureFunds { get; init; }

    // 6 资金短缺停工
    /// <summary>项目实施主体</summary>
    public ProjectRunner? ProjectRunner { get; init; }
    /// <summary>资金筹措方案</summary>
    public string? FundingPlan { get; init; }
    /// <summary>接盘企业</summary>
    public string? TakeoverCompany { get; init; }
    /// <summary>资产清算情况: required when a developer runs the project.</summary>
    public LiquidationStatus? LiquidationStatus { get; init; }

    // 7 建成未验收
    /// <summary>容缺办理的缺失手续</summary>
    public string? MissingApprovals { get; init; }
    /// <summary>欠缴税费（万元）</summary>
    public decimal? UnpaidTaxes { get; init; }
    /// <summary>计划组织验收日期</summary>
    public DateOnly? AcceptanceDate { get; init; }

    // 8 企业不兑现协议
    /// <summary>开发企业</summary>
    public string? DeveloperName { get; init; }
    /// <summary>责令履约日期</summary>
    public DateOnly? PerformanceOrderedOn { get; init; }
    /// <summary>查封企业账户日期</summary>
    public DateOnly? AccountsSealedOn { get; init; }
    /// <summary>收回开发权日期</summary>
    public DateOnly? RightsRevokedOn { get; init; }
    /// <summary>新确定的开发企业</summary>
    public string? NewDeveloper { get; init; }

    // 9 “死结”
    /// <summary>兜底方式</summary>
    public BackstopMethod? Backstop { get; init; }
    /// <summary>兜底方案说明</summary>
    public string? BackstopPlan { get; init; }
    /// <summary>专项债券资金（万元）</summary>
    public decimal? BondFunds { get; init; }

    private static readonly Dictionary<string, PropertyInfo> Properties =
        typeof(CategoryDetails).GetProperties(BindingFlags.Public | BindingFlags.Instance).ToDictionary(p => p.Name, StringComparer.Ordinal);

    /// <summary>The value of a field by its name (a <see cref="CaseField.Name"/>); blank text counts as no value.</summary>
    public object? ValueOf(string field)
        => Properties.TryGetValue(field, out var property)
            ? property.GetValue(this) is string text && string.IsNullOrWhiteSpace(text) ? null : property.GetValue(this)
            : throw new ArgumentOutOfRangeException(nameof(field), field, "Not a category field.");

    /// <summary>The required fields of <paramref name="category"/> that have no value (conditional ones included when their condition holds).</summary>
    public IReadOnlyList<CaseField> Missing(OverdueCategory category)
        => CategoryFields.For(category).Where(f => IsRequired(f) && ValueOf(f.Name) is null).ToList();

    /// <summary>Whether a field must have a value here: always, or when its condition holds.</summary>
    public bool IsRequired(CaseField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.Requirement switch
        {
            FieldRequirement.Required => true,
            FieldRequirement.WhenTransitional => AlternativeMethod == ResolutionMethod.Transitional,
            FieldRequirement.WhenDeveloperRuns => ProjectRunner == OverdueResettlement.ProjectRunner.Developer,
            _ => false,
        };
    }

    /// <summary>
    /// Refuses details that do not fit <paramref name="category"/>: a required field missing (named in the message), a
    /// text too long, a negative amount, a return 回迁 chosen where the notice prescribes another way.
    /// </summary>
    public void Validate(OverdueCategory category)
    {
        foreach (var field in CategoryFields.For(category))
        {
            var value = ValueOf(field.Name);
            if (value is null)
            {
                if (IsRequired(field))
                {
                    throw new DomainException(DomainText.Format(DomainText.Required, field.Label), field.Name);
                }

                continue;
            }

            switch (value)
            {
                case string text when text.Trim().Length > field.MaxLength:
                    throw new DomainException(DomainText.Format(DomainText.TooLong, field.Label, field.MaxLength), field.Name);
                case decimal amount when amount < 0:
                    throw new DomainException(DomainText.Format(DomainText.MustNotBeNegative, field.Label, amount), field.Name);
                case ResolutionMethod.ReturnResettlement:
                    throw new DomainException(DomainText.Format(DomainText.CaseFieldNoReturn, field.Label), field.Name);
            }
        }
    }
}

/// <summary>When a category field must have a value.</summary>
public enum FieldRequirement
{
    Optional,
    Required,
    /// <summary>Only when the alternative resettlement is transitional 过渡性安置 (a supplementary agreement states the waiting terms).</summary>
    WhenTransitional,
    /// <summary>Only when a developer runs the stalled project (a takeover needs the assets liquidated).</summary>
    WhenDeveloperRuns,
}

/// <summary>One field of a category: its name (a property of <see cref="CategoryDetails"/>), how it is entered, whether it is required.</summary>
public sealed record CaseField(string Name, CaseFieldKind Kind, FieldRequirement Requirement, int MaxLength = 0, Type? ChoiceType = null)
{
    /// <summary>The Chinese label, from the resource <c>CaseField_{Name}</c>.</summary>
    public string Label => DomainText.Named("CaseField_" + Name);
}

/// <summary>Which fields each of the nine categories carries, in display order (docs/ledger.md has the same table).</summary>
public static class CategoryFields
{
    public const int NameLength = 100;
    public const int ShortTextLength = 50;
    public const int LongTextLength = 500;

    private static CaseField Text(string name, FieldRequirement requirement, int max = NameLength) => new(name, CaseFieldKind.Text, requirement, max);

    private static CaseField Long(string name, FieldRequirement requirement) => new(name, CaseFieldKind.LongText, requirement, LongTextLength);

    private static CaseField Date(string name, FieldRequirement requirement) => new(name, CaseFieldKind.Date, requirement);

    private static CaseField Money(string name, FieldRequirement requirement) => new(name, CaseFieldKind.Money, requirement);

    private static CaseField Choice<TEnum>(string name, FieldRequirement requirement)
        where TEnum : struct, Enum
        => new(name, CaseFieldKind.Choice, requirement, 0, typeof(TEnum));

    private const FieldRequirement Required = FieldRequirement.Required;
    private const FieldRequirement Optional = FieldRequirement.Optional;

    private static readonly Dictionary<OverdueCategory, CaseField[]> Catalogue = new()
    {
        [OverdueCategory.Litigation] =
        [
            Text(nameof(CategoryDetails.CourtName), Required),
            Text(nameof(CategoryDetails.CourtCaseNumber), Required, ShortTextLength),
            Date(nameof(CategoryDetails.JointMeetingDate), Required),
            Choice<ResolutionMethod>(nameof(CategoryDetails.FallbackMethod), Required),
        ],
        [OverdueCategory.Started] =
        [
            Long(nameof(CategoryDetails.ConstructionProgress), Required),
            Date(nameof(CategoryDetails.ExpectedDeliveryDate), Required),
        ],
        [OverdueCategory.NotStarted] =
        [
            Choice<NotStartedCause>(nameof(CategoryDetails.NotStartedCause), Required),
            Long(nameof(CategoryDetails.WishesSurvey), Required),
            Long(nameof(CategoryDetails.LegalProcess), Optional),
        ],
        [OverdueCategory.CannotBuild] =
        [
            Long(nameof(CategoryDetails.ConsultationOutcome), Required),
            Choice<ResolutionMethod>(nameof(CategoryDetails.AlternativeMethod), Required),
            Long(nameof(CategoryDetails.SupplementaryAgreementTerms), FieldRequirement.WhenTransitional),
        ],
        [OverdueCategory.InfrastructureMissing] =
        [
            Long(nameof(CategoryDetails.MissingInfrastructure), Required),
            Long(nameof(CategoryDetails.InfrastructurePlan), Required),
            Money(nameof(CategoryDetails.InfrastructureFunds), Optional),
        ],
        [OverdueCategory.StalledForFunds] =
        [
            Choice<ProjectRunner>(nameof(CategoryDetails.ProjectRunner), Required),
            Long(nameof(CategoryDetails.FundingPlan), Required),
            Text(nameof(CategoryDetails.TakeoverCompany), Optional),
            Choice<LiquidationStatus>(nameof(CategoryDetails.LiquidationStatus), FieldRequirement.WhenDeveloperRuns),
        ],
        [OverdueCategory.NotAccepted] =
        [
            Long(nameof(CategoryDetails.MissingApprovals), Required),
            Money(nameof(CategoryDetails.UnpaidTaxes), Required),
            Date(nameof(CategoryDetails.AcceptanceDate), Optional),
        ],
        [OverdueCategory.DeveloperReneges] =
        [
            Text(nameof(CategoryDetails.DeveloperName), Required),
            Date(nameof(CategoryDetails.PerformanceOrderedOn), Required),
            Date(nameof(CategoryDetails.AccountsSealedOn), Optional),
            Date(nameof(CategoryDetails.RightsRevokedOn), Optional),
            Text(nameof(CategoryDetails.NewDeveloper), Optional),
        ],
        [OverdueCategory.DeadKnot] =
        [
            Choice<BackstopMethod>(nameof(CategoryDetails.Backstop), Required),
            Long(nameof(CategoryDetails.BackstopPlan), Required),
            Money(nameof(CategoryDetails.BondFunds), Optional),
        ],
    };

    /// <summary>The fields of <paramref name="category"/>, in display order.</summary>
    public static IReadOnlyList<CaseField> For(OverdueCategory category)
        => Catalogue.TryGetValue(category, out var fields) ? fields : throw new ArgumentOutOfRangeException(nameof(category), category, null);
}

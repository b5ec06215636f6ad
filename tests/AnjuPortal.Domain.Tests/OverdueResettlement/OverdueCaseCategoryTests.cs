using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.OverdueResettlement;
using AnjuPortal.Domain.Projects;

namespace AnjuPortal.Domain.Tests.OverdueResettlement;

public sealed class OverdueCaseCategoryTests
{
    private static readonly DateTimeOffset At = new(2020, 7, 1, 9, 0, 0, TimeSpan.FromHours(8));

    internal static OverdueCase NewCase(OverdueCategory category = OverdueCategory.Started, DateOnly? target = null)
    {
        var project = RenovationProject.Register("NG-0001", 7,
            new RenovationProject.Details("南关项目", 2018, 100, ResettlementMode.InKind, "张三", new DateOnly(2018, 4, 1), new DateOnly(2019, 10, 1)));
        return OverdueCase.Open(project, category, target ?? new DateOnly(2020, 12, 31), "李四");
    }

    /// <summary>A complete set of facts for every category: the required fields of each, filled.</summary>
    internal static readonly CategoryDetails Complete = new()
    {
        CourtName = "长春市南关区人民法院", CourtCaseNumber = "（2020）吉0102民初123号", JointMeetingDate = new DateOnly(2020, 6, 15), FallbackMethod = ResolutionMethod.Monetary,
        ConstructionProgress = "主体封顶", ExpectedDeliveryDate = new DateOnly(2020, 11, 30),
        NotStartedCause = NotStartedCause.Expropriation, WishesSurvey = "已入户调查 120 户",
        ConsultationOutcome = "多数同意货币化", AlternativeMethod = ResolutionMethod.Monetary,
        MissingInfrastructure = "供热管网", InfrastructurePlan = "财政投入建设换热站",
        ProjectRunner = ProjectRunner.Government, FundingPlan = "申请专项债券",
        MissingApprovals = "规划核实", UnpaidTaxes = 12.5m,
        DeveloperName = "某房地产开发有限公司", PerformanceOrderedOn = new DateOnly(2020, 5, 1),
        Backstop = BackstopMethod.DirectCash, BackstopPlan = "按评估价直接货币补偿",
    };

    /// <summary>Each category's required fields: leaving any one out is refused with a message naming it.</summary>
    public static TheoryData<OverdueCategory, string, string> RequiredFields()
    {
        var data = new TheoryData<OverdueCategory, string, string>
        {
            { OverdueCategory.Litigation, nameof(CategoryDetails.CourtName), "请填写受理法院。" },
            { OverdueCategory.Litigation, nameof(CategoryDetails.CourtCaseNumber), "请填写案号。" },
            { OverdueCategory.Litigation, nameof(CategoryDetails.JointMeetingDate), "请填写府院联动会商日期。" },
            { OverdueCategory.Litigation, nameof(CategoryDetails.FallbackMethod), "请填写9月底未判决时的安置方式。" },
            { OverdueCategory.Started, nameof(CategoryDetails.ConstructionProgress), "请填写工程形象进度。" },
            { OverdueCategory.Started, nameof(CategoryDetails.ExpectedDeliveryDate), "请填写预计交付日期。" },
            { OverdueCategory.NotStarted, nameof(CategoryDetails.NotStartedCause), "请填写未开工原因。" },
            { OverdueCategory.NotStarted, nameof(CategoryDetails.WishesSurvey), "请填写群众意愿调查及安置方式调整情况。" },
            { OverdueCategory.CannotBuild, nameof(CategoryDetails.ConsultationOutcome), "请填写与群众协商情况。" },
            { OverdueCategory.CannotBuild, nameof(CategoryDetails.AlternativeMethod), "请填写替代安置方式。" },
            { OverdueCategory.InfrastructureMissing, nameof(CategoryDetails.MissingInfrastructure), "请填写缺失的配套设施。" },
            { OverdueCategory.InfrastructureMissing, nameof(CategoryDetails.InfrastructurePlan), "请填写配套建设方案。" },
            { OverdueCategory.StalledForFunds, nameof(CategoryDetails.ProjectRunner), "请填写项目实施主体。" },
            { OverdueCategory.StalledForFunds, nameof(CategoryDetails.FundingPlan), "请填写资金筹措方案。" },
            { OverdueCategory.NotAccepted, nameof(CategoryDetails.MissingApprovals), "请填写容缺办理的缺失手续。" },
            { OverdueCategory.NotAccepted, nameof(CategoryDetails.UnpaidTaxes), "请填写欠缴税费（万元）。" },
            { OverdueCategory.DeveloperReneges, nameof(CategoryDetails.DeveloperName), "请填写开发企业。" },
            { OverdueCategory.DeveloperReneges, nameof(CategoryDetails.PerformanceOrderedOn), "请填写责令履约日期。" },
            { OverdueCategory.DeadKnot, nameof(CategoryDetails.Backstop), "请填写兜底方式。" },
            { OverdueCategory.DeadKnot, nameof(CategoryDetails.BackstopPlan), "请填写兜底方案说明。" },
        };
        return data;
    }

    [Theory]
    [MemberData(nameof(RequiredFields))]
    public void EditCategoryDetails_RefusesNamingTheField_WhenARequiredFieldIsMissing(OverdueCategory category, string field, string message)
    {
        var overdue = NewCase(category);
        var details = Without(Complete, field);

        var error = Assert.Throws<DomainException>(() => overdue.EditCategoryDetails(details));

        Assert.Equal(message, error.Message);
        Assert.Equal(field, error.Field);
    }

    [Theory]
    [MemberData(nameof(AllCategories))]
    public void EditCategoryDetails_Accepts_WhenEveryRequiredFieldIsThere(OverdueCategory category)
    {
        var overdue = NewCase(category);

        overdue.EditCategoryDetails(Complete);

        Assert.Empty(overdue.MissingDetails());
    }

    public static TheoryData<OverdueCategory> AllCategories() => new(Enum.GetValues<OverdueCategory>());

    [Fact]
    public void EditCategoryDetails_RequiresSupplementaryAgreement_OnlyWhenAlternativeIsTransitional()
    {
        var overdue = NewCase(OverdueCategory.CannotBuild);
        overdue.EditCategoryDetails(Complete with { AlternativeMethod = ResolutionMethod.OffSite });

        var error = Assert.Throws<DomainException>(() => overdue.EditCategoryDetails(Complete with { AlternativeMethod = ResolutionMethod.Transitional }));

        Assert.Equal("请填写补充协议约定的过渡期限及条件。", error.Message);
        overdue.EditCategoryDetails(Complete with { AlternativeMethod = ResolutionMethod.Transitional, SupplementaryAgreementTerms = "过渡期 24 个月，按月发放过渡费" });
        Assert.Equal(ResolutionMethod.Transitional, overdue.AlternativeMethod);
    }

    [Fact]
    public void EditCategoryDetails_RequiresLiquidationStatus_OnlyWhenADeveloperRunsTheProject()
    {
        var overdue = NewCase(OverdueCategory.StalledForFunds);

        var error = Assert.Throws<DomainException>(() => overdue.EditCategoryDetails(Complete with { ProjectRunner = ProjectRunner.Developer }));

        Assert.Equal("请填写资产清算情况。", error.Message);
        overdue.EditCategoryDetails(Complete with { ProjectRunner = ProjectRunner.Developer, TakeoverCompany = "省城投", LiquidationStatus = LiquidationStatus.InProgress });
        Assert.Equal("省城投", overdue.TakeoverCompany);
    }

    [Fact]
    public void EditCategoryDetails_RefusesReturnAsLitigationFallback()
    {
        var error = Assert.Throws<DomainException>(() => NewCase(OverdueCategory.Litigation).EditCategoryDetails(Complete with { FallbackMethod = ResolutionMethod.ReturnResettlement }));

        Assert.Contains("不能选择回迁安置", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EditCategoryDetails_TakesOnlyTheCurrentCategorysFields()
    {
        var overdue = NewCase(OverdueCategory.Litigation);

        overdue.EditCategoryDetails(Complete);

        Assert.Equal("长春市南关区人民法院", overdue.CourtName);
        Assert.Null(overdue.DeveloperName);
        Assert.Null(overdue.ConstructionProgress);
    }

    [Fact]
    public void ChangeCategory_RecordsTheChange_AndKeepsTheOldCategorysFields()
    {
        var overdue = NewCase(OverdueCategory.Litigation);
        overdue.EditCategoryDetails(Complete);

        var change = overdue.ChangeCategory(OverdueCategory.DeadKnot, "法院判决后企业无力履行", Complete, "city@220100", At);

        Assert.Equal(OverdueCategory.DeadKnot, overdue.Category);
        Assert.Same(change, Assert.Single(overdue.CategoryChanges));
        Assert.Equal((OverdueCategory.Litigation, OverdueCategory.DeadKnot, "法院判决后企业无力履行", "city@220100", At),
            (change.FromCategory, change.ToCategory, change.Reason, change.ChangedBy, change.ChangedAt));
        // The litigation facts are still there, beside the dead knot's.
        Assert.Equal("（2020）吉0102民初123号", overdue.CourtCaseNumber);
        Assert.Equal(BackstopMethod.DirectCash, overdue.Backstop);
    }

    [Fact]
    public void ChangeCategory_RefusesWithoutReason_AndChangesNothing()
    {
        var overdue = NewCase(OverdueCategory.Litigation);

        var error = Assert.Throws<DomainException>(() => overdue.ChangeCategory(OverdueCategory.DeadKnot, "  ", Complete, "u", At));

        Assert.Equal("请填写类别调整原因。", error.Message);
        Assert.Equal(OverdueCategory.Litigation, overdue.Category);
        Assert.Empty(overdue.CategoryChanges);
    }

    [Fact]
    public void ChangeCategory_RefusesWhenTheNewCategorysRequiredFieldsAreMissing()
    {
        var overdue = NewCase(OverdueCategory.Started);

        var error = Assert.Throws<DomainException>(() => overdue.ChangeCategory(OverdueCategory.DeadKnot, "企业破产", new CategoryDetails(), "u", At));

        Assert.Equal("请填写兜底方式。", error.Message);
        Assert.Equal(OverdueCategory.Started, overdue.Category);
    }

    [Fact]
    public void ChangeCategory_RefusesTheSameCategory()
        => Assert.Throws<DomainException>(() => NewCase(OverdueCategory.Started).ChangeCategory(OverdueCategory.Started, "原因", Complete, "u", At));

    private static CategoryDetails Without(CategoryDetails details, string field)
    {
        var copy = details with { };
        typeof(CategoryDetails).GetProperty(field)!.SetValue(copy, null);
        return copy;
    }
}

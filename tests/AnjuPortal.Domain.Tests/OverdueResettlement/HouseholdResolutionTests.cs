using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.OverdueResettlement;
using AnjuPortal.Domain.PersonalData;
using AnjuPortal.Domain.Projects;

namespace AnjuPortal.Domain.Tests.OverdueResettlement;

/// <summary>The rules of resolving a household with its agreement, waiting terms and transition fees.</summary>
public sealed class HouseholdResolutionTests
{
    private static readonly DateOnly Today = new(2020, 9, 30);
    private static readonly FakeCipher Cipher = new();

    private static (OverdueCase Case, OverdueHousehold Household) NewHousehold()
    {
        var project = RenovationProject.Register("NG-0001", 7,
            new RenovationProject.Details("南关项目", 2018, 100, ResettlementMode.InKind, "张三", new DateOnly(2018, 4, 1), new DateOnly(2019, 10, 1)));
        var overdue = OverdueCase.Open(project, OverdueCategory.Started, new DateOnly(2020, 12, 31), "李四");
        var household = overdue.AddHousehold("王五", IdCardNumber.Parse(TestIds.Make("220102", "19700101", 321)), null, new DateOnly(2018, 6, 30), Cipher);
        return (overdue, household);
    }

    private static readonly ResettlementAgreement ReturnAgreement = new(AgreementKind.ReturnAgreement, " HQ-2020-018 ", new DateOnly(2020, 6, 1));
    private static readonly ResettlementAgreement Supplementary = new(AgreementKind.SupplementaryAgreement, "BC-2020-007", new DateOnly(2020, 6, 1), 18, new DateOnly(2021, 12, 31));

    [Fact]
    public void ResolveHousehold_RecordsAgreementAndFees_WhenReturnWithReturnAgreement()
    {
        var (overdue, household) = NewHousehold();

        overdue.ResolveHousehold(household, new HouseholdResolution(ResolutionMethod.ReturnResettlement, new DateOnly(2020, 8, 15), ReturnAgreement, 12000m, 9000m), Today);

        Assert.Equal(ResolutionMethod.ReturnResettlement, household.ResolutionMethod);
        Assert.Equal(new DateOnly(2020, 8, 15), household.ResolvedOn);
        Assert.Equal(AgreementKind.ReturnAgreement, household.AgreementKind);
        Assert.Equal("HQ-2020-018", household.AgreementNumber);
        Assert.Equal(new DateOnly(2020, 6, 1), household.AgreementSignedOn);
        Assert.Null(household.TransitionMonths);
        Assert.Equal(3000m, household.TransitionFeeArrears);
    }

    [Fact]
    public void ResolveHousehold_RecordsWaitingTerms_WhenTransitionalWithSupplementaryAgreement()
    {
        var (overdue, household) = NewHousehold();

        overdue.ResolveHousehold(household, new HouseholdResolution(ResolutionMethod.Transitional, new DateOnly(2020, 8, 15), Supplementary, 5000m, 6000m), Today);

        Assert.Equal(18, household.TransitionMonths);
        Assert.Equal(new DateOnly(2021, 12, 31), household.AgreedReturnDate);
        Assert.Equal(0m, household.TransitionFeeArrears); // paid more than owed: an advance, no arrears
    }

    [Fact]
    public void ResolveHousehold_Throws_WhenReturnWithoutReturnAgreement()
    {
        var (overdue, household) = NewHousehold();

        var ex = Assert.Throws<DomainException>(() => overdue.ResolveHousehold(household, new HouseholdResolution(ResolutionMethod.ReturnResettlement, new DateOnly(2020, 8, 15), null), Today));

        Assert.Equal("回迁安置须有回迁安置协议，请填写协议类型、协议编号和签订日期。", ex.Message);
        Assert.False(household.IsResolved);
    }

    [Fact]
    public void ResolveHousehold_Throws_WhenTransitionalWithReturnAgreement()
    {
        var (overdue, household) = NewHousehold();

        var ex = Assert.Throws<DomainException>(() => overdue.ResolveHousehold(household, new HouseholdResolution(ResolutionMethod.Transitional, new DateOnly(2020, 8, 15), ReturnAgreement), Today));

        Assert.Equal("过渡性安置须签订补充协议，请选择“补充协议”并填写协议编号和签订日期。", ex.Message);
    }

    [Fact]
    public void ResolveHousehold_Throws_WhenSupplementaryAgreementLacksWaitingTerms()
    {
        var (overdue, household) = NewHousehold();
        var noTerms = Supplementary with { AgreedReturnDate = null };

        var ex = Assert.Throws<DomainException>(() => overdue.ResolveHousehold(household, new HouseholdResolution(ResolutionMethod.Transitional, new DateOnly(2020, 8, 15), noTerms), Today));

        Assert.Equal("过渡性安置的补充协议须写明过渡期限（月）和约定回迁日期。", ex.Message);
    }

    [Fact]
    public void ResolveHousehold_Throws_WhenDateAfterToday()
    {
        var (overdue, household) = NewHousehold();

        var ex = Assert.Throws<DomainException>(() => overdue.ResolveHousehold(household, new HouseholdResolution(ResolutionMethod.Monetary, Today.AddDays(1), null), Today));

        Assert.Equal("安置日期 2020-10-01 晚于今天，只能登记已经完成的安置。", ex.Message);
        Assert.Equal(nameof(OverdueHousehold.ResolvedOn), ex.Field);
    }

    [Fact]
    public void ResolveHousehold_Succeeds_WhenDateIsToday()
    {
        var (overdue, household) = NewHousehold();

        overdue.ResolveHousehold(household, new HouseholdResolution(ResolutionMethod.Monetary, Today, null), Today);

        Assert.True(household.IsResolved);
        Assert.Null(household.AgreementKind);
    }

    [Theory]
    [InlineData(-1, 0, "应付过渡费不能为负数（填写的是 -1）。")]
    [InlineData(0, -0.5, "已付过渡费不能为负数（填写的是 -0.5）。")]
    public void ResolveHousehold_Throws_WhenFeeNegative(decimal owed, decimal paid, string expected)
    {
        var (overdue, household) = NewHousehold();

        var ex = Assert.Throws<DomainException>(() => overdue.ResolveHousehold(household, new HouseholdResolution(ResolutionMethod.OffSite, new DateOnly(2020, 8, 15), null, owed, paid), Today));

        Assert.Equal(expected, ex.Message);
        Assert.False(household.IsResolved);
    }

    [Fact]
    public void ResolveHousehold_Throws_WhenAlreadyResolved()
    {
        var (overdue, household) = NewHousehold();
        overdue.ResolveHousehold(household, new HouseholdResolution(ResolutionMethod.Monetary, new DateOnly(2020, 8, 15), null), Today);

        var ex = Assert.Throws<DomainException>(() => overdue.ResolveHousehold(household, new HouseholdResolution(ResolutionMethod.OffSite, new DateOnly(2020, 9, 1), null), Today));

        Assert.Contains("货币化安置", ex.Message);
    }

    [Fact]
    public void ConfirmDuplicateOf_FlagsAndNamesEarlierRecord_WithReason()
    {
        var (_, household) = NewHousehold();

        household.ConfirmDuplicateOf(42, "同一户在两个项目各有一处被征收房屋");

        Assert.True(household.IsFlaggedDuplicate);
        Assert.Equal(42, household.DuplicateOfId);
        Assert.Throws<DomainException>(() => NewHousehold().Household.ConfirmDuplicateOf(42, "  "));
    }
}

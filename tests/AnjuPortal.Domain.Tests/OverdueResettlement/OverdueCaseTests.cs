using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.OverdueResettlement;
using AnjuPortal.Domain.PersonalData;
using AnjuPortal.Domain.Projects;

namespace AnjuPortal.Domain.Tests.OverdueResettlement;

public sealed class OverdueCaseTests
{
    private static readonly FakeCipher Cipher = new();

    private static OverdueCase NewCase()
    {
        var project = RenovationProject.Register("NG-0001", 7,
            new RenovationProject.Details("南关项目", 2018, 100, ResettlementMode.InKind, "张三", new DateOnly(2018, 4, 1), new DateOnly(2019, 10, 1)));
        return OverdueCase.Open(project, OverdueCategory.Started, new DateOnly(2020, 12, 31), "李四");
    }

    [Fact]
    public void Open_TakesJurisdictionFromProject_AndStartsOpen()
    {
        var overdue = NewCase();

        Assert.Equal(7, overdue.JurisdictionId);
        Assert.Equal(CaseStatus.Open, overdue.Status);
        Assert.Equal(OverdueCategory.Started, overdue.Category);
        Assert.Equal("李四", overdue.ResponsibleOfficial);
    }

    [Fact]
    public void Open_ThrowsRequiredMessage_WhenOfficialIsBlank()
        => Assert.Equal("请填写包保领导。", Assert.Throws<DomainException>(() =>
            OverdueCase.Open(RenovationProject.Register("NG-0001", 7,
                new RenovationProject.Details("南关项目", 2018, 1, ResettlementMode.InKind, "张三", new DateOnly(2018, 4, 1), new DateOnly(2019, 10, 1))),
                OverdueCategory.DeadKnot, new DateOnly(2020, 12, 31), "")).Message);

    [Fact]
    public void AddHousehold_StoresOnlyProtectedAndMaskedForms_WhenIdAndPhoneGiven()
    {
        var overdue = NewCase();
        var number = TestIds.Make("220102", "19700101", 321);

        var household = overdue.AddHousehold("王五", IdCardNumber.Parse(number), PhoneNumber.Parse("13812345678"), new DateOnly(2018, 6, 30), Cipher);

        Assert.Same(household, Assert.Single(overdue.Households));
        Assert.Equal(7, household.JurisdictionId);
        Assert.Equal(Cipher.Protect(number), household.IdNumberCipher);
        Assert.Equal(Cipher.BlindIndex(number), household.IdNumberIndex);
        Assert.Equal("220102********" + number[14..], household.IdNumberMasked);
        Assert.Equal(Cipher.Protect("13812345678"), household.PhoneCipher);
        Assert.Equal("138****5678", household.PhoneMasked);
        Assert.False(household.IsResolved);
    }

    [Fact]
    public void AddHousehold_LeavesPhoneEmpty_WhenNoPhoneGiven()
    {
        var household = NewCase().AddHousehold("王五", IdCardNumber.Parse(TestIds.Make("220102", "19700101", 1)), null, new DateOnly(2018, 6, 30), Cipher);

        Assert.Null(household.PhoneCipher);
        Assert.Null(household.PhoneMasked);
    }

    [Fact]
    public void ResolveHousehold_RecordsMethodAndDate_WhenFirstTime()
    {
        var overdue = NewCase();
        var household = overdue.AddHousehold("王五", IdCardNumber.Parse(TestIds.Make("220102", "19700101", 1)), null, new DateOnly(2018, 6, 30), Cipher);

        overdue.ResolveHousehold(household, ResolutionMethod.Monetary, new DateOnly(2020, 8, 15));

        Assert.True(household.IsResolved);
        Assert.Equal(ResolutionMethod.Monetary, household.ResolutionMethod);
        Assert.Equal(new DateOnly(2020, 8, 15), household.ResolvedOn);
    }

    [Fact]
    public void ResolveHousehold_ThrowsAlreadyResolved_WhenResolvedTwice()
    {
        var overdue = NewCase();
        var household = overdue.AddHousehold("王五", IdCardNumber.Parse(TestIds.Make("220102", "19700101", 1)), null, new DateOnly(2018, 6, 30), Cipher);
        overdue.ResolveHousehold(household, ResolutionMethod.Monetary, new DateOnly(2020, 8, 15));

        var ex = Assert.Throws<DomainException>(() => overdue.ResolveHousehold(household, ResolutionMethod.OffSite, new DateOnly(2020, 9, 1)));

        Assert.Equal("该户已于 2020-08-15 以“货币化安置”方式安置，不能重复登记。", ex.Message);
        Assert.Equal(ResolutionMethod.Monetary, household.ResolutionMethod);
        Assert.Equal(new DateOnly(2020, 8, 15), household.ResolvedOn);
    }

    [Fact]
    public void AddHousehold_ThrowsRequiredMessage_WhenHeadNameIsBlank()
    {
        var overdue = NewCase();

        var ex = Assert.Throws<DomainException>(() => overdue.AddHousehold(" ", IdCardNumber.Parse(TestIds.Make("220102", "19700101", 1)), null, new DateOnly(2018, 6, 30), Cipher));

        Assert.Equal("请填写户主姓名。", ex.Message);
        Assert.Empty(overdue.Households);
    }
}

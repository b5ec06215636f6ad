using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Jurisdictions;
using AnjuPortal.Domain.OverdueResettlement;
using AnjuPortal.Domain.Projects;

namespace AnjuPortal.Domain.Tests.OverdueResettlement;

/// <summary>The 销号 workflow of a case: every transition, and every refused one with its message.</summary>
public sealed class OverdueCaseClosureTests
{
    private static readonly DateTimeOffset T0 = new(2021, 3, 1, 2, 0, 0, TimeSpan.Zero);
    private static readonly ClosureActor City = new("changchun.city", 20, "长春市", JurisdictionLevel.Prefecture);
    private static readonly ClosureActor OtherCity = new("jilin.city", 21, "吉林市", JurisdictionLevel.Prefecture);
    private static readonly ClosureActor County = new("nanguan.county", 30, "南关区", JurisdictionLevel.County);
    private static readonly ClosureActor Province = new("province.reviewer", 1, "吉林省", JurisdictionLevel.Province);

    private static readonly EvidenceFile Agreement = new(new string('a', 32), "回迁安置协议.pdf", EvidenceFileType.Pdf, 1234, new string('0', 64));

    private static OverdueCase NewCase()
    {
        var project = RenovationProject.Register("NG-0001", 30,
            new RenovationProject.Details("南关项目", 2018, 100, ResettlementMode.InKind, "张三", new DateOnly(2018, 4, 1), new DateOnly(2019, 10, 1)));
        return OverdueCase.Open(project, OverdueCategory.Started, new DateOnly(2020, 12, 31), "李四");
    }

    private static OverdueCase Applied()
    {
        var overdue = NewCase();
        overdue.ApplyForClosure("全部 12 户已回迁安置，协议齐全。", [Agreement], 0, City, T0);
        return overdue;
    }

    [Fact]
    public void ApplyForClosure_RecordsStepWithEvidence_AndAwaitsProvince()
    {
        var overdue = NewCase();

        var step = overdue.ApplyForClosure("  全部已安置。 ", [Agreement], 0, City, T0);

        Assert.Equal(CaseStatus.ClosureApplied, overdue.Status);
        Assert.Equal(ClosureStepKind.Applied, step.Kind);
        Assert.Equal("全部已安置。", step.Text);
        Assert.Equal(20, step.UnitId);
        Assert.Equal("长春市", step.UnitName);
        Assert.Equal("changchun.city", step.ActorName);
        Assert.Equal(T0, step.At);
        Assert.Equal(30, step.JurisdictionId);
        var attachment = Assert.Single(step.Attachments);
        Assert.Equal("回迁安置协议.pdf", attachment.FileName);
        Assert.Equal(30, attachment.JurisdictionId);
        Assert.Same(step, overdue.PendingApplication);
    }

    [Fact]
    public void ApplyForClosure_Refused_WhileHouseholdsUnresolved_SayingHowMany()
    {
        var overdue = NewCase();

        var ex = Assert.Throws<DomainException>(() => overdue.ApplyForClosure("已安置", [Agreement], 3, City, T0));

        Assert.Equal("尚有 3 户未安置，不能申请销号。请全部安置到位后再申请。", ex.Message);
        Assert.Equal(CaseStatus.Open, overdue.Status);
        Assert.Empty(overdue.ClosureSteps);
    }

    [Fact]
    public void ApplyForClosure_Refused_WithoutEvidence()
    {
        var ex = Assert.Throws<DomainException>(() => NewCase().ApplyForClosure("已安置", [], 0, City, T0));

        Assert.Equal("申请销号须上传证明材料（如安置协议、验收证明、现场照片）。", ex.Message);
        Assert.Equal("Evidence", ex.Field);
    }

    [Fact]
    public void ApplyForClosure_Refused_WithoutStatement()
        => Assert.Equal("请填写申请说明。", Assert.Throws<DomainException>(() => NewCase().ApplyForClosure("  ", [Agreement], 0, City, T0)).Message);

    [Theory]
    [InlineData(JurisdictionLevel.County, "南关区")]
    [InlineData(JurisdictionLevel.Province, "吉林省")]
    public void ApplyForClosure_Refused_UnlessACityApplies(JurisdictionLevel level, string unit)
    {
        var ex = Assert.Throws<DomainException>(() => NewCase().ApplyForClosure("已安置", [Agreement], 0, new ClosureActor("x", 9, unit, level), T0));

        Assert.StartsWith($"销号申请由市（州）提出，{unit}不能申请销号。", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ApplyForClosure_Refused_WhenAlreadyApplied()
        => Assert.Equal("该台账项目已申请销号，正在等待省级核验，不能重复申请。",
            Assert.Throws<DomainException>(() => Applied().ApplyForClosure("再次", [Agreement], 0, City, T0.AddDays(1))).Message);

    [Fact]
    public void ApplyForClosure_Refused_ForAClosedCase()
    {
        var overdue = Applied();
        overdue.Close("材料齐全，同意销号。", Province, T0.AddDays(2));

        var ex = Assert.Throws<DomainException>(() => overdue.ApplyForClosure("再次", [Agreement], 0, City, T0.AddDays(3)));

        Assert.StartsWith("该台账项目已销号，不能再申请销号。", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReturnClosure_ReopensTheCase_WithTheReason()
    {
        var overdue = Applied();

        var step = overdue.ReturnClosure("缺少 3 户的回迁安置协议。", Province, T0.AddDays(1));

        Assert.Equal(CaseStatus.Open, overdue.Status);
        Assert.Equal(ClosureStepKind.Returned, step.Kind);
        Assert.Equal("缺少 3 户的回迁安置协议。", step.Text);
        Assert.Null(overdue.PendingApplication);
        Assert.Equal(2, overdue.ClosureSteps.Count);
    }

    [Fact]
    public void ReturnClosure_Refused_WithoutReason()
    {
        var overdue = Applied();

        Assert.Equal("请填写退回原因。", Assert.Throws<DomainException>(() => overdue.ReturnClosure(" ", Province, T0)).Message);
        Assert.Equal(CaseStatus.ClosureApplied, overdue.Status);
    }

    [Fact]
    public void ReturnClosure_Refused_WhenNothingApplied()
        => Assert.Equal("该台账项目当前状态为“推进中”，没有待核验的销号申请，不能退回。",
            Assert.Throws<DomainException>(() => NewCase().ReturnClosure("理由", Province, T0)).Message);

    [Fact]
    public void Close_ClosesTheCase_WithTheOpinion()
    {
        var overdue = Applied();

        var step = overdue.Close("经核验，材料齐全，同意销号。", Province, T0.AddDays(1));

        Assert.Equal(CaseStatus.Closed, overdue.Status);
        Assert.Equal(ClosureStepKind.Closed, step.Kind);
        Assert.Equal("吉林省", step.UnitName);
    }

    [Fact]
    public void Close_Refused_WhenNotAppliedFor()
    {
        var ex = Assert.Throws<DomainException>(() => NewCase().Close("同意", Province, T0));

        Assert.Equal("该台账项目当前状态为“推进中”，尚未申请销号，不能核验销号。", ex.Message);
    }

    [Fact]
    public void Close_Refused_WithoutOpinion()
        => Assert.Equal("请填写核验意见。", Assert.Throws<DomainException>(() => Applied().Close("", Province, T0)).Message);

    [Theory]
    [InlineData(JurisdictionLevel.County, "南关区")]
    [InlineData(JurisdictionLevel.Prefecture, "长春市")]
    [InlineData(JurisdictionLevel.Prefecture, "吉林市")]
    public void CloseAndReturn_Refused_BelowTheProvince(JurisdictionLevel level, string unit)
    {
        var overdue = Applied();
        var actor = new ClosureActor("x", unit == "长春市" ? City.UnitId : 99, unit, level);

        var close = Assert.Throws<DomainException>(() => overdue.Close("同意", actor, T0));
        var back = Assert.Throws<DomainException>(() => overdue.ReturnClosure("退回", actor, T0));

        Assert.Equal($"销号由省级核验办理，{unit}不能核验、退回或重新打开。", close.Message);
        Assert.Equal(close.Message, back.Message);
        Assert.Equal(CaseStatus.ClosureApplied, overdue.Status);
    }

    [Fact]
    public void Close_Refused_OnTheReviewersOwnApplication()
    {
        // Only a city applies, so this guards a tree where a province-level unit's own case got an application (data moved).
        var overdue = NewCase();
        overdue.ApplyForClosure("已安置", [Agreement], 0, City, T0);
        var sameUnit = new ClosureActor("city.as.reviewer", City.UnitId, "长春市", JurisdictionLevel.Province);

        Assert.Equal("不能核验或退回本单位提出的销号申请。", Assert.Throws<DomainException>(() => overdue.Close("同意", sameUnit, T0)).Message);
    }

    [Fact]
    public void Reopen_OpensAClosedCase_KeepingEveryStep()
    {
        var overdue = Applied();
        overdue.Close("同意销号。", Province, T0.AddDays(1));

        var step = overdue.Reopen("群众反映 2 户未实际入住，需重新核实。", Province, T0.AddDays(30));

        Assert.Equal(CaseStatus.Open, overdue.Status);
        Assert.Equal(ClosureStepKind.Reopened, step.Kind);
        Assert.Equal([ClosureStepKind.Applied, ClosureStepKind.Closed, ClosureStepKind.Reopened], overdue.ClosureSteps.Select(s => s.Kind));
    }

    [Fact]
    public void Reopen_Refused_WithoutReason()
    {
        var overdue = Applied();
        overdue.Close("同意销号。", Province, T0.AddDays(1));

        Assert.Equal("请填写重新打开原因。", Assert.Throws<DomainException>(() => overdue.Reopen("  ", Province, T0)).Message);
        Assert.Equal(CaseStatus.Closed, overdue.Status);
    }

    [Fact]
    public void Reopen_Refused_UnlessClosed()
        => Assert.Equal("该台账项目当前状态为“已申请销号”，只有已销号的项目才能重新打开。",
            Assert.Throws<DomainException>(() => Applied().Reopen("理由", Province, T0)).Message);

    [Fact]
    public void Reopen_Refused_ForACity()
    {
        var overdue = Applied();
        overdue.Close("同意销号。", Province, T0.AddDays(1));

        Assert.StartsWith("销号由省级核验办理，吉林市", Assert.Throws<DomainException>(() => overdue.Reopen("理由", OtherCity, T0)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Households_CannotChange_WhileClosureApplied()
        => Assert.Throws<DomainException>(() => Applied().AddHousehold("王五",
            Domain.PersonalData.IdCardNumber.Parse(TestIds.Make("220102", "19700101", 1)), null, new DateOnly(2018, 6, 30), new FakeCipher()));

    [Fact]
    public void ApplyAgain_AfterReturn_IsAccepted()
    {
        var overdue = Applied();
        overdue.ReturnClosure("补充材料。", Province, T0.AddDays(1));

        overdue.ApplyForClosure("已补充。", [Agreement with { StorageKey = new string('b', 32) }], 0, City, T0.AddDays(2));

        Assert.Equal(CaseStatus.ClosureApplied, overdue.Status);
        Assert.Equal("已补充。", overdue.PendingApplication!.Text);
    }
}

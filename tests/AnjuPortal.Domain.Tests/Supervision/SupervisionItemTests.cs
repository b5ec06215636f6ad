using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Jurisdictions;
using AnjuPortal.Domain.OverdueResettlement;
using AnjuPortal.Domain.Supervision;

namespace AnjuPortal.Domain.Tests.Supervision;

public sealed class SupervisionItemTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 2, 0, 0, TimeSpan.Zero);
    private static readonly SupervisionActor Province = new("supervisor", 1, "吉林省", JurisdictionLevel.Province);
    private static readonly SupervisionActor City = new("cc-operator", 2, "长春市", JurisdictionLevel.Prefecture);
    private static readonly SupervisionActor OtherCity = new("jl-operator", 3, "吉林市", JurisdictionLevel.Prefecture);
    private static readonly EvidenceFile Evidence = new(new string('a', 32), "整改报告.pdf", EvidenceFileType.Pdf, 1024, new string('b', 64));

    private static SupervisionItem NewItem(SupervisionLevel level = SupervisionLevel.PointGuidance)
        => SupervisionItem.Open(City.UnitId, JurisdictionLevel.Prefecture, new SupervisionItemContent(
            "南关区某项目逾期未回迁问题", SupervisionSource.StateCouncilInspection, "国督〔2026〕12号问题清单第3项", level, new DateOnly(2026, 12, 31), "年底前完成回迁安置并报送佐证材料。"), Province, Now);

    [Fact]
    public void Workflow_OpenRaiseReportReturnReportClose_RecordsEveryStep()
    {
        var item = NewItem();
        item.RaiseLevel(SupervisionLevel.KeyTracking, "群众反映强烈", Province, Now.AddDays(1));
        item.Report("已完成 20 户回迁。", [Evidence], City, Now.AddDays(2));
        Assert.Equal(SupervisionStatus.Reported, item.Status);
        item.Return("缺少回迁入住照片。", Province, Now.AddDays(3));
        Assert.Equal(SupervisionStatus.Open, item.Status);
        item.Report("已补充照片。", [Evidence with { StorageKey = new string('c', 32) }], City, Now.AddDays(4));
        item.Close("经核查，整改到位，同意销项。", Province, Now.AddDays(5));

        Assert.Equal(SupervisionStatus.Closed, item.Status);
        Assert.Equal(Now.AddDays(5), item.ClosedAt);
        Assert.Equal(SupervisionLevel.KeyTracking, item.Level);
        Assert.Equal(
            [SupervisionStepKind.Opened, SupervisionStepKind.LevelRaised, SupervisionStepKind.Reported, SupervisionStepKind.Returned, SupervisionStepKind.Reported, SupervisionStepKind.Closed],
            item.Steps.Select(s => s.Kind));
        Assert.Single(item.Steps.ElementAt(2).Attachments);
        Assert.Equal(SupervisionLight.None, item.Light(new DateOnly(2027, 2, 1)));
    }

    [Fact]
    public void Close_Refused_WithoutRectificationReport()
    {
        var item = NewItem();
        var ex = Assert.Throws<DomainException>(() => item.Close("同意销项", Province, Now));
        Assert.Equal("责任单位尚未报送整改报告，不能退回或销项。", ex.Message);
        Assert.Equal(SupervisionStatus.Open, item.Status);
    }

    [Fact]
    public void Close_Refused_WhenTheResponsibleUnitClosesItsOwnItem()
    {
        var item = NewItem();
        item.Report("已整改。", [Evidence], City, Now);
        var ex = Assert.Throws<DomainException>(() => item.Close("自行销项", City, Now));
        Assert.Equal("责任单位不能对本单位的督办事项退回或销项。", ex.Message);
    }

    [Fact]
    public void Close_Refused_ForAUnitOtherThanTheIssuer()
    {
        var item = NewItem();
        item.Report("已整改。", [Evidence], City, Now);
        var ex = Assert.Throws<DomainException>(() => item.Close(null, OtherCity, Now));
        Assert.Equal("只有交办单位（吉林省）才能办理此操作。", ex.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void Return_Refused_WithoutReason(string? reason)
    {
        var item = NewItem();
        item.Report("已整改。", [Evidence], City, Now);
        var ex = Assert.Throws<DomainException>(() => item.Return(reason, Province, Now));
        Assert.Equal("请填写退回原因。", ex.Message);
        Assert.Equal(SupervisionStatus.Reported, item.Status);
    }

    [Fact]
    public void Report_Refused_WithoutEvidence_ByAnotherUnit_OrTwice()
    {
        var item = NewItem();
        Assert.Equal("报送整改报告须上传佐证材料（如整改文件、现场照片）。", Assert.Throws<DomainException>(() => item.Report("已整改。", [], City, Now)).Message);
        Assert.Equal("只有责任单位才能报送整改报告。", Assert.Throws<DomainException>(() => item.Report("已整改。", [Evidence], OtherCity, Now)).Message);
        item.Report("已整改。", [Evidence], City, Now);
        Assert.Contains("等待交办单位审核", Assert.Throws<DomainException>(() => item.Report("再报一次。", [Evidence], City, Now)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RaiseLevel_Refused_WhenNotHigher_OrAfterClosing()
    {
        var item = NewItem(SupervisionLevel.KeyTracking);
        Assert.Equal("督办层级只能提升：当前为“重点跟踪”，请选择更高的层级。",
            Assert.Throws<DomainException>(() => item.RaiseLevel(SupervisionLevel.PointGuidance, null, Province, Now)).Message);
        item.Report("已整改。", [Evidence], City, Now);
        item.Close(null, Province, Now);
        Assert.Equal("该督办事项已销项，不能再办理。", Assert.Throws<DomainException>(() => item.RaiseLevel(SupervisionLevel.OnSite, null, Province, Now)).Message);
    }

    [Fact]
    public void Open_Refused_ForOwnLevel_OrPastDeadline_OrWithoutTitle()
    {
        var content = new SupervisionItemContent("标题", SupervisionSource.AuditFinding, null, SupervisionLevel.PointGuidance, new DateOnly(2026, 12, 31), "要求");
        Assert.Equal("督办事项只能交办给下级市（州）或县（市、区）。",
            Assert.Throws<DomainException>(() => SupervisionItem.Open(1, JurisdictionLevel.Province, content, Province, Now)).Message);
        Assert.Equal("整改时限不能早于今天。",
            Assert.Throws<DomainException>(() => SupervisionItem.Open(2, JurisdictionLevel.Prefecture, content with { Deadline = new DateOnly(2026, 11, 25) }, Province, Now)).Message);
        Assert.Equal("请填写督办事项名称。",
            Assert.Throws<DomainException>(() => SupervisionItem.Open(2, JurisdictionLevel.Prefecture, content with { Title = " " }, Province, Now)).Message);
    }
}

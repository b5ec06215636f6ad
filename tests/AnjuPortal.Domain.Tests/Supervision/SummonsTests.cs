using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Jurisdictions;
using AnjuPortal.Domain.Supervision;

namespace AnjuPortal.Domain.Tests.Supervision;

public sealed class SummonsTests
{
    private static readonly DateTimeOffset Scheduled = new(2026, 12, 3, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly SummonsPlan Plan = new("10月全省排名末位，逾期未安置户数不降反升。", Scheduled, "省住建厅 3 楼会议室", "省住建厅 王副厅长", 2026, 10);

    private static Summons NewSummons() => Summons.Plan(2, JurisdictionLevel.Prefecture, 1, JurisdictionLevel.Province, Plan);

    [Fact]
    public void Record_HoldsTheSummons_WithAttendeesAndCommitments()
    {
        var summons = NewSummons();
        Assert.Equal(SummonsStatus.Planned, summons.Status);
        Assert.Equal(Scheduled.ToUniversalTime(), summons.ScheduledAt);
        Assert.Equal(TimeSpan.Zero, summons.ScheduledAt.Offset);

        summons.Record(" 李四 长春市副市长 \n\n 赵六 长春市住建局局长", [new SummonsCommitment("12月底前完成 120 户回迁", new DateOnly(2026, 12, 31)), new SummonsCommitment("每周报送进展", null)], "表态发言", Scheduled.AddHours(2), "supervisor");

        Assert.Equal(SummonsStatus.Held, summons.Status);
        Assert.Equal("李四 长春市副市长\n赵六 长春市住建局局长", summons.Attendees);
        Assert.Equal(2, summons.Commitments.Count);
        Assert.Equal("supervisor", summons.RecordedBy);
    }

    [Fact]
    public void Record_Refused_WithoutCommitments_OrAttendees()
    {
        var summons = NewSummons();
        Assert.Equal("请至少记录一条表态或整改承诺。", Assert.Throws<DomainException>(() => summons.Record("李四 副市长", [], null, Scheduled, "s")).Message);
        Assert.Equal("请填写参加人员。", Assert.Throws<DomainException>(() => summons.Record(" \n ", [new SummonsCommitment("承诺", null)], null, Scheduled, "s")).Message);
        Assert.Equal(SummonsStatus.Planned, summons.Status);
    }

    [Fact]
    public void Cancel_NeedsReason_AndEndsThePlan()
    {
        var summons = NewSummons();
        Assert.Equal("请填写取消原因。", Assert.Throws<DomainException>(() => summons.Cancel("", Scheduled)).Message);
        summons.Cancel("该市已于11月底前完成整改。", Scheduled);
        Assert.Equal(SummonsStatus.Cancelled, summons.Status);
        Assert.Equal("该约谈当前状态为“已取消”，不能再办理此操作。",
            Assert.Throws<DomainException>(() => summons.Record("李四", [new SummonsCommitment("承诺", null)], null, Scheduled, "s")).Message);
    }

    [Fact]
    public void Plan_Refused_ForTheProvince_OrHalfARankingMonth()
    {
        Assert.Equal("约谈对象只能是下级市（州）或县（市、区）。",
            Assert.Throws<DomainException>(() => Summons.Plan(1, JurisdictionLevel.Province, 1, JurisdictionLevel.Province, Plan)).Message);
        Assert.Equal("关联排名须同时填写年份和月份。",
            Assert.Throws<DomainException>(() => Summons.Plan(2, JurisdictionLevel.Prefecture, 1, JurisdictionLevel.Province, Plan with { RankingMonth = null })).Message);
    }
}

using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Jurisdictions;
using AnjuPortal.Domain.Supervision;
using AnjuPortal.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Infrastructure.Seed.Demo;

/// <summary>
/// 督办 and 约谈 in the demo, so a new user sees each light: a red item of 吉林市 (its deadline passed five days ago),
/// a yellow one of 长春市 (due in three days), a green one of 南关区 from a complaint, and a held summons of 白城市 with
/// its commitments. Dates follow the clock. Skipped when any item or summons exists already.
/// </summary>
internal static class DemoSupervision
{
    public static async Task SeedAsync(SystemDbContextFactory contexts, TimeProvider clock, CancellationToken ct)
    {
        await using var db = contexts.Create();
        if (await db.SupervisionItems.AnyAsync(ct) || await db.Summonses.AnyAsync(ct))
        {
            return;
        }

        var units = await db.Jurisdictions.AsNoTracking().Where(j => j.Code == "220000" || j.Code == "220100" || j.Code == "220200" || j.Code == "220102" || j.Code == "220800")
            .ToDictionaryAsync(j => j.Code, ct);
        if (!units.TryGetValue("220000", out var province))
        {
            return;
        }

        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var issuer = new SupervisionActor("supervisor", province.Id, province.Name, JurisdictionLevel.Province);

        if (units.TryGetValue("220200", out var jilin))
        {
            var red = SupervisionItem.Open(jilin.Id, jilin.Level, new SupervisionItemContent(
                "吉林市部分逾期项目安置进度滞后问题", SupervisionSource.ProvincialInspection, "省督查问题清单第 5 项", SupervisionLevel.KeyTracking, today.AddDays(-5),
                "对逾期未安置项目逐项制定“一项一案”，明确安置时限和责任人，按期报送整改报告及安置协议等佐证材料。"), issuer, now.AddDays(-35));
            db.SupervisionItems.Add(red);
        }

        if (units.TryGetValue("220100", out var changchun))
        {
            var yellow = SupervisionItem.Open(changchun.Id, changchun.Level, new SupervisionItemContent(
                "长春市过渡费拖欠问题", SupervisionSource.StateCouncilInspection, "国务院大督查反馈问题第 3 项", SupervisionLevel.PointGuidance, today.AddDays(3),
                "核清拖欠过渡费户数和金额，限期足额发放，报送发放凭证。"), issuer, now.AddDays(-20));
            db.SupervisionItems.Add(yellow);
        }

        if (units.TryGetValue("220102", out var nanguan))
        {
            var green = SupervisionItem.Open(nanguan.Id, nanguan.Level, new SupervisionItemContent(
                "群众反映回迁房交付延期", SupervisionSource.Complaint, "TS-DEMO-0001", SupervisionLevel.PointGuidance, today.AddDays(30),
                "核实情况，向来信群众说明交付计划，并报送核实和答复情况。"), issuer, now.AddDays(-2));
            db.SupervisionItems.Add(green);
        }

        if (units.TryGetValue("220800", out var baicheng))
        {
            var held = ChinaTime.StartOf(today.AddDays(-10)).AddHours(9.5).ToUniversalTime(); // 09:30 in China, ten days ago
            var summons = Summons.Plan(baicheng.Id, baicheng.Level, province.Id, province.Level, new SummonsPlan(
                "上月全省逾期未安置问题解决进度排名末位，多个项目未按期开工。", held, "省住房城乡建设厅 3 楼会议室", "省住房城乡建设厅 副厅长（演示）",
                ChinaTime.DateOf(held.AddMonths(-1)).Year, ChinaTime.DateOf(held.AddMonths(-1)).Month));
            summons.Record(
                "白城市人民政府 副市长（演示）\n白城市住房城乡建设局 局长（演示）",
                [new SummonsCommitment("本月底前完成剩余项目开工手续", today.AddDays(20)), new SummonsCommitment("每周向省厅报送一次进展", null)],
                "被约谈单位作表态发言，承诺限期整改。", held.AddHours(2), "supervisor");
            db.Summonses.Add(summons);
        }

        await db.SaveChangesAsync(ct);
    }
}

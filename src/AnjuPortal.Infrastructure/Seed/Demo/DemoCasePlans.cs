using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.OverdueResettlement;

namespace AnjuPortal.Infrastructure.Seed.Demo;

/// <summary>
/// Gives each demo ledger case the facts its category needs, a plan 一项一案 with three or four milestones (some
/// completed, some overdue, so the ledger shows amber and red lights) and, for some dead knots 死结, the earlier
/// litigation category they were changed from. Uses its own random numbers per case, so the rest of the demo data
/// (and the notice's figures it reproduces) does not move.
/// </summary>
internal static class DemoCasePlans
{
    private static readonly string[] Courts = ["区人民法院", "市中级人民法院"];
    private static readonly string[] Developers = ["鑫达房地产开发有限公司", "华宇置业有限公司", "恒泰建设集团有限公司", "北方城建开发有限公司"];
    private static readonly string[] Takeovers = ["市城市建设投资集团", "省安居投资有限公司"];

    /// <summary>Whether the case is opened first as litigation and later changed to a dead knot (about a third of the dead knots).</summary>
    public static bool StartsAsLitigation(OverdueCategory category, int index) => category == OverdueCategory.DeadKnot && index % 3 == 0;

    public static void Fill(OverdueCase overdueCase, OverdueCategory category, int index)
    {
        var random = new Random(7919 * (index + 1));
        var target = overdueCase.TargetDate;
        var year = target.Year;
        if (StartsAsLitigation(category, index))
        {
            overdueCase.EditCategoryDetails(Details(OverdueCategory.Litigation, random, year, index));
            overdueCase.ChangeCategory(category, "法院判决后开发企业无力履行，转为政府兜底", Details(category, random, year, index),
                "演示数据", ChinaTime.StartOf(new DateOnly(year, 5, 10)).ToUniversalTime()); // UTC: PostgreSQL stores no other offset
        }
        else
        {
            overdueCase.EditCategoryDetails(Details(category, random, year, index));
        }

        overdueCase.EditPlan(Measures(category), overdueCase.ResponsibleOfficial);
        var steps = Steps(category);
        for (var i = 0; i < steps.Length; i++)
        {
            // The last step is due on the target date, the earlier ones every 50 to 80 days before it.
            var due = target.AddDays(-(steps.Length - 1 - i) * random.Next(50, 81));
            var milestone = overdueCase.AddMilestone(steps[i], due);
            // Three in four earlier steps are done (a few late); the rest stay open and are overdue once their date passes.
            if (i < steps.Length - 1 && random.NextDouble() < 0.75)
            {
                overdueCase.CompleteMilestone(milestone, due.AddDays(random.Next(-20, 15)));
            }
        }
    }

    private static CategoryDetails Details(OverdueCategory category, Random random, int year, int index) => category switch
    {
        OverdueCategory.Litigation => new()
        {
            CourtName = Courts[random.Next(Courts.Length)].Insert(0, "所在地"), CourtCaseNumber = $"（{year - 1}）吉民初{100 + index}号",
            JointMeetingDate = new DateOnly(year, 4, random.Next(1, 29)), FallbackMethod = random.NextDouble() < 0.5 ? ResolutionMethod.Monetary : ResolutionMethod.Transitional,
        },
        OverdueCategory.Started => new()
        {
            ConstructionProgress = random.NextDouble() < 0.5 ? "主体施工至 12 层" : "主体封顶，外墙保温施工中",
            ExpectedDeliveryDate = new DateOnly(year, random.Next(9, 13), 15),
        },
        OverdueCategory.NotStarted => new()
        {
            NotStartedCause = random.NextDouble() < 0.6 ? NotStartedCause.Expropriation : NotStartedCause.PlanningAdjustment,
            WishesSurvey = "已逐户开展安置意愿调查，多数群众同意调整为货币化安置",
            LegalProcess = random.NextDouble() < 0.3 ? "对 3 户拒不搬迁户已申请法院强制执行" : null,
        },
        OverdueCategory.CannotBuild => new()
        {
            ConsultationOutcome = "经多轮协商，群众同意异地或过渡性安置",
            AlternativeMethod = ResolutionMethod.Transitional,
            SupplementaryAgreementTerms = "签订补充协议：过渡期 24 个月，按月发放过渡费，期满优先选房",
        },
        OverdueCategory.InfrastructureMissing => new()
        {
            MissingInfrastructure = "供热管网、小区道路和供水二次加压设施",
            InfrastructurePlan = "财政资金先行建设配套，先安置后完善",
            InfrastructureFunds = Math.Round(200m + (decimal)random.NextDouble() * 800m, 2),
        },
        OverdueCategory.StalledForFunds => random.NextDouble() < 0.5
            ? new() { ProjectRunner = ProjectRunner.Government, FundingPlan = "申请棚改专项债券并协调政策性银行贷款" }
            : new()
            {
                ProjectRunner = ProjectRunner.Developer, FundingPlan = "督促企业筹资，无力续建的引入国有企业接盘",
                TakeoverCompany = Takeovers[random.Next(Takeovers.Length)], LiquidationStatus = LiquidationStatus.InProgress,
            },
        OverdueCategory.NotAccepted => new()
        {
            MissingApprovals = "规划核实、消防验收手续，按容缺机制先行办理",
            UnpaidTaxes = Math.Round(20m + (decimal)random.NextDouble() * 300m, 2),
            AcceptanceDate = new DateOnly(year, random.Next(6, 11), 30),
        },
        OverdueCategory.DeveloperReneges => new()
        {
            DeveloperName = Developers[random.Next(Developers.Length)],
            PerformanceOrderedOn = new DateOnly(year, 3, random.Next(1, 29)),
            AccountsSealedOn = random.NextDouble() < 0.5 ? new DateOnly(year, 5, random.Next(1, 29)) : null,
        },
        _ => new()
        {
            Backstop = (BackstopMethod)random.Next(1, 4),
            BackstopPlan = "政府兜底：筹集异地房源或直接货币补偿，资金由专项债券解决",
            BondFunds = Math.Round(500m + (decimal)random.NextDouble() * 1500m, 2),
        },
    };

    private static string Measures(OverdueCategory category) => category switch
    {
        OverdueCategory.Litigation => "建立府院联动机制，推动法院 9 月底前判决；不能判决的采取货币化、异地或过渡性安置。",
        OverdueCategory.Started => "倒排工期，加快建设进度，同步签订回迁安置协议，确保年底前回迁。",
        OverdueCategory.NotStarted => "入户调查群众意愿，调整安置方式；对拒不搬迁的依法启动司法程序。",
        OverdueCategory.CannotBuild => "与群众充分协商，采取货币化、异地或过渡性安置，过渡安置签订补充协议。",
        OverdueCategory.InfrastructureMissing => "制定配套建设方案，财政资金先行投入，先安置后完善。",
        OverdueCategory.StalledForFunds => "政府项目争取债券和贷款；企业项目督促、帮扶，必要时引入接盘企业并开展资产清算。",
        OverdueCategory.NotAccepted => "启用容缺机制补办手续，依法追缴欠缴税费，尽快组织验收交付。",
        OverdueCategory.DeveloperReneges => "责令企业履约，依法查封账户，必要时收回开发权并另行确定开发企业。",
        _ => "政府兜底，采取异地安置、直接货币补偿或过渡性安置，资金由专项债券解决。",
    };

    private static string[] Steps(OverdueCategory category) => category switch
    {
        OverdueCategory.Litigation => ["召开府院联动会议", "法院作出判决", "签订安置协议", "完成安置"],
        OverdueCategory.Started => ["主体封顶", "完成室外配套", "签订回迁安置协议", "交付回迁"],
        OverdueCategory.NotStarted => ["完成意愿调查", "确定安置方式", "完成安置"],
        OverdueCategory.CannotBuild => ["完成协商", "签订补充协议", "完成安置"],
        OverdueCategory.InfrastructureMissing => ["配套方案批复", "配套工程完工", "交付回迁"],
        OverdueCategory.StalledForFunds => ["落实资金", "复工建设", "交付回迁"],
        OverdueCategory.NotAccepted => ["容缺补办手续", "追缴税费", "组织竣工验收", "交付回迁"],
        OverdueCategory.DeveloperReneges => ["下达责令履约通知", "确定新开发企业", "交付回迁"],
        _ => ["确定兜底方案", "落实债券资金", "完成安置"],
    };
}

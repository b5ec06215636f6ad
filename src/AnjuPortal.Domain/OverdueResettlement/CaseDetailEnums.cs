namespace AnjuPortal.Domain.OverdueResettlement;

/// <summary>Why a case of category 3 (未开工) has not started.</summary>
public enum NotStartedCause
{
    /// <summary>征收未完成</summary>
    Expropriation = 1,
    /// <summary>规划调整</summary>
    PlanningAdjustment = 2,
}

/// <summary>Who runs a project stalled for funds (category 6): the notice prescribes different measures for each.</summary>
public enum ProjectRunner
{
    /// <summary>政府实施</summary>
    Government = 1,
    /// <summary>企业实施</summary>
    Developer = 2,
}

/// <summary>资产清算 of a developer's stalled project, before a takeover 接盘.</summary>
public enum LiquidationStatus
{
    /// <summary>未启动</summary>
    NotStarted = 1,
    /// <summary>清算中</summary>
    InProgress = 2,
    /// <summary>已完成</summary>
    Completed = 3,
    /// <summary>无需清算</summary>
    NotNeeded = 4,
}

/// <summary>The government backstop 兜底 chosen for a dead knot (category 9).</summary>
public enum BackstopMethod
{
    /// <summary>异地房源安置</summary>
    OffSiteHousing = 1,
    /// <summary>直接货币补偿</summary>
    DirectCash = 2,
    /// <summary>过渡性安置</summary>
    Transitional = 3,
}

/// <summary>
/// The warning light 预警灯 of a case's plan: amber when a milestone is a little overdue, red when one is long
/// overdue or the case's target date has passed (<see cref="OverdueCase.AlertFor"/>).
/// </summary>
public enum CaseAlert
{
    /// <summary>正常</summary>
    Green = 0,
    /// <summary>黄灯</summary>
    Amber = 1,
    /// <summary>红灯</summary>
    Red = 2,
}

/// <summary>How a category field is entered and shown.</summary>
public enum CaseFieldKind
{
    Text,
    LongText,
    Date,
    Money,
    Choice,
}

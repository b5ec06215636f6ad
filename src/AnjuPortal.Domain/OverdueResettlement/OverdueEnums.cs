namespace AnjuPortal.Domain.OverdueResettlement;

/// <summary>The nine categories of overdue resettlement 棚改逾期未安置 in the notice (吉安居办〔2020〕18号, part 2(2)).</summary>
public enum OverdueCategory
{
    /// <summary>1 涉法涉诉</summary>
    Litigation = 1,
    /// <summary>2 已开工</summary>
    Started = 2,
    /// <summary>3 未开工（征收、规划调整）</summary>
    NotStarted = 3,
    /// <summary>4 无法建设、群众要求原地回迁</summary>
    CannotBuild = 4,
    /// <summary>5 主体建成、配套不完善</summary>
    InfrastructureMissing = 5,
    /// <summary>6 资金短缺停工</summary>
    StalledForFunds = 6,
    /// <summary>7 建成未验收</summary>
    NotAccepted = 7,
    /// <summary>8 企业不兑现协议</summary>
    DeveloperReneges = 8,
    /// <summary>9 “死结”</summary>
    DeadKnot = 9,
}

/// <summary>Status of a ledger case. Nothing disappears: a closed case keeps its history and can be reopened.</summary>
public enum CaseStatus
{
    /// <summary>推进中</summary>
    Open = 0,
    /// <summary>已申请销号</summary>
    ClosureApplied = 1,
    /// <summary>已销号</summary>
    Closed = 2,
}

/// <summary>How an overdue household is resolved.</summary>
public enum ResolutionMethod
{
    /// <summary>回迁安置</summary>
    ReturnResettlement = 0,
    /// <summary>货币化安置</summary>
    Monetary = 1,
    /// <summary>异地安置</summary>
    OffSite = 2,
    /// <summary>过渡性安置 (temporary, with transition fees until the return)</summary>
    Transitional = 3,
}

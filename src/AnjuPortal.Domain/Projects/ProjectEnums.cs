namespace AnjuPortal.Domain.Projects;

/// <summary>Stages of a renovation project, in the order the notice lists the work. A project moves forward one stage at a time.</summary>
public enum ProjectStage
{
    /// <summary>立项审批</summary>
    Approval = 0,
    /// <summary>用地供应</summary>
    LandSupply = 1,
    /// <summary>资金筹集</summary>
    Financing = 2,
    /// <summary>房屋征收</summary>
    Expropriation = 3,
    /// <summary>开工建设</summary>
    UnderConstruction = 4,
    /// <summary>主体完工</summary>
    StructureCompleted = 5,
    /// <summary>竣工验收</summary>
    Accepted = 6,
    /// <summary>回迁交付</summary>
    Delivered = 7,
}

/// <summary>安置方式 of a project.</summary>
public enum ResettlementMode
{
    /// <summary>实物安置</summary>
    InKind = 0,
    /// <summary>货币化安置</summary>
    Monetary = 1,
    /// <summary>实物与货币相结合</summary>
    Mixed = 2,
}

/// <summary>资金来源 of shantytown renovation money.</summary>
public enum FundingSource
{
    /// <summary>中央财政补助</summary>
    CentralSubsidy = 0,
    /// <summary>棚改专项债券</summary>
    SpecialBonds = 1,
    /// <summary>政策性银行贷款</summary>
    PolicyBankLoans = 2,
    /// <summary>地方财政资金</summary>
    LocalFiscal = 3,
    /// <summary>社会资本</summary>
    SocialCapital = 4,
}

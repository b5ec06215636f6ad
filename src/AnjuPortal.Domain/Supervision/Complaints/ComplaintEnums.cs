namespace AnjuPortal.Domain.Supervision.Complaints;

/// <summary>What a complaint 举报投诉 is about. Labels: DomainText <c>ComplaintCategory_*</c>.</summary>
public enum ComplaintCategory
{
    /// <summary>逾期未安置</summary>
    OverdueResettlement = 0,
    /// <summary>工程质量</summary>
    ConstructionQuality = 1,
    /// <summary>征收补偿</summary>
    ExpropriationCompensation = 2,
    /// <summary>其他</summary>
    Other = 3,
}

/// <summary>Where a complaint stands: 待处理 → 处理中 → 已答复. Labels: DomainText <c>ComplaintStatus_*</c>.</summary>
public enum ComplaintStatus
{
    Pending = 0,
    InProgress = 1,
    Answered = 2,
}

/// <summary>What a step of a complaint's history records. Labels: DomainText <c>ComplaintStepKind_*</c>.</summary>
public enum ComplaintStepKind
{
    /// <summary>收到: submitted on the public page.</summary>
    Received = 0,
    /// <summary>开始处理</summary>
    Started = 1,
    /// <summary>关联台账: linked to a ledger case (and household).</summary>
    Linked = 2,
    /// <summary>答复</summary>
    Answered = 3,
    /// <summary>转督办: a supervision item was raised from it.</summary>
    SupervisionRaised = 4,
    /// <summary>重新处理: an answer reopened for more work.</summary>
    Reopened = 5,
}

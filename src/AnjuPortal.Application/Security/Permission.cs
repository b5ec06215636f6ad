namespace AnjuPortal.Application.Security;

/// <summary>
/// What a user may do. Granted to roles in <see cref="RolePermissions"/>, checked by the use cases themselves
/// (not only by hiding buttons); pages carry the same policy. Where a permission applies is always limited
/// by the user's jurisdiction subtree (tenancy), which is enforced separately in the data layer.
/// </summary>
public enum Permission
{
    /// <summary>查看 projects, cases, reports of the own subtree</summary>
    View,
    /// <summary>编辑 projects, targets, cases and households</summary>
    Edit,
    /// <summary>上报 monthly reports</summary>
    Submit,
    /// <summary>审核 monthly reports (approve / return)</summary>
    Approve,
    /// <summary>销号 close ledger cases</summary>
    Close,
    /// <summary>起草 and 印发 circulated notices, summons, supervision items (the number is taken at issue)</summary>
    Issue,
    /// <summary>签批 official notices before they are issued (the province's leadership)</summary>
    ApproveNotice,
    /// <summary>导出 data, including personal data in exports</summary>
    Export,
    /// <summary>查看完整身份证号 (each view is recorded)</summary>
    Unmask,
    /// <summary>管理 users and the job dashboard</summary>
    Administer,
    /// <summary>查看审计日志 and check its integrity (records of the own subtree)</summary>
    Audit,
    /// <summary>签收 official notices addressed to the own unit</summary>
    SignFor,
}

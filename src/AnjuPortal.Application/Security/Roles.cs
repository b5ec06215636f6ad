namespace AnjuPortal.Application.Security;

/// <summary>The portal's roles. Names are stable identifiers; the Chinese names come from <see cref="DisplayName"/>.</summary>
public static class Roles
{
    /// <summary>省级管理员</summary>
    public const string ProvinceAdministrator = "ProvinceAdministrator";
    /// <summary>省级审核员</summary>
    public const string ProvinceReviewer = "ProvinceReviewer";
    /// <summary>督查人员</summary>
    public const string Supervisor = "Supervisor";
    /// <summary>市（州）填报员</summary>
    public const string CityOperator = "CityOperator";
    /// <summary>县（市、区）填报员</summary>
    public const string CountyOperator = "CountyOperator";
    /// <summary>系统管理员</summary>
    public const string SystemAdministrator = "SystemAdministrator";

    public static readonly IReadOnlyList<string> All =
        [ProvinceAdministrator, ProvinceReviewer, Supervisor, CityOperator, CountyOperator, SystemAdministrator];

    public static string DisplayName(string role) => role switch
    {
        ProvinceAdministrator => "省级管理员",
        ProvinceReviewer => "省级审核员",
        Supervisor => "督查人员",
        CityOperator => "市（州）填报员",
        CountyOperator => "县（市、区）填报员",
        SystemAdministrator => "系统管理员",
        _ => role,
    };
}

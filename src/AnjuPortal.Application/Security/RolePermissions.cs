namespace AnjuPortal.Application.Security;

/// <summary>The permission matrix: which role may do what. docs/security.md shows the same table.</summary>
public static class RolePermissions
{
    private static readonly Dictionary<string, Permission[]> Matrix = new(StringComparer.Ordinal)
    {
        [Roles.ProvinceAdministrator] = [Permission.View, Permission.Edit, Permission.Approve, Permission.Close, Permission.Issue, Permission.ApproveNotice, Permission.Export, Permission.Unmask, Permission.Audit],
        [Roles.ProvinceReviewer] = [Permission.View, Permission.Approve, Permission.Close, Permission.Export],
        [Roles.Supervisor] = [Permission.View, Permission.Issue, Permission.Export],
        [Roles.CityOperator] = [Permission.View, Permission.Edit, Permission.Submit, Permission.Export, Permission.SignFor],
        [Roles.CountyOperator] = [Permission.View, Permission.Edit, Permission.Submit, Permission.SignFor],
        [Roles.SystemAdministrator] = [Permission.View, Permission.Administer, Permission.Audit],
    };

    public static bool Grants(string role, Permission permission)
        => Matrix.TryGetValue(role, out var granted) && granted.Contains(permission);

    public static bool AnyGrants(IEnumerable<string> roles, Permission permission) => roles.Any(r => Grants(r, permission));

    /// <summary>The ASP.NET Core authorization policy name for a permission (pages use <c>[Authorize(Policy = ...)]</c>).</summary>
    public static string PolicyName(Permission permission) => $"Permission:{permission}";
}

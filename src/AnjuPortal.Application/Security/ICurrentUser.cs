namespace AnjuPortal.Application.Security;

/// <summary>
/// Who is acting, and over which jurisdiction subtree. In the web host it is the signed-in user; in jobs and
/// the seeder it is the system, whose scope is the whole tree.
/// </summary>
public interface ICurrentUser
{
    bool IsAuthenticated { get; }

    /// <summary>The job service and the seeder: not a person, unrestricted scope.</summary>
    bool IsSystem { get; }

    string? UserId { get; }

    string? UserName { get; }

    int? JurisdictionId { get; }

    /// <summary>Materialized path of the user's jurisdiction, e.g. <c>/220000/220100/</c>.</summary>
    string? JurisdictionPath { get; }

    string? JurisdictionName { get; }

    IReadOnlyCollection<string> Roles { get; }

    /// <summary>The client's network address, for the audit trail (null for the system).</summary>
    string? ClientAddress { get; }
}

public static class CurrentUserExtensions
{
    /// <summary>The path prefix every tenant-owned row must match. "/" (everything) for the system; a prefix matching nothing for anyone without a jurisdiction.</summary>
    public static string ScopePath(this ICurrentUser user)
        => user.IsSystem ? "/" : user.IsAuthenticated && user.JurisdictionPath is { Length: > 0 } path ? path : NoScope;

    /// <summary>A prefix no path can start with (paths start with '/').</summary>
    public const string NoScope = "#";

    public static bool Has(this ICurrentUser user, Permission permission)
        => user.IsSystem || (user.IsAuthenticated && RolePermissions.AnyGrants(user.Roles, permission));

    /// <summary>Refuses the operation unless the user holds <paramref name="permission"/>. Every use case calls this first.</summary>
    public static void Demand(this ICurrentUser user, Permission permission)
    {
        if (!user.Has(permission))
        {
            throw new PermissionDeniedException(permission);
        }
    }

    public static string ActorName(this ICurrentUser user) => user.IsSystem ? "system" : user.UserName ?? "anonymous";
}

/// <summary>The user lacks a permission. The message is shown to the user.</summary>
public sealed class PermissionDeniedException(Permission permission)
    : Exception($"您没有执行此操作的权限（{permission}）。如需开通，请联系本单位管理员。")
{
    public Permission Permission { get; } = permission;
}

/// <summary>A write touched data outside the user's jurisdiction subtree.</summary>
public sealed class TenantAccessDeniedException()
    : Exception("无权操作本辖区以外的数据。");

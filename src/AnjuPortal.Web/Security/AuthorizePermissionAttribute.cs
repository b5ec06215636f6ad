using AnjuPortal.Application.Security;
using Microsoft.AspNetCore.Authorization;

namespace AnjuPortal.Web.Security;

/// <summary>
/// <c>[Authorize(Policy = RolePermissions.PolicyName(permission))]</c> in a form an attribute can take: the
/// policy name is computed, so plain <see cref="AuthorizeAttribute"/> cannot be written with it directly.
/// Pages use <c>@attribute [AuthorizePermission(Permission.Edit)]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = true)]
public sealed class AuthorizePermissionAttribute : AuthorizeAttribute
{
    public AuthorizePermissionAttribute(Permission permission)
        : base(RolePermissions.PolicyName(permission)) => Permission = permission;

    public Permission Permission { get; }
}

using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Jurisdictions;

namespace AnjuPortal.TestSupport;

/// <summary>A user for tests: roles and a jurisdiction, as the web host builds them from the sign-in cookie.</summary>
public sealed record TestUser(
    string UserName,
    int? JurisdictionId,
    string? JurisdictionPath,
    string? JurisdictionName,
    IReadOnlyCollection<string> Roles,
    bool IsAuthenticated = true) : ICurrentUser
{
    public bool IsSystem => false;
    public string? ClientAddress { get; init; } = "127.0.0.1";
    public string? UserId => UserName;

    public static TestUser At(Jurisdiction jurisdiction, params string[] roles)
        => new($"{(roles.Length > 0 ? roles[0] : "user")}@{jurisdiction.Code}", jurisdiction.Id, jurisdiction.Path, jurisdiction.Name, roles);

    public static TestUser Anonymous { get; } = new("anonymous", null, null, null, [], IsAuthenticated: false);
}

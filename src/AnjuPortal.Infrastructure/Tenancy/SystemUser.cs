using AnjuPortal.Application.Security;

namespace AnjuPortal.Infrastructure.Tenancy;

/// <summary>The job service, the seeder and design-time tools: not a person, scope is the whole tree.</summary>
public sealed class SystemUser : ICurrentUser
{
    public static readonly SystemUser Instance = new();

    public bool IsAuthenticated => true;
    public bool IsSystem => true;
    public string? UserId => null;
    public string? UserName => "system";
    public int? JurisdictionId => null;
    public string? JurisdictionPath => "/";
    public string? JurisdictionName => null;
    public IReadOnlyCollection<string> Roles => [];
    public string? ClientAddress => null;
}

using System.Globalization;
using System.Security.Claims;
using AnjuPortal.Application.Security;
using AnjuPortal.Infrastructure.Identity;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace AnjuPortal.Web.Security;

/// <summary>
/// The signed-in user of this scope. In a Blazor circuit the principal comes from the circuit (kept current by
/// <see cref="CircuitUserHandler"/>); in a plain HTTP request, from the request.
/// </summary>
internal sealed class CurrentUser(IHttpContextAccessor http, CircuitPrincipal circuit) : ICurrentUser
{
    private static readonly ClaimsPrincipal Anonymous = new(new ClaimsIdentity());

    private ClaimsPrincipal Principal => circuit.Principal ?? http.HttpContext?.User ?? Anonymous;

    public bool IsAuthenticated => Principal.Identity?.IsAuthenticated == true;
    public bool IsSystem => false;
    public string? UserId => Principal.FindFirstValue(ClaimTypes.NameIdentifier);
    public string? UserName => Principal.Identity?.Name;
    public int? JurisdictionId => int.TryParse(Principal.FindFirstValue(AnjuClaimTypes.JurisdictionId), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : null;
    public string? JurisdictionPath => Principal.FindFirstValue(AnjuClaimTypes.JurisdictionPath);
    public string? JurisdictionName => Principal.FindFirstValue(AnjuClaimTypes.JurisdictionName);
    public IReadOnlyCollection<string> Roles => Principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
    public string? ClientAddress => circuit.ClientAddress ?? http.HttpContext?.Connection.RemoteIpAddress?.ToString();
}

/// <summary>The principal of the current Blazor circuit, if this scope is one.</summary>
internal sealed class CircuitPrincipal
{
    public ClaimsPrincipal? Principal { get; set; }

    /// <summary>The address of the connection that opened the circuit.</summary>
    public string? ClientAddress { get; set; }
}

/// <summary>
/// Copies the circuit's authentication state into <see cref="CircuitPrincipal"/> and keeps it current, and
/// records the user's activity in the circuit (at most every 30 seconds) for the idle timeout.
/// </summary>
internal sealed class CircuitUserHandler(
    AuthenticationStateProvider authentication, CircuitPrincipal principal, SessionActivity sessions, TimeProvider clock, IHttpContextAccessor http)
    : CircuitHandler, IDisposable
{
    private DateTimeOffset _lastTouched = DateTimeOffset.MinValue;

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next)
        => async context =>
        {
            var now = clock.GetUtcNow();
            if (now - _lastTouched > TimeSpan.FromSeconds(30) && principal.Principal?.FindFirstValue(SessionActivity.SessionIdClaim) is { } sessionId)
            {
                _lastTouched = now;
                await sessions.TouchAsync(sessionId);
            }

            await next(context);
        };

    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        authentication.AuthenticationStateChanged += OnChanged;
        principal.ClientAddress = http.HttpContext?.Connection.RemoteIpAddress?.ToString();
        principal.Principal = (await authentication.GetAuthenticationStateAsync()).User;
    }

    private async void OnChanged(Task<AuthenticationState> state)
    {
        try
        {
            principal.Principal = (await state).User;
        }
        catch (InvalidOperationException)
        {
            // An authentication state that failed to resolve leaves the user signed out for this circuit.
            principal.Principal = null;
        }
    }

    public void Dispose() => authentication.AuthenticationStateChanged -= OnChanged;
}

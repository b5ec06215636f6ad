using System.Globalization;
using AnjuPortal.Application.Security;
using AnjuPortal.Hosting.Health;
using AnjuPortal.Hosting.Logging;
using AnjuPortal.Hosting.Startup;
using AnjuPortal.Web.Components;
using AnjuPortal.Web.Exports;
using AnjuPortal.Web.Features.Users;
using AnjuPortal.Web.Security;
using Hangfire;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Localization;
using MudBlazor.Services;

namespace AnjuPortal.Web.Hosting;

internal static class WebSetup
{
    private static readonly CultureInfo Chinese = new("zh-CN");

    public static IServiceCollection AddAnjuWeb(this IServiceCollection services, IConfiguration configuration)
    {
        // Circuit limits set on purpose: a disconnected user gets 3 minutes to reconnect (unsaved input survives),
        // no more than 200 such circuits are kept, JS calls time out after a minute, and a message from the
        // browser is at most 64 KB (form fields, not uploads: uploads go through their own endpoint and limits).
        services.AddRazorComponents().AddInteractiveServerComponents(options =>
        {
            options.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(3);
            options.DisconnectedCircuitMaxRetained = 200;
            options.JSInteropDefaultCallTimeout = TimeSpan.FromMinutes(1);
            options.MaxBufferedUnacknowledgedRenderBatches = 10;
        }).AddHubOptions(options => options.MaximumReceiveMessageSize = 64 * 1024);
        services.AddMudServices();
        services.AddSingleton<Components.Pages.Dashboards.Components.DashboardMarkup>();
        services.AddLocalization();
        services.AddHttpContextAccessor();
        services.AddCascadingAuthenticationState();
        services.AddScoped<CircuitPrincipal>();
        services.AddScoped<ICurrentUser, CurrentUser>();
        services.AddScoped<CircuitHandler, CircuitUserHandler>();
        services.AddAuthorization(options => options.AddPermissionPolicies());
        services.AddSignInRateLimiting(configuration);
        services.AddPublicComplaintRateLimiting(configuration);
        services.AddSessionSecurity(configuration);
        services.AddScoped<UserAdministration>();
        services.AddAnjuExports();
        return services;
    }

    /// <summary>
    /// Database, demo data (demo mode only) and, when this process runs the Hangfire server (<c>Jobs:RunServer</c>),
    /// the recurring job schedule; a web node without a server leaves the schedule to the job service (ADR-011).
    /// </summary>
    public static Task InitializeAnjuAsync(this WebApplication app)
        => StartupInitializer.InitializeAsync(app.Services, app.Configuration, registerSchedule: app.Configuration.GetValue("Jobs:RunServer", true));

    public static WebApplication UseAnjuPipeline(this WebApplication app)
    {
        CultureInfo.DefaultThreadCurrentCulture = Chinese;
        CultureInfo.DefaultThreadCurrentUICulture = Chinese;
        app.UseAnjuForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Chinese),
            SupportedCultures = [Chinese],
            SupportedUICultures = [Chinese],
        });
        app.UseSecurityHeaders();
        app.UseAnjuRequestLogging();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseTwoFactorEnrolment();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapAnjuHealthEndpoints();
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAccountEndpoints();
        app.MapExportEndpoints();
        app.MapEvidenceEndpoints();
        app.MapNoticeEndpoints();
        app.MapHouseholdImportEndpoints();
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [],
            AsyncAuthorization = [new HangfireDashboardAuthorization()],
            DashboardTitle = "安居工程 · 后台任务",
        }).RequireAuthorization(RolePermissions.PolicyName(Permission.Administer));
        return app;
    }
}

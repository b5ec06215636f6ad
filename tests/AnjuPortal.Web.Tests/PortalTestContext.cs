using System.Globalization;
using AnjuPortal.Application;
using AnjuPortal.Application.Auditing;
using AnjuPortal.Application.Common;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Jurisdictions;
using AnjuPortal.Domain.Projects;
using AnjuPortal.Infrastructure.Auditing;
using AnjuPortal.Infrastructure.Tenancy;
using AnjuPortal.TestSupport;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace AnjuPortal.Web.Tests;

/// <summary>
/// bUnit context with the real parts: a migrated SQLite file with Jilin's tree, the application's use cases,
/// MudBlazor and the UI text resources. Call <see cref="SignIn"/> once per test, before rendering, to choose
/// who is looking. xunit 2 disposes through <see cref="IAsyncLifetime"/> (a MudBlazor service is only async-disposable).
/// </summary>
public abstract class PortalTestContext : BunitContext, IAsyncLifetime
{
    private static readonly CultureInfo Chinese = new("zh-CN");
    private SqliteTestDatabase? _database;

    protected PortalTestContext()
    {
        CultureInfo.CurrentCulture = Chinese;
        CultureInfo.CurrentUICulture = Chinese;
        JSInterop.Mode = JSRuntimeMode.Loose;
        // A loaded 2-core CI machine can take longer than bUnit's default second to run a render with a database behind it.
        DefaultWaitTimeout = TimeSpan.FromSeconds(30);
        Services.AddMudServices();
        Services.AddSingleton<AnjuPortal.Web.Components.Pages.Dashboards.Components.DashboardMarkup>();
        Services.AddLocalization();
        Services.AddSingleton(TimeProvider.System);
        // Options bound to configuration (Evidence, Reporting) read their defaults from an empty configuration.
        Services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
    }

    protected SqliteTestDatabase Database => _database ?? throw new InvalidOperationException("The database is created in InitializeAsync.");

    protected TestUser User { get; private set; } = TestUser.Anonymous;

    /// <summary>Where evidence files uploaded in a test are kept (removed with the test).</summary>
    protected string EvidenceFolder { get; } = Path.Combine(Path.GetTempPath(), "anju-bunit-evidence-" + Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync() => _database = await SqliteTestDatabase.CreateAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        if (Directory.Exists(EvidenceFolder))
        {
            Directory.Delete(EvidenceFolder, recursive: true);
        }
    }

    /// <summary>Acts as a user of <paramref name="jurisdictionCode"/> with <paramref name="role"/>: use cases, tenancy and the authorization state follow.</summary>
    protected async Task<TestUser> SignIn(string jurisdictionCode, string role)
    {
        var unit = await Database.JurisdictionAsync(jurisdictionCode);
        User = TestUser.At(unit, role);
        Services.AddSingleton<ICurrentUser>(User);
        Services.AddSingleton(Database.FactoryFor(User));
        Services.AddSingleton<ICrossTenantChecks>(new CrossTenantChecks(Database.SystemFactory));
        Services.AddSingleton<ISystemDbContextFactory>(Database.SystemFactory); // the dashboard statistics a page's use case refreshes (ADR-008)
        Services.AddSingleton<AnjuPortal.Application.OverdueResettlement.IProvincialHouseholdIndex>(new ProvincialHouseholdIndex(Database.Clock));
        Services.AddSingleton<IAuditLog>(new AuditLog(Database.SystemFactory, User, Database.Clock));
        Services.AddSingleton<AnjuPortal.Application.Notifications.IUnitMembers>(new AnjuPortal.Infrastructure.Identity.UnitMembers(Database.SystemFactory));
        Services.AddAnjuApplication();
        Services.AddSingleton<AnjuPortal.Application.OverdueResettlement.Closure.IEvidenceFileStore>(new AnjuPortal.Infrastructure.Files.LocalEvidenceFileStore(
            Microsoft.Extensions.Options.Options.Create(new AnjuPortal.Application.OverdueResettlement.Closure.EvidenceOptions { Directory = EvidenceFolder }), "/"));

        var authorization = AddAuthorization();
        authorization.SetAuthorized(User.UserName);
        authorization.SetRoles(role);
        authorization.SetPolicies(Enum.GetValues<Permission>().Where(p => User.Has(p)).Select(RolePermissions.PolicyName).ToArray());
        return User;
    }

    /// <summary>Renders a page under a popover provider (selects and date pickers put their lists there).</summary>
    protected IRenderedComponent<TPage> RenderPage<TPage>(params (string Name, object? Value)[] parameters)
        where TPage : IComponent
    {
        var host = Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<TPage>(1);
            foreach (var (name, value) in parameters)
            {
                builder.AddAttribute(2, name, value);
            }

            builder.CloseComponent();
        });
        return host.FindComponent<TPage>();
    }

    /// <summary>Registers projects directly, as the system (what earlier months of work left in the register).</summary>
    protected async Task<RenovationProject> SeedProjectAsync(string code, string jurisdictionCode, string? name = null, int plannedUnits = 100, int batchYear = 2020)
    {
        var unit = await Database.JurisdictionAsync(jurisdictionCode);
        await using var db = Database.CreateSystemContext();
        var project = RenovationProject.Register(code, unit.Id, new RenovationProject.Details(
            name ?? $"{unit.Name}{code}棚改项目", batchYear, plannedUnits, ResettlementMode.InKind, "张建国",
            new DateOnly(batchYear, 4, 1), new DateOnly(batchYear + 1, 10, 31)));
        db.Projects.Add(project);
        await db.SaveChangesAsync();
        return project;
    }

    protected Task<Jurisdiction> UnitAsync(string code) => Database.JurisdictionAsync(code);
}

using AnjuPortal.Application.Common;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Jurisdictions;
using AnjuPortal.Domain.OverdueResettlement;
using AnjuPortal.Domain.Projects;
using AnjuPortal.Domain.Reporting;
using AnjuPortal.Domain.Targets;
using AnjuPortal.Infrastructure.Identity;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Infrastructure.Persistence;

/// <summary>
/// The portal's one database context: domain data, Identity, and Data Protection keys.
/// Tenancy lives here and nowhere else: every <see cref="ITenantOwned"/> entity (and the jurisdiction tree
/// itself) gets a query filter on the current user's jurisdiction path, read per context instance through
/// <see cref="ScopePath"/>, never captured when the model is built.
/// </summary>
public sealed class AppDbContext(DbContextOptions<AppDbContext> options, ICurrentUser currentUser)
    : IdentityDbContext<AppUser>(options), IAppDbContext, IDataProtectionKeyContext
{
    /// <summary>The path prefix rows must match: "/" for the system (everything), the user's path otherwise.</summary>
    public string ScopePath { get; } = currentUser.ScopePath();

    public ICurrentUser CurrentUser { get; } = currentUser;

    public DbSet<Jurisdiction> Jurisdictions => Set<Jurisdiction>();
    public DbSet<AnnualTarget> AnnualTargets => Set<AnnualTarget>();
    public DbSet<RenovationProject> Projects => Set<RenovationProject>();
    public DbSet<OverdueCase> OverdueCases => Set<OverdueCase>();
    public DbSet<OverdueHousehold> OverdueHouseholds => Set<OverdueHousehold>();
    public DbSet<ReportingPeriod> ReportingPeriods => Set<ReportingPeriod>();
    public DbSet<MonthlyReport> MonthlyReports => Set<MonthlyReport>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

        builder.Entity<Jurisdiction>().HasQueryFilter(j => j.Path.StartsWith(ScopePath));
        foreach (var type in builder.Model.GetEntityTypes().Where(t => typeof(ITenantOwned).IsAssignableFrom(t.ClrType) && !t.IsOwned()))
        {
            typeof(AppDbContext).GetMethod(nameof(ApplyTenantFilter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                .MakeGenericMethod(type.ClrType)
                .Invoke(this, [builder]);
        }
    }

    private void ApplyTenantFilter<TEntity>(ModelBuilder builder)
        where TEntity : class, ITenantOwned
        => builder.Entity<TEntity>().HasQueryFilter(e => e.Jurisdiction!.Path.StartsWith(ScopePath));

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Money in 万元 with two decimals; the same precision on every provider.
        configurationBuilder.Properties<decimal>().HavePrecision(18, 2);
    }
}

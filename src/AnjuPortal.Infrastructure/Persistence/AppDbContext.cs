using AnjuPortal.Application.Common;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Auditing;
using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Jurisdictions;
using AnjuPortal.Domain.Notifications;
using AnjuPortal.Domain.OverdueResettlement;
using AnjuPortal.Domain.Progress;
using AnjuPortal.Domain.Projects;
using AnjuPortal.Domain.Reporting;
using AnjuPortal.Domain.Supervision;
using AnjuPortal.Domain.Targets;
using AnjuPortal.Infrastructure.Auditing;
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
public sealed partial class AppDbContext(DbContextOptions<AppDbContext> options, ICurrentUser currentUser)
    : IdentityDbContext<AppUser>(options), IAppDbContext, IDataProtectionKeyContext
{
    /// <summary>The clock the audit stamps read (the one given to <see cref="AuditStampInterceptor"/>), so tests control both.</summary>
    private readonly TimeProvider _clock = options.FindExtension<Microsoft.EntityFrameworkCore.Infrastructure.CoreOptionsExtension>()?
        .Interceptors?.OfType<AuditStampInterceptor>().FirstOrDefault()?.Clock ?? TimeProvider.System;

    /// <summary>The path prefix rows must match: "/" for the system (everything), the user's path otherwise.</summary>
    public string ScopePath { get; } = currentUser.ScopePath();

    public ICurrentUser CurrentUser { get; } = currentUser;

    public DbSet<Jurisdiction> Jurisdictions => Set<Jurisdiction>();
    public DbSet<AnnualTarget> AnnualTargets => Set<AnnualTarget>();
    public DbSet<RenovationProject> Projects => Set<RenovationProject>();
    public DbSet<OverdueCase> OverdueCases => Set<OverdueCase>();
    public DbSet<OverdueHousehold> OverdueHouseholds => Set<OverdueHousehold>();
    public DbSet<CaseClosureStep> CaseClosureSteps => Set<CaseClosureStep>();
    public DbSet<EvidenceAttachment> EvidenceAttachments => Set<EvidenceAttachment>();
    public DbSet<ReportingPeriod> ReportingPeriods => Set<ReportingPeriod>();
    public DbSet<MonthlyReport> MonthlyReports => Set<MonthlyReport>();
    public DbSet<PeriodSnapshotRow> PeriodSnapshotRows => Set<PeriodSnapshotRow>();
    public DbSet<ProgressStat> ProgressStats => Set<ProgressStat>();
    public DbSet<StatisticsGeneration> StatisticsGenerations => Set<StatisticsGeneration>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<OfficialNotice> OfficialNotices => Set<OfficialNotice>();
    public DbSet<SupervisionItem> SupervisionItems => Set<SupervisionItem>();
    public DbSet<SupervisionStep> SupervisionSteps => Set<SupervisionStep>();
    public DbSet<SupervisionAttachment> SupervisionAttachments => Set<SupervisionAttachment>();
    public DbSet<Summons> Summonses => Set<Summons>();
    public DbSet<DocumentSerial> DocumentSerials => Set<DocumentSerial>();
    public DbSet<Domain.Supervision.Complaints.Complaint> Complaints => Set<Domain.Supervision.Complaints.Complaint>();
    public DbSet<Domain.Supervision.Complaints.ComplaintStep> ComplaintSteps => Set<Domain.Supervision.Complaints.ComplaintStep>();
    public DbSet<NoticeReceipt> NoticeReceipts => Set<NoticeReceipt>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<PersonalData.PersonalDataKey> PersonalDataKeys => Set<PersonalData.PersonalDataKey>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    /// <summary>
    /// Saves, and records every change in the audit trail in the same transaction: the changes are captured
    /// before saving (old values), keyed after saving (generated ids), sealed into the hash chain and saved.
    /// Audit records themselves can only be added.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseAuditTampering();
        var explicitRecords = DetachExplicitRecords();
        var changes = await AuditCapture.CaptureAsync(this, cancellationToken, SummarizedEntry);
        var summarized = SummarizedEntries();
        if (changes.Count == 0 && explicitRecords.Count == 0 && summarized.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        await using var transaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        var now = _clock.GetUtcNow();
        var fallback = CurrentUser.JurisdictionId ?? await RootJurisdictionIdAsync(cancellationToken);
        var records = changes.Select(c => AuditCapture.ToRecord(c, CurrentUser, now, fallback)).Concat(explicitRecords).ToList();
        records.AddRange(SummaryRecords(summarized, now, fallback));

        await AuditChain.AppendAsync(this, records, ct => base.SaveChangesAsync(true, ct), cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return saved;
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefuseAuditTampering();
        // Data Protection's key store saves synchronously and is not audited; anything audited goes the async way.
        return AuditCapture.Capture(this).Count == 0 && !ChangeTracker.Entries<AuditEntry>().Any()
            ? base.SaveChanges(acceptAllChangesOnSuccess)
            : SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();
    }

    private void RefuseAuditTampering()
    {
        if (ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("审计记录只能追加，不能修改或删除。");
        }
    }

    /// <summary>Records added directly (sign-ins, exports, unmasked views) are sealed with the rest, not saved unsealed.</summary>
    private List<AuditEntry> DetachExplicitRecords()
    {
        var added = ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).ToList();
        foreach (var entry in added)
        {
            entry.State = EntityState.Detached;
        }

        return added.Select(e => e.Entity).ToList();
    }

    /// <summary>
    /// Where a record with no unit of its own is filed (role changes, anything done while signed out): the root.
    /// A read past the tenancy filter outside Tenancy/ (CrossTenantChecks, ProvincialHouseholdIndex): it returns an id, no tenant data.
    /// </summary>
    internal async Task<int> RootJurisdictionIdAsync(CancellationToken ct)
    {
        var roots = await Jurisdictions.IgnoreQueryFilters().AsNoTracking().Where(j => j.ParentId == null).OrderBy(j => j.Id).Select(j => j.Id).Take(1).ToListAsync(ct);
        return roots.Count == 1
            ? roots[0]
            : throw new InvalidOperationException("The audit trail needs the jurisdiction tree, and the database has none: start the portal once (it seeds the tree) before other writes.");
    }

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

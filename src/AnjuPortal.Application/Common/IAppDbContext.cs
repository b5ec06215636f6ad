using AnjuPortal.Domain.Auditing;
using AnjuPortal.Domain.Jurisdictions;
using AnjuPortal.Domain.Notifications;
using AnjuPortal.Domain.OverdueResettlement;
using AnjuPortal.Domain.Progress;
using AnjuPortal.Domain.Projects;
using AnjuPortal.Domain.Reporting;
using AnjuPortal.Domain.Supervision;
using AnjuPortal.Domain.Targets;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Application.Common;

/// <summary>
/// The unit of work the use cases talk to. Every set of tenant-owned data is already filtered to the current
/// user's jurisdiction subtree, and writes outside it are refused on save; use cases add no tenancy code.
/// </summary>
public interface IAppDbContext : IAsyncDisposable
{
    DbSet<Jurisdiction> Jurisdictions { get; }
    DbSet<AnnualTarget> AnnualTargets { get; }
    DbSet<RenovationProject> Projects { get; }
    DbSet<OverdueCase> OverdueCases { get; }
    DbSet<OverdueHousehold> OverdueHouseholds { get; }
    DbSet<CaseClosureStep> CaseClosureSteps { get; }
    DbSet<EvidenceAttachment> EvidenceAttachments { get; }
    DbSet<ReportingPeriod> ReportingPeriods { get; }
    DbSet<MonthlyReport> MonthlyReports { get; }
    DbSet<PeriodSnapshotRow> PeriodSnapshotRows { get; }
    DbSet<ProgressStat> ProgressStats { get; }

    /// <summary>The one counter raised with every statistics write (ADR-013); not tenant-owned, not audited.</summary>
    DbSet<StatisticsGeneration> StatisticsGenerations { get; }
    DbSet<Notification> Notifications { get; }
    DbSet<OfficialNotice> OfficialNotices { get; }
    DbSet<SupervisionItem> SupervisionItems { get; }
    DbSet<SupervisionStep> SupervisionSteps { get; }
    DbSet<SupervisionAttachment> SupervisionAttachments { get; }
    DbSet<Summons> Summonses { get; }

    /// <summary>The document number register: use cases take numbers only through <c>OfficialNotices.IssueAsync</c>.</summary>
    DbSet<DocumentSerial> DocumentSerials { get; }

    /// <summary>举报投诉 from the public page, owned by the responsible unit, and their history.</summary>
    DbSet<Domain.Supervision.Complaints.Complaint> Complaints { get; }
    DbSet<Domain.Supervision.Complaints.ComplaintStep> ComplaintSteps { get; }
    /// <summary>签收: one row per recipient unit of an issued notice, owned by that unit.</summary>
    DbSet<NoticeReceipt> NoticeReceipts { get; }

    /// <summary>Read-only for use cases: records are added by the data layer and cannot be changed (saving a changed one throws).</summary>
    DbSet<AuditEntry> AuditEntries { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);

    /// <summary>For transactions a use case must span (check + insert under a lock; a bulk import saved in chunks).</summary>
    Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade Database { get; }

    /// <summary>For the change tracker's housekeeping in bulk writes (clearing saved chunks).</summary>
    Microsoft.EntityFrameworkCore.ChangeTracking.ChangeTracker ChangeTracker { get; }

    /// <summary>
    /// Bulk inserts: rows of <typeparamref name="TEntity"/> added by this context's later saves are audited as ONE
    /// summary record per save (count, id range, <paramref name="note"/>) instead of one record per row. Never with
    /// personal data in the note. Everything else is audited as always.
    /// </summary>
    void SummarizeAddedRows<TEntity>(string note)
        where TEntity : class;

    /// <summary>
    /// Bulk inserts past the change tracker (100,000 imported households): writes <paramref name="rows"/> in multi-row
    /// statements with the same stamps and tenancy check as a save, and ONE summary record per call (the note set by
    /// <see cref="SummarizeAddedRows{TEntity}"/>, which must be set). Inside the current transaction if there is one.
    /// Requires an empty change tracker. The objects' ids are not filled in.
    /// </summary>
    Task InsertSummarizedAsync<TEntity>(IReadOnlyList<TEntity> rows, CancellationToken ct = default)
        where TEntity : Domain.Common.Entity;
}

/// <summary>
/// Creates a short-lived <see cref="IAppDbContext"/> per operation (Blazor Server circuits live long; a
/// context must not). The context carries the jurisdiction scope of the user of the current scope.
/// </summary>
public interface IAppDbContextFactory
{
    Task<IAppDbContext> CreateAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// The one reviewed place where a use case may look across tenant boundaries, for checks whose answer is a
/// yes/no that leaks nothing (a project code or an ID number must be unique in the whole tree).
/// </summary>
public interface ICrossTenantChecks
{
    Task<bool> ProjectCodeExistsAsync(string code, int? exceptProjectId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Whether any overdue household anywhere in the tree (any case, any jurisdiction, resolved or not) carries
    /// this ID-number blind index. Takes the keyed hash, never the number itself, and says only yes or no.
    /// </summary>
    Task<bool> HouseholdIdNumberExistsAsync(string idNumberBlindIndex, CancellationToken cancellationToken = default);
}

/// <summary>
/// Creates contexts that see the whole tree. For the job service only (jobs act for the system, not for a
/// person); use cases triggered by a user take <see cref="IAppDbContextFactory"/>.
/// </summary>
public interface ISystemDbContextFactory
{
    Task<IAppDbContext> CreateAsync(CancellationToken cancellationToken = default);
}

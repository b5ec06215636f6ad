using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Jurisdictions;
using AnjuPortal.Domain.Reporting;
using AnjuPortal.Infrastructure.Identity;
using AnjuPortal.Infrastructure.Persistence;
using AnjuPortal.Infrastructure.Tenancy;
using AnjuPortal.TestSupport;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace AnjuPortal.Infrastructure.Tests.Tenancy;

/// <summary>
/// Every entity type of the model is either tenant-owned (and filtered), owned by an aggregate, the jurisdiction
/// tree itself, or deliberately shared. A new entity added without that decision fails here.
/// </summary>
public abstract class TenancyModelTests
{
    /// <summary>Shared by the whole tree, by decision. Adding a type here is a security review, not a formality.</summary>
    private static readonly HashSet<Type> SharedTypes =
    [
        typeof(AppUser), // users are scoped by their own JurisdictionId at sign-in; managed by administrators
        typeof(IdentityRole),
        typeof(IdentityUserClaim<string>),
        typeof(IdentityUserLogin<string>),
        typeof(IdentityUserToken<string>),
        typeof(IdentityUserRole<string>),
        typeof(IdentityRoleClaim<string>),
        typeof(DataProtectionKey),
        typeof(AnjuPortal.Infrastructure.PersonalData.PersonalDataKey), // wrapped data keys of the personal-data envelope (ADR-010), like the Data Protection keys
        typeof(ReportingPeriod), // one calendar for the whole tree
        typeof(AnjuPortal.Domain.Auditing.AuditChainHead), // one row: the audit chain's last number and hash, holds no tenant data
        typeof(AnjuPortal.Domain.Supervision.DocumentSerial), // the number register: a prefix, a year and the last serial, no tenant data; taken only by OfficialNotices.IssueAsync
        typeof(AnjuPortal.Domain.Progress.StatisticsGeneration), // one counter raised with every statistics write (ADR-013): a number, no tenant data
    ];

    protected abstract DatabaseSettings Settings { get; }

    [Fact]
    public void Model_FiltersEveryTenantOwnedEntity_AndClassifiesEveryOther()
    {
        using var db = new AppDbContext(TestDatabase.BuildOptions(Settings, TimeProvider.System), SystemUser.Instance);
        var problems = new List<string>();
        var tenantOwned = 0;
        foreach (var type in db.Model.GetEntityTypes())
        {
            var filtered = type.GetDeclaredQueryFilters().Count > 0;
            if (type.IsOwned())
            {
                continue;
            }

            if (typeof(ITenantOwned).IsAssignableFrom(type.ClrType))
            {
                tenantOwned++;
                if (!filtered)
                {
                    problems.Add($"{type.DisplayName()} is ITenantOwned but has no query filter.");
                }
            }
            else if (type.ClrType == typeof(Jurisdiction))
            {
                if (!filtered)
                {
                    problems.Add("Jurisdiction has no query filter.");
                }
            }
            else if (!SharedTypes.Contains(type.ClrType))
            {
                problems.Add($"{type.DisplayName()} is neither ITenantOwned, owned, Jurisdiction nor a shared type: decide its tenancy.");
            }
        }

        Assert.Empty(problems);
        Assert.Equal(19, tenantOwned); // AnnualTarget, RenovationProject, OverdueCase, OverdueHousehold, CaseClosureStep, EvidenceAttachment, MonthlyReport, AuditEntry, PeriodSnapshotRow, Notification, ProgressStat, OfficialNotice, Complaint, ComplaintStep, SupervisionItem, SupervisionStep, SupervisionAttachment, Summons, NoticeReceipt
    }

    [Fact]
    public void Model_KeepsOwnedChildrenInsideTheirAggregate_WhenOwnerIsTenantOwned()
    {
        using var db = new AppDbContext(TestDatabase.BuildOptions(Settings, TimeProvider.System), SystemUser.Instance);
        foreach (var owned in db.Model.GetEntityTypes().Where(t => t.IsOwned()))
        {
            var owner = owned.FindOwnership()!.PrincipalEntityType;
            Assert.True(typeof(ITenantOwned).IsAssignableFrom(owner.ClrType), $"{owned.DisplayName()} is owned by {owner.DisplayName()}, which is not tenant-owned.");
        }
    }
}

public sealed class SqliteTenancyModelTests : TenancyModelTests
{
    protected override DatabaseSettings Settings => SqliteTestDatabase.SettingsFor("unused.db");
}

public sealed class PostgresTenancyModelTests : TenancyModelTests
{
    protected override DatabaseSettings Settings => new(DatabaseProvider.PostgreSql, "Host=127.0.0.1;Username=postgres;Database=unused", false);
}

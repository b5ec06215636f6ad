using AnjuPortal.Domain.Notifications;
using AnjuPortal.Domain.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnjuPortal.Infrastructure.Persistence.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ConfigureAuditable();
        builder.Ignore(n => n.IsRead);
        builder.Property(n => n.RecipientUserId).HasMaxLength(450).IsRequired();
        builder.Property(n => n.Text).HasMaxLength(Notification.TextMaxLength).IsRequired();
        builder.Property(n => n.Link).HasMaxLength(Notification.LinkMaxLength);
        builder.Property(n => n.DeduplicationKey).HasMaxLength(Notification.KeyMaxLength).IsRequired();
        builder.HasOne(n => n.Jurisdiction).WithMany().HasForeignKey(n => n.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ReportingPeriod>().WithMany().HasForeignKey(n => n.ReportingPeriodId).OnDelete(DeleteBehavior.Restrict);

        // The idempotency key of every job and workflow notice: one row per recipient and thing notified of, whoever
        // inserts it, however often. It also serves the bell's "my notifications" look-ups (recipient first).
        builder.HasIndex(n => new { n.RecipientUserId, n.DeduplicationKey }).IsUnique();
        builder.HasIndex(n => new { n.RecipientUserId, n.ReadAt });
    }
}

internal sealed class PeriodSnapshotRowConfiguration : IEntityTypeConfiguration<PeriodSnapshotRow>
{
    public void Configure(EntityTypeBuilder<PeriodSnapshotRow> builder)
    {
        builder.ToTable("PeriodSnapshots");
        builder.ConfigureAuditable();
        builder.HasOne(r => r.Jurisdiction).WithMany().HasForeignKey(r => r.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ReportingPeriod>().WithMany().HasForeignKey(r => r.ReportingPeriodId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<MonthlyReport>().WithMany().HasForeignKey(r => r.MonthlyReportId).OnDelete(DeleteBehavior.Restrict);

        // One row per unit and period: the freezing job may run twice or on two servers at once.
        builder.HasIndex(r => new { r.ReportingPeriodId, r.JurisdictionId }).IsUnique();
    }
}

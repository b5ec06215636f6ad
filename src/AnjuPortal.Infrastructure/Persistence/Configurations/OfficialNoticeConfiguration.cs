using AnjuPortal.Domain.Supervision;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnjuPortal.Infrastructure.Persistence.Configurations;

internal sealed class OfficialNoticeConfiguration : IEntityTypeConfiguration<OfficialNotice>
{
    public void Configure(EntityTypeBuilder<OfficialNotice> builder)
    {
        builder.ConfigureAuditable();
        builder.Ignore(n => n.Number);
        builder.Ignore(n => n.IsIssued);
        builder.Ignore(n => n.CopyToList);
        builder.Property(n => n.Title).HasMaxLength(OfficialNotice.TitleMaxLength).IsRequired();
        builder.Property(n => n.MainRecipients).HasMaxLength(OfficialNotice.RecipientsMaxLength).IsRequired();
        builder.Property(n => n.Body).HasMaxLength(OfficialNotice.BodyMaxLength).IsRequired();
        builder.Property(n => n.IssuingOffice).HasMaxLength(OfficialNotice.OfficeMaxLength).IsRequired();
        builder.Property(n => n.CopyTo).HasMaxLength(OfficialNotice.CopyToMaxLength).IsRequired();
        builder.Property(n => n.ApprovedBy).HasMaxLength(OfficialNotice.ActorMaxLength);
        builder.Property(n => n.IssuedBy).HasMaxLength(OfficialNotice.ActorMaxLength);
        builder.Property(n => n.NumberPrefix).HasMaxLength(DocumentNumber.PrefixMaxLength);
        builder.HasOne(n => n.Jurisdiction).WithMany().HasForeignKey(n => n.JurisdictionId).OnDelete(DeleteBehavior.Restrict);

        // The register's last line of defence: whatever goes wrong above it, a number is never issued twice
        // (drafts have no number: NULLs are distinct, and SQL Server gets an IS NOT NULL filter by convention).
        builder.HasIndex(n => new { n.NumberPrefix, n.NumberYear, n.NumberSerial }).IsUnique();
        builder.HasIndex(n => new { n.JurisdictionId, n.Status });

        // The drafting job's once-per-month guarantee: one 月通报 per unit and month, whoever drafts it and however
        // often (other notices have no month: NULLs are distinct, and SQL Server gets an IS NOT NULL filter by convention).
        builder.HasIndex(n => new { n.JurisdictionId, n.PeriodYear, n.PeriodMonth }).IsUnique();
    }
}

internal sealed class DocumentSerialConfiguration : IEntityTypeConfiguration<DocumentSerial>
{
    public void Configure(EntityTypeBuilder<DocumentSerial> builder)
    {
        builder.ConfigureAuditable();
        builder.Property(s => s.Prefix).HasMaxLength(DocumentNumber.PrefixMaxLength).IsRequired();

        // One counter per prefix and year: the row every issuer of that prefix locks while taking its number.
        builder.HasIndex(s => new { s.Prefix, s.Year }).IsUnique();
    }
}

internal sealed class NoticeReceiptConfiguration : IEntityTypeConfiguration<NoticeReceipt>
{
    public void Configure(EntityTypeBuilder<NoticeReceipt> builder)
    {
        builder.ConfigureAuditable();
        builder.Ignore(r => r.IsSigned);
        builder.Property(r => r.SignedBy).HasMaxLength(NoticeReceipt.ActorMaxLength);
        builder.HasOne(r => r.Notice).WithMany().HasForeignKey(r => r.NoticeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.Jurisdiction).WithMany().HasForeignKey(r => r.JurisdictionId).OnDelete(DeleteBehavior.Restrict);

        // One receipt per notice and unit: issuing twice (which the notice refuses anyway) cannot double them.
        builder.HasIndex(r => new { r.NoticeId, r.JurisdictionId }).IsUnique();
        builder.HasIndex(r => new { r.JurisdictionId, r.SignedAt });
    }
}

using AnjuPortal.Domain.OverdueResettlement;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnjuPortal.Infrastructure.Persistence.Configurations;

/// <summary>The 销号 steps of a case (kept for ever: deleting a case with steps is refused) and their evidence files' metadata.</summary>
internal sealed class CaseClosureStepConfiguration : IEntityTypeConfiguration<CaseClosureStep>
{
    public void Configure(EntityTypeBuilder<CaseClosureStep> builder)
    {
        builder.ToTable("CaseClosureSteps");
        builder.ConfigureAuditable();
        builder.Property(s => s.ActorName).HasMaxLength(CaseClosureStep.UserNameMaxLength).IsRequired();
        builder.Property(s => s.UnitName).HasMaxLength(CaseClosureStep.UnitNameMaxLength).IsRequired();
        builder.Property(s => s.Text).HasMaxLength(CaseClosureStep.TextMaxLength);
        builder.HasOne(s => s.Case).WithMany(c => c.ClosureSteps).HasForeignKey(s => s.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(s => s.Jurisdiction).WithMany().HasForeignKey(s => s.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Domain.Jurisdictions.Jurisdiction>().WithMany().HasForeignKey(s => s.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(s => s.Attachments).WithOne(a => a.Step).HasForeignKey(a => a.StepId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(s => s.Attachments).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasIndex(s => new { s.CaseId, s.At });
    }
}

internal sealed class EvidenceAttachmentConfiguration : IEntityTypeConfiguration<EvidenceAttachment>
{
    public void Configure(EntityTypeBuilder<EvidenceAttachment> builder)
    {
        builder.ToTable("EvidenceAttachments");
        builder.ConfigureAuditable();
        builder.Property(a => a.StorageKey).HasMaxLength(EvidenceAttachment.StorageKeyMaxLength).IsRequired();
        builder.Property(a => a.FileName).HasMaxLength(EvidenceAttachment.FileNameMaxLength).IsRequired();
        builder.Property(a => a.Sha256).HasMaxLength(EvidenceAttachment.Sha256Length).IsFixedLength().IsRequired();
        builder.HasOne(a => a.Jurisdiction).WithMany().HasForeignKey(a => a.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => a.StorageKey).IsUnique();
    }
}

/// <summary>The case side of the relation, kept here so the closing feature's mapping is in one file.</summary>
internal sealed class OverdueCaseClosureConfiguration : IEntityTypeConfiguration<OverdueCase>
{
    public void Configure(EntityTypeBuilder<OverdueCase> builder)
    {
        builder.Ignore(c => c.PendingApplication);
        builder.Navigation(c => c.ClosureSteps).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

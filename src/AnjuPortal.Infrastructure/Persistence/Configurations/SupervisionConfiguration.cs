using AnjuPortal.Domain.Jurisdictions;
using AnjuPortal.Domain.OverdueResettlement;
using AnjuPortal.Domain.Supervision;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnjuPortal.Infrastructure.Persistence.Configurations;

/// <summary>Supervision items 督办事项: the item, its timeline (kept for ever) and the evidence files' metadata.</summary>
internal sealed class SupervisionItemConfiguration : IEntityTypeConfiguration<SupervisionItem>
{
    public void Configure(EntityTypeBuilder<SupervisionItem> builder)
    {
        builder.ConfigureAuditable();
        builder.Ignore(i => i.IsClosed);
        builder.Property(i => i.Title).HasMaxLength(SupervisionItem.TitleMaxLength).IsRequired();
        builder.Property(i => i.SourceReference).HasMaxLength(SupervisionItem.SourceReferenceMaxLength);
        builder.Property(i => i.Requirements).HasMaxLength(SupervisionItem.RequirementsMaxLength).IsRequired();
        builder.Property(i => i.IssuerUnitName).HasMaxLength(SupervisionItem.UnitNameMaxLength).IsRequired();
        builder.HasOne(i => i.Jurisdiction).WithMany().HasForeignKey(i => i.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Jurisdiction>().WithMany().HasForeignKey(i => i.IssuerUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(i => i.Steps).WithOne(s => s.Item).HasForeignKey(s => s.ItemId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(i => i.Steps).UsePropertyAccessMode(PropertyAccessMode.Field);

        // The list filters by status and deadline (the lights are deadline ranges).
        builder.HasIndex(i => new { i.JurisdictionId, i.Status, i.Deadline });
        builder.HasIndex(i => new { i.Source, i.SourceReference });
    }
}

internal sealed class SupervisionStepConfiguration : IEntityTypeConfiguration<SupervisionStep>
{
    public void Configure(EntityTypeBuilder<SupervisionStep> builder)
    {
        builder.ConfigureAuditable();
        builder.Property(s => s.ActorName).HasMaxLength(SupervisionStep.UserNameMaxLength).IsRequired();
        builder.Property(s => s.UnitName).HasMaxLength(SupervisionItem.UnitNameMaxLength).IsRequired();
        builder.Property(s => s.Text).HasMaxLength(SupervisionStep.TextMaxLength);
        builder.HasOne(s => s.Jurisdiction).WithMany().HasForeignKey(s => s.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Jurisdiction>().WithMany().HasForeignKey(s => s.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(s => s.Attachments).WithOne(a => a.Step).HasForeignKey(a => a.StepId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(s => s.Attachments).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasIndex(s => new { s.ItemId, s.At });
    }
}

internal sealed class SupervisionAttachmentConfiguration : IEntityTypeConfiguration<SupervisionAttachment>
{
    public void Configure(EntityTypeBuilder<SupervisionAttachment> builder)
    {
        builder.ConfigureAuditable();
        builder.Property(a => a.StorageKey).HasMaxLength(EvidenceAttachment.StorageKeyMaxLength).IsRequired();
        builder.Property(a => a.FileName).HasMaxLength(EvidenceAttachment.FileNameMaxLength).IsRequired();
        builder.Property(a => a.Sha256).HasMaxLength(EvidenceAttachment.Sha256Length).IsFixedLength().IsRequired();
        builder.HasOne(a => a.Jurisdiction).WithMany().HasForeignKey(a => a.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => a.StorageKey).IsUnique();
    }
}

/// <summary>Summons 约谈 and the commitments made at them (owned rows of the summons).</summary>
internal sealed class SummonsConfiguration : IEntityTypeConfiguration<Summons>
{
    public void Configure(EntityTypeBuilder<Summons> builder)
    {
        builder.ToTable("Summonses");
        builder.ConfigureAuditable();
        builder.Property(s => s.Reason).HasMaxLength(Summons.ReasonMaxLength).IsRequired();
        builder.Property(s => s.Place).HasMaxLength(Summons.PlaceMaxLength).IsRequired();
        builder.Property(s => s.Organiser).HasMaxLength(Summons.OrganiserMaxLength).IsRequired();
        builder.Property(s => s.Attendees).HasMaxLength(Summons.AttendeesMaxLength);
        builder.Property(s => s.Notes).HasMaxLength(Summons.NotesMaxLength);
        builder.Property(s => s.RecordedBy).HasMaxLength(Summons.ActorMaxLength);
        builder.Property(s => s.CancelReason).HasMaxLength(Summons.CancelReasonMaxLength);
        builder.HasOne(s => s.Jurisdiction).WithMany().HasForeignKey(s => s.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Jurisdiction>().WithMany().HasForeignKey(s => s.IssuerUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.OwnsMany(s => s.Commitments, commitment =>
        {
            commitment.ToTable("SummonsCommitments");
            commitment.WithOwner().HasForeignKey("SummonsId");
            commitment.HasKey(c => c.Id);
            commitment.Property(c => c.Text).HasMaxLength(SummonsCommitment.TextMaxLength).IsRequired();
        });
        builder.Navigation(s => s.Commitments).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasIndex(s => new { s.JurisdictionId, s.Status });
    }
}

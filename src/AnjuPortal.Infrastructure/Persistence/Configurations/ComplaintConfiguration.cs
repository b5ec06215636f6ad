using AnjuPortal.Domain.Supervision.Complaints;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnjuPortal.Infrastructure.Persistence.Configurations;

/// <summary>Complaints 举报投诉 (owned by the responsible unit) and their history steps.</summary>
internal sealed class ComplaintConfiguration : IEntityTypeConfiguration<Complaint>
{
    public void Configure(EntityTypeBuilder<Complaint> builder)
    {
        builder.ConfigureAuditable();
        builder.Ignore(c => c.AnswerDueAt);
        builder.Property(c => c.ReceiptNumber).HasMaxLength(Complaint.ReceiptMaxLength);
        builder.Property(c => c.Text).HasMaxLength(Complaint.TextMaxLength).IsRequired();
        builder.Property(c => c.NameCipher).HasMaxLength(Complaint.CipherMaxLength);
        builder.Property(c => c.ContactCipher).HasMaxLength(Complaint.CipherMaxLength).IsRequired();
        builder.Property(c => c.ContactMasked).HasMaxLength(Complaint.MaskedMaxLength).IsRequired();
        builder.Property(c => c.Answer).HasMaxLength(Complaint.AnswerMaxLength);
        builder.Property(c => c.AnsweredBy).HasMaxLength(ComplaintStep.ActorMaxLength);
        builder.HasOne(c => c.Jurisdiction).WithMany().HasForeignKey(c => c.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Steps).WithOne(s => s.Complaint).HasForeignKey(s => s.ComplaintId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(c => c.Steps).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasIndex(c => c.ReceiptNumber).IsUnique();
        builder.HasIndex(c => new { c.JurisdictionId, c.Status });
    }
}

internal sealed class ComplaintStepConfiguration : IEntityTypeConfiguration<ComplaintStep>
{
    public void Configure(EntityTypeBuilder<ComplaintStep> builder)
    {
        builder.ConfigureAuditable();
        builder.Property(s => s.ActorName).HasMaxLength(ComplaintStep.ActorMaxLength).IsRequired();
        builder.Property(s => s.Note).HasMaxLength(ComplaintStep.NoteMaxLength);
        builder.HasOne(s => s.Jurisdiction).WithMany().HasForeignKey(s => s.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.ComplaintId, s.At });
    }
}

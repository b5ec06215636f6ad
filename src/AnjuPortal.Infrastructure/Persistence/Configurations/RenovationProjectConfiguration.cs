using AnjuPortal.Domain.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnjuPortal.Infrastructure.Persistence.Configurations;

internal sealed class RenovationProjectConfiguration : IEntityTypeConfiguration<RenovationProject>
{
    public void Configure(EntityTypeBuilder<RenovationProject> builder)
    {
        builder.ToTable("Projects");
        builder.ConfigureAuditable();
        builder.Property(p => p.Code).HasMaxLength(32).IsRequired();
        builder.HasIndex(p => p.Code).IsUnique();
        builder.Property(p => p.Name).HasMaxLength(100).IsRequired();
        builder.Property(p => p.ResponsibleOfficial).HasMaxLength(50).IsRequired();
        builder.HasOne(p => p.Jurisdiction).WithMany().HasForeignKey(p => p.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => new { p.JurisdictionId, p.BatchYear });
        builder.OwnsMany(p => p.Funding, funding =>
        {
            funding.ToTable("ProjectFunding");
            funding.WithOwner().HasForeignKey(f => f.ProjectId);
            funding.HasKey(f => f.Id);
            funding.HasIndex(f => new { f.ProjectId, f.Source }).IsUnique();
        });
        builder.Navigation(p => p.Funding).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

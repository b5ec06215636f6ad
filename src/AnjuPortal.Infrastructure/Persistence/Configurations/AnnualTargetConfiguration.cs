using AnjuPortal.Domain.Targets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnjuPortal.Infrastructure.Persistence.Configurations;

internal sealed class AnnualTargetConfiguration : IEntityTypeConfiguration<AnnualTarget>
{
    public void Configure(EntityTypeBuilder<AnnualTarget> builder)
    {
        builder.ConfigureAuditable();
        builder.HasOne(t => t.Jurisdiction).WithMany().HasForeignKey(t => t.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(t => new { t.JurisdictionId, t.Year }).IsUnique();
    }
}

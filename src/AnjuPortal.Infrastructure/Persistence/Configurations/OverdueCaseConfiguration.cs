using AnjuPortal.Domain.OverdueResettlement;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnjuPortal.Infrastructure.Persistence.Configurations;

internal sealed class OverdueCaseConfiguration : IEntityTypeConfiguration<OverdueCase>
{
    public void Configure(EntityTypeBuilder<OverdueCase> builder)
    {
        builder.ConfigureAuditable();
        builder.Property(c => c.ResponsibleOfficial).HasMaxLength(50).IsRequired();
        builder.HasOne(c => c.Jurisdiction).WithMany().HasForeignKey(c => c.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.Project).WithMany().HasForeignKey(c => c.ProjectId).OnDelete(DeleteBehavior.Restrict);

        // The provincial ledger holds one case per project.
        builder.HasIndex(c => c.ProjectId).IsUnique();
        builder.HasIndex(c => new { c.JurisdictionId, c.Category });
        builder.HasMany(c => c.Households).WithOne(h => h.Case).HasForeignKey(h => h.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(c => c.Households).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

using AnjuPortal.Domain.Progress;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnjuPortal.Infrastructure.Persistence.Configurations;

internal sealed class ProgressStatConfiguration : IEntityTypeConfiguration<ProgressStat>
{
    public void Configure(EntityTypeBuilder<ProgressStat> builder)
    {
        builder.ToTable("ProgressStats");
        builder.Ignore(s => s.Figures);
        builder.HasOne(s => s.Jurisdiction).WithMany().HasForeignKey(s => s.JurisdictionId).OnDelete(DeleteBehavior.Restrict);

        // One row per unit and month: a refresh that races another is refused and retried, never doubled. The dashboard
        // reads a unit's year (trend) and its children's month through this index.
        builder.HasIndex(s => new { s.JurisdictionId, s.Year, s.Month }).IsUnique();
        builder.HasIndex(s => new { s.Year, s.Month, s.Frozen });
    }
}

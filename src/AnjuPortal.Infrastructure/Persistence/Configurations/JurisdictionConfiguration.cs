using AnjuPortal.Domain.Jurisdictions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnjuPortal.Infrastructure.Persistence.Configurations;

internal sealed class JurisdictionConfiguration : IEntityTypeConfiguration<Jurisdiction>
{
    public void Configure(EntityTypeBuilder<Jurisdiction> builder)
    {
        builder.Property(j => j.Code).HasMaxLength(12).IsRequired();
        builder.HasIndex(j => j.Code).IsUnique();
        builder.Property(j => j.Name).HasMaxLength(64).IsRequired();
        builder.Property(j => j.Path).HasMaxLength(256).IsRequired();
        builder.HasIndex(j => j.Path).IsUnique();
        builder.HasOne(j => j.Parent).WithMany(j => j.Children).HasForeignKey(j => j.ParentId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(j => j.Children).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

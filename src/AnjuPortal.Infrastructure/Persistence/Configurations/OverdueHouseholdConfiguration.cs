using AnjuPortal.Domain.OverdueResettlement;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnjuPortal.Infrastructure.Persistence.Configurations;

internal sealed class OverdueHouseholdConfiguration : IEntityTypeConfiguration<OverdueHousehold>
{
    public void Configure(EntityTypeBuilder<OverdueHousehold> builder)
    {
        builder.ConfigureAuditable();
        builder.Property(h => h.HeadName).HasMaxLength(30).IsRequired();
        builder.Property(h => h.IdNumberCipher).HasMaxLength(512).IsRequired();
        builder.Property(h => h.IdNumberIndex).HasMaxLength(64).IsRequired();
        builder.Property(h => h.IdNumberMasked).HasMaxLength(18).IsRequired();
        builder.Property(h => h.PhoneCipher).HasMaxLength(512);
        builder.Property(h => h.PhoneMasked).HasMaxLength(20);
        builder.HasOne(h => h.Jurisdiction).WithMany().HasForeignKey(h => h.JurisdictionId).OnDelete(DeleteBehavior.Restrict);

        // Exact-match search without decrypting; not unique here: the same person in two ledgers is flagged by the ledger feature.
        builder.HasIndex(h => h.IdNumberIndex);
        builder.Ignore(h => h.IsResolved);

        // Resolution details and the province-wide duplicate marker (docs/households.md).
        builder.Property(h => h.AgreementNumber).HasMaxLength(50);
        builder.Property(h => h.DuplicateReason).HasMaxLength(200);
        builder.Ignore(h => h.TransitionFeeArrears);
    }
}

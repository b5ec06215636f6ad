using AnjuPortal.Infrastructure.PersonalData;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnjuPortal.Infrastructure.Persistence.Configurations;

internal sealed class PersonalDataKeyConfiguration : IEntityTypeConfiguration<PersonalDataKey>
{
    public void Configure(EntityTypeBuilder<PersonalDataKey> builder)
    {
        builder.ToTable("PersonalDataKeys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.WrappedKey).IsRequired().HasMaxLength(PersonalDataKey.WrappedKeyMaxLength);
        builder.Property(k => k.CreatedAt).IsRequired();
    }
}

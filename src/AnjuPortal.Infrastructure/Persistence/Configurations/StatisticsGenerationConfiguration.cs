using AnjuPortal.Domain.Progress;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnjuPortal.Infrastructure.Persistence.Configurations;

internal sealed class StatisticsGenerationConfiguration : IEntityTypeConfiguration<StatisticsGeneration>
{
    public void Configure(EntityTypeBuilder<StatisticsGeneration> builder)
    {
        builder.ToTable("StatisticsGenerations");
        builder.Property(g => g.Id).ValueGeneratedNever();

        // The one row exists from the migration on: writers only ever raise it, never insert it.
        builder.HasData(new { Id = StatisticsGeneration.SingletonId, Value = 0L });
    }
}

using AnjuPortal.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnjuPortal.Infrastructure.Persistence.Configurations;

internal static class EntityConfigurationExtensions
{
    /// <summary>Audit stamps for every entity, and the optimistic concurrency token for aggregates.</summary>
    public static EntityTypeBuilder<T> ConfigureAuditable<T>(this EntityTypeBuilder<T> builder)
        where T : Entity
    {
        builder.Property(e => e.CreatedBy).HasMaxLength(256);
        builder.Property(e => e.UpdatedBy).HasMaxLength(256);
        if (typeof(AggregateRoot).IsAssignableFrom(typeof(T)))
        {
            builder.Property(nameof(AggregateRoot.Version)).IsConcurrencyToken();
        }

        return builder;
    }
}

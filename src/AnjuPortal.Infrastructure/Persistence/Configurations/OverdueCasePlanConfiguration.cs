using AnjuPortal.Domain.OverdueResettlement;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnjuPortal.Infrastructure.Persistence.Configurations;

/// <summary>
/// The category facts, the plan 一项一案 and the category history of a ledger case. Kept apart from
/// <see cref="OverdueCaseConfiguration"/> so each topic of the case maps in its own file; both configure the same entity.
/// Category facts are plain nullable columns of the case (ADR-005); milestones and category changes are owned rows.
/// </summary>
internal sealed class OverdueCasePlanConfiguration : IEntityTypeConfiguration<OverdueCase>
{
    public void Configure(EntityTypeBuilder<OverdueCase> builder)
    {
        foreach (var category in Enum.GetValues<OverdueCategory>())
        {
            foreach (var field in CategoryFields.For(category))
            {
                var property = builder.Property(field.Name);
                switch (field.Kind)
                {
                    case CaseFieldKind.Text or CaseFieldKind.LongText:
                        property.HasMaxLength(field.MaxLength);
                        break;
                    case CaseFieldKind.Money:
                        property.HasPrecision(14, 2);
                        break;
                }
            }
        }

        builder.Ignore(c => c.Details);
        builder.Property(c => c.Measures).HasMaxLength(OverdueCase.MeasuresMaxLength);

        builder.OwnsMany(c => c.Milestones, milestone =>
        {
            milestone.ToTable("OverdueCaseMilestones");
            milestone.WithOwner().HasForeignKey("CaseId");
            milestone.HasKey(m => m.Id);
            milestone.Property(m => m.Title).HasMaxLength(CaseMilestone.TitleMaxLength).IsRequired();
            // The ledger's "overdue milestones" filter looks for open milestones by date.
            milestone.HasIndex("CaseId", nameof(CaseMilestone.DueDate));
        });
        builder.OwnsMany(c => c.CategoryChanges, change =>
        {
            change.ToTable("OverdueCaseCategoryChanges");
            change.WithOwner().HasForeignKey("CaseId");
            change.HasKey(c => c.Id);
            change.Property(c => c.Reason).HasMaxLength(OverdueCase.CategoryChangeReasonMaxLength).IsRequired();
            change.Property(c => c.ChangedBy).HasMaxLength(256).IsRequired();
        });
        builder.Navigation(c => c.Milestones).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(c => c.CategoryChanges).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

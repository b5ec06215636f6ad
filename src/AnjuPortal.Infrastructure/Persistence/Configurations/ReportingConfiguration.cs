using AnjuPortal.Domain.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnjuPortal.Infrastructure.Persistence.Configurations;

internal sealed class ReportingPeriodConfiguration : IEntityTypeConfiguration<ReportingPeriod>
{
    public void Configure(EntityTypeBuilder<ReportingPeriod> builder)
    {
        builder.ConfigureAuditable();
        builder.HasIndex(p => new { p.Year, p.Month }).IsUnique();
        builder.Ignore(p => p.Label);
    }
}

internal sealed class MonthlyReportConfiguration : IEntityTypeConfiguration<MonthlyReport>
{
    public void Configure(EntityTypeBuilder<MonthlyReport> builder)
    {
        builder.ConfigureAuditable();
        builder.Property(r => r.ReturnReason).HasMaxLength(500);
        builder.HasOne(r => r.Jurisdiction).WithMany().HasForeignKey(r => r.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.ReportingPeriod).WithMany().HasForeignKey(r => r.ReportingPeriodId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.JurisdictionId, r.ReportingPeriodId, r.Revision }).IsUnique();
        builder.OwnsMany(r => r.ProjectLines, line =>
        {
            line.ToTable("MonthlyReportProjectLines");
            line.WithOwner().HasForeignKey("MonthlyReportId");
            line.HasKey(l => l.Id);
            line.HasIndex("MonthlyReportId", nameof(ProjectProgressLine.ProjectId)).IsUnique();
        });
        builder.OwnsMany(r => r.CaseLines, line =>
        {
            line.ToTable("MonthlyReportCaseLines");
            line.WithOwner().HasForeignKey("MonthlyReportId");
            line.HasKey(l => l.Id);
            line.HasIndex("MonthlyReportId", nameof(CaseProgressLine.CaseId)).IsUnique();
        });
        builder.Navigation(r => r.ProjectLines).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(r => r.CaseLines).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

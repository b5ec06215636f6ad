using AnjuPortal.Domain.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnjuPortal.Infrastructure.Persistence.Configurations;

internal sealed class ReportingPeriodConfiguration : IEntityTypeConfiguration<ReportingPeriod>
{
    public void Configure(EntityTypeBuilder<ReportingPeriod> builder)
    {
        builder.ConfigureAuditable();
        // One period per month: the job that opens it may run twice or on two servers.
        builder.HasIndex(p => new { p.Year, p.Month }).IsUnique();
        builder.Ignore(p => p.Label);
        builder.Ignore(p => p.MonthStart);
        builder.Ignore(p => p.MonthEnd);
        builder.Ignore(p => p.LateFrom);
        builder.Ignore(p => p.IsFrozen);
    }
}

internal sealed class MonthlyReportConfiguration : IEntityTypeConfiguration<MonthlyReport>
{
    public void Configure(EntityTypeBuilder<MonthlyReport> builder)
    {
        builder.ConfigureAuditable();
        builder.Ignore(r => r.IsEditable);
        builder.Property(r => r.SubmittedBy).HasMaxLength(256);
        builder.Property(r => r.ReturnedBy).HasMaxLength(256);
        builder.Property(r => r.ApprovedBy).HasMaxLength(256);
        builder.Property(r => r.ReturnReason).HasMaxLength(MonthlyReport.ReasonMaxLength);
        builder.Property(r => r.LateReason).HasMaxLength(MonthlyReport.ReasonMaxLength);
        builder.Property(r => r.CorrectionReason).HasMaxLength(MonthlyReport.ReasonMaxLength);
        builder.HasOne(r => r.Jurisdiction).WithMany().HasForeignKey(r => r.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.ReportingPeriod).WithMany().HasForeignKey(r => r.ReportingPeriodId).OnDelete(DeleteBehavior.Restrict);

        // One report per unit, period and revision: two clicks on "start draft" or "start correction" (two tabs, two
        // servers) cannot both create one; the second save is refused and the use case returns the first.
        builder.HasIndex(r => new { r.JurisdictionId, r.ReportingPeriodId, r.Revision }).IsUnique();
        // Completeness and approval read a whole period at once.
        builder.HasIndex(r => new { r.ReportingPeriodId, r.Status });

        builder.OwnsMany(r => r.ProjectLines, line =>
        {
            line.ToTable("MonthlyReportProjectLines");
            line.WithOwner().HasForeignKey("MonthlyReportId");
            line.HasKey(l => l.Id);
            line.HasIndex("MonthlyReportId", nameof(ProjectProgressLine.ProjectId)).IsUnique();
        });
        builder.OwnsMany(r => r.FundingLines, line =>
        {
            line.ToTable("MonthlyReportFundingLines");
            line.WithOwner().HasForeignKey("MonthlyReportId");
            line.HasKey(l => l.Id);
            line.HasIndex("MonthlyReportId", nameof(FundingProgressLine.ProjectId), nameof(FundingProgressLine.Source)).IsUnique();
        });
        builder.OwnsMany(r => r.CaseLines, line =>
        {
            line.ToTable("MonthlyReportCaseLines");
            line.WithOwner().HasForeignKey("MonthlyReportId");
            line.HasKey(l => l.Id);
            line.Ignore(l => l.ResolvedThisMonth);
            line.Ignore(l => l.ResolvedEarlierInYear);
            line.HasIndex("MonthlyReportId", nameof(CaseProgressLine.CaseId)).IsUnique();
        });
        builder.OwnsMany(r => r.Explanations, explanation =>
        {
            explanation.ToTable("MonthlyReportExplanations");
            explanation.WithOwner().HasForeignKey("MonthlyReportId");
            explanation.HasKey(e => e.Id);
            explanation.Property(e => e.Key).HasMaxLength(200).IsRequired();
            explanation.Property(e => e.RuleCode).HasMaxLength(16).IsRequired();
            explanation.Property(e => e.Message).HasMaxLength(500).IsRequired();
            explanation.Property(e => e.Text).HasMaxLength(MonthlyReport.ExplanationMaxLength).IsRequired();
            explanation.HasIndex("MonthlyReportId", nameof(ReportExplanation.Key)).IsUnique();
        });
        builder.OwnsMany(r => r.History, entry =>
        {
            entry.ToTable("MonthlyReportHistory");
            entry.WithOwner().HasForeignKey("MonthlyReportId");
            entry.HasKey(e => e.Id);
            entry.Property(e => e.By).HasMaxLength(256).IsRequired();
            entry.Property(e => e.Note).HasMaxLength(600);
        });
        builder.Navigation(r => r.ProjectLines).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(r => r.FundingLines).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(r => r.CaseLines).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(r => r.Explanations).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(r => r.History).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

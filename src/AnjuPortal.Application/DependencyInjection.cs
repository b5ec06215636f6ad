using AnjuPortal.Application.Auditing;
using AnjuPortal.Application.Dashboards;
using AnjuPortal.Application.Exports;
using AnjuPortal.Application.Jobs;
using AnjuPortal.Application.Jurisdictions;
using AnjuPortal.Application.Notifications;
using AnjuPortal.Application.OverdueResettlement;
using AnjuPortal.Application.Overview;
using AnjuPortal.Application.Projects;
using AnjuPortal.Application.Reporting;
using AnjuPortal.Application.Targets;
using AnjuPortal.Domain.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AnjuPortal.Application;

public static class DependencyInjection
{
    /// <summary>Registers the use cases. They are scoped: one per request or Blazor circuit, like the current user.</summary>
    public static IServiceCollection AddAnjuApplication(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<ProjectRegister>();
        services.AddScoped<CaseLedger>();
        services.AddScoped<HouseholdRegister>();
        services.AddScoped<CasePlanning>();
        services.AddScoped<LedgerViews>();
        services.AddScoped<LedgerExport>();
        services.AddScoped<HouseholdResolve>();
        services.AddScoped<HouseholdImport>();
        services.AddOptions<HouseholdImportOptions>().BindConfiguration(HouseholdImportOptions.Section);
        services.AddScoped<PersonalDataDisclosure>();
        services.AddScoped<JurisdictionDirectory>();
        services.AddScoped<ScopeOverview>();
        services.AddScoped<ProgressStatistics>();
        services.AddScoped<IProgressStatisticsSignal>(sp => sp.GetRequiredService<ProgressStatistics>());
        services.AddScoped<ProgressDashboard>();
        services.AddSingleton<DashboardViewCache>();
        services.AddScoped<ProgressStatisticsJob>();
        services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.Section)
            .Validate(o => { try { _ = o.Calendar(); return o.RankingBands >= 1 && o.CacheCheckSeconds >= 0 && o.CacheMaxViews >= 0; } catch (Exception ex) when (ex is FormatException or DomainException) { return false; } },
                "Dashboards:ConstructionWeights must be twelve non-negative numbers, not all zero; Dashboards:RankingBands at least 1; Dashboards:CacheCheckSeconds and CacheMaxViews 0 or more.")
            .ValidateOnStart();
        services.AddScoped<OpenReportingPeriodJob>();
        services.AddScoped<AuditTrail>();
        services.AddScoped<ProjectRegisterExport>();
        services.AddScoped<HouseholdExport>();
        services.AddOptions<ReportingOptions>().BindConfiguration(ReportingOptions.Section);
        services.AddScoped<ReportingPeriods>();
        services.AddScoped<MonthlyReportEntry>();
        services.AddScoped<ReportWorkflow>();
        services.AddScoped<ReportingCompleteness>();
        services.AddScoped<AnnualPlan>();
        services.AddScoped<RemindUnsubmittedJob>();
        services.AddScoped<MarkLateUnitsJob>();
        services.AddScoped<FreezePeriodSnapshotJob>();
        services.AddScoped<IReportNotifier, ReportNotifier>();
        services.AddScoped<MyNotifications>();
        services.TryAddSingleton<INotificationSender, LoggingNotificationSender>();
        services.AddScoped<ReportTableExport>();
        services.AddScoped<ReportImport>();
        services.AddOptions<OverdueResettlement.Closure.EvidenceOptions>().BindConfiguration(OverdueResettlement.Closure.EvidenceOptions.Section);
        services.TryAddSingleton<OverdueResettlement.Closure.IAttachmentScanner, OverdueResettlement.Closure.EvidenceTypeScanner>();
        services.AddScoped<CaseClosureNotifier>();
        services.AddScoped<OverdueResettlement.Closure.CaseClosure>();
        services.AddOptions<Supervision.OfficialDocumentOptions>().BindConfiguration(Supervision.OfficialDocumentOptions.Section);
        services.AddScoped<Supervision.OfficialNotices>();
        services.AddOptions<Supervision.MonthlyNotice.MonthlyNoticeOptions>().BindConfiguration(Supervision.MonthlyNotice.MonthlyNoticeOptions.Section)
            .Validate(o => o.IsValid(), Supervision.MonthlyNotice.MonthlyNoticeOptions.InvalidMessage).ValidateOnStart();
        services.AddScoped<Supervision.MonthlyNotice.MonthlyNoticeDrafting>();
        services.AddScoped<DraftMonthlyNoticeJob>();
        services.AddSingleton<Supervision.Complaints.PublicDisclosure>();
        services.AddScoped<Supervision.Complaints.ComplaintIntake>();
        services.AddScoped<Supervision.Complaints.Complaints>();
        services.AddOptions<Supervision.Items.SupervisionOptions>().BindConfiguration(Supervision.Items.SupervisionOptions.Section);
        services.AddScoped<Supervision.Items.SupervisionItems>();
        services.AddScoped<Supervision.Summonses.SummonsRegister>();
        services.AddOptions<Supervision.NoticeReceiptOptions>().BindConfiguration(Supervision.NoticeReceiptOptions.Section);
        services.AddScoped<Supervision.NoticeReceipts>();
        services.AddScoped<RemindUnsignedNoticesJob>();
        return services;
    }
}

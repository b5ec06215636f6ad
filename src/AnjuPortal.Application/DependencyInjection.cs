using AnjuPortal.Application.Auditing;
using AnjuPortal.Application.Exports;
using AnjuPortal.Application.Jobs;
using AnjuPortal.Application.Jurisdictions;
using AnjuPortal.Application.Notifications;
using AnjuPortal.Application.OverdueResettlement;
using AnjuPortal.Application.Overview;
using AnjuPortal.Application.Projects;
using AnjuPortal.Application.Reporting;
using AnjuPortal.Application.Targets;
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
        return services;
    }
}

using AnjuPortal.Application.Auditing;
using AnjuPortal.Application.Common;
using AnjuPortal.Application.OverdueResettlement;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Auditing;
using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.OverdueResettlement;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Application.Exports;

/// <summary>
/// The overdue-resettlement ledger 逾期未安置台账 in the provincial layout, one row per case: 序号, 市州, 县（市、区）,
/// 项目名称, 类别, 逾期户数, 已安置户数, 未安置户数, 包保领导, 化解措施, 计划完成时限, 状态（预警灯）. The cases the ledger
/// list shows for the same filter, in tree order. No personal data; needs <see cref="Permission.Export"/>; every export
/// is recorded in the audit trail.
/// </summary>
public sealed class LedgerExport(IAppDbContextFactory contexts, IAuditLog audit, ICurrentUser user, TimeProvider clock)
{
    /// <summary>The audit record's entity type for this export.</summary>
    public const string EntityType = nameof(OverdueCase);

    public async Task<ExportFile> ExportAsync(CaseFilter filter, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        user.Demand(Permission.Export);
        await using var db = await contexts.CreateAsync(ct);
        var today = ChinaTime.DateOf(clock.GetUtcNow());

        var query = await filter.ApplyAsync(db.OverdueCases.AsNoTracking(), db, ct);
        var cases = await query
            .OrderBy(c => c.Jurisdiction!.Path).ThenBy(c => c.Id)
            .Select(c => new
            {
                c.Id,
                c.JurisdictionId,
                ProjectName = c.Project!.Name,
                c.Category,
                c.Status,
                c.TargetDate,
                c.ResponsibleOfficial,
                c.Measures,
                Households = c.Households.Count,
                Resolved = c.Households.Count(h => h.ResolvedOn != null),
                EarliestOpenDue = c.Milestones.Where(m => m.CompletedOn == null).OrderBy(m => m.DueDate).Select(m => (DateOnly?)m.DueDate).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var units = await LedgerUnits.LoadAsync(db, ct);
        var rows = cases.Select((c, i) => new Row(
            i + 1,
            units.CityOf(c.JurisdictionId)?.Name,
            units.CountyOf(c.JurisdictionId)?.Name ?? ExportNote.Text("Export_Ledger_OwnLevel"),
            c.ProjectName,
            Display(c.Category),
            c.Households,
            c.Resolved,
            c.Households - c.Resolved,
            c.ResponsibleOfficial,
            c.Measures,
            c.TargetDate,
            c.Status == CaseStatus.Open
                ? ExportNote.Format("Export_Ledger_OpenStatus", DomainText.Of(c.Status), DomainText.Of(OverdueCase.AlertFor(c.Status, c.TargetDate, c.EarliestOpenDue, today)))
                : DomainText.Of(c.Status)))
            .ToList();

        var content = await SpreadsheetTable.WriteAsync(ExportNote.Text("Export_Ledger_Sheet"), Columns(), rows, ct);

        var unit = await ExportNote.UnitAsync(db, filter.JurisdictionId, ct);
        var filters = ExportNote.Filters(
            ExportNote.Search(filter.Search),
            filter.Category is { } category ? ExportNote.Format("Export_Note_Category", DomainText.Of(category)) : null,
            filter.Status is { } status ? ExportNote.Format("Export_Note_Status", DomainText.Of(status)) : null,
            filter.OverdueAsOf is not null ? ExportNote.Text("Export_Note_OverdueMilestones") : null,
            unit?.Part);
        var note = ExportNote.Fit(ExportNote.Format("Export_Note_Ledger", rows.Count, filters));
        var filedUnder = unit?.VisibleId ?? user.JurisdictionId ?? throw new InvalidOperationException("An export is made by a user with a jurisdiction.");
        await audit.RecordAsync(AuditAction.Export, EntityType, null, filedUnder, note, ct);
        return new ExportFile(ExportNote.Format("Export_Ledger_File", today.ToDateTime(TimeOnly.MinValue)), content);
    }

    /// <summary>A category as the provincial table writes it: number and name ("1 涉法涉诉").</summary>
    private static string Display(OverdueCategory category)
        => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{(int)category} {DomainText.Of(category)}");

    private static SpreadsheetColumn<Row>[] Columns() =>
    [
        new(ExportNote.Text("Export_Ledger_Number"), r => r.Number),
        new(ExportNote.Text("Export_Ledger_City"), r => r.City),
        new(ExportNote.Text("Export_Ledger_County"), r => r.County),
        new(ExportNote.Text("Export_Ledger_ProjectName"), r => r.ProjectName),
        new(ExportNote.Text("Export_Ledger_Category"), r => r.Category),
        new(ExportNote.Text("Export_Ledger_Households"), r => r.Households),
        new(ExportNote.Text("Export_Ledger_Resolved"), r => r.Resolved),
        new(ExportNote.Text("Export_Ledger_Unresolved"), r => r.Unresolved),
        new(ExportNote.Text("Export_Ledger_Responsible"), r => r.ResponsibleOfficial),
        new(ExportNote.Text("Export_Ledger_Measures"), r => r.Measures),
        new(ExportNote.Text("Export_Ledger_TargetDate"), r => r.TargetDate),
        new(ExportNote.Text("Export_Ledger_Status"), r => r.Status),
    ];

    private sealed record Row(
        int Number, string? City, string County, string ProjectName, string Category, int Households, int Resolved, int Unresolved,
        string ResponsibleOfficial, string? Measures, DateOnly TargetDate, string Status);
}

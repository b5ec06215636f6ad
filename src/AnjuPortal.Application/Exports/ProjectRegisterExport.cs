using AnjuPortal.Application.Auditing;
using AnjuPortal.Application.Common;
using AnjuPortal.Application.Projects;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Auditing;
using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Projects;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Application.Exports;

/// <summary>
/// The project register 棚改项目库 as an .xlsx file: the projects the list shows for the same filter (tenancy keeps
/// it to the user's subtree), in the list's default order. Needs <see cref="Permission.Export"/>; every export is
/// recorded in the audit trail.
/// </summary>
public sealed class ProjectRegisterExport(IAppDbContextFactory contexts, IAuditLog audit, ICurrentUser user, TimeProvider clock)
{
    /// <summary>The audit record's entity type for this export.</summary>
    public const string EntityType = nameof(RenovationProject);

    private static readonly TimeZoneInfo ChinaStandardTime = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public async Task<ExportFile> ExportAsync(ProjectFilter filter, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        user.Demand(Permission.Export);
        await using var db = await contexts.CreateAsync(ct);

        var query = await filter.ApplyAsync(db.Projects.AsNoTracking(), db, ct);
        var rows = await ProjectRegister.Sort(query, new PageRequest())
            .Select(p => new Row(
                p.Code, p.Name, p.Jurisdiction!.Name, p.BatchYear, p.PlannedUnits, p.UnitsStarted, p.UnitsBasicallyCompleted,
                p.Stage, p.ResettlementMode, p.ResponsibleOfficial, p.PlannedStartDate, p.PlannedCompletionDate, p.ActualStartDate))
            .ToListAsync(ct);

        var content = await SpreadsheetTable.WriteAsync(ExportNote.Text("Export_Projects_Sheet"), Columns(), rows, ct);

        var unit = await ExportNote.UnitAsync(db, filter.JurisdictionId, ct);
        var filters = ExportNote.Filters(
            ExportNote.Search(filter.Search),
            unit?.Part,
            filter.BatchYear is { } year ? ExportNote.Format("Export_Note_Year", year) : null,
            filter.Stage is { } stage ? ExportNote.Format("Export_Note_Stage", DomainText.Of(stage)) : null);
        var note = ExportNote.Fit(ExportNote.Format("Export_Note_Projects", rows.Count, filters));
        // Filed under the unit whose projects were exported (the picked unit, or the user's own subtree).
        var filedUnder = unit?.VisibleId ?? user.JurisdictionId ?? throw new InvalidOperationException("An export is made by a user with a jurisdiction.");
        await audit.RecordAsync(AuditAction.Export, EntityType, null, filedUnder, note, ct);

        var today = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), ChinaStandardTime).DateTime;
        return new ExportFile(ExportNote.Format("Export_Projects_File", today), content);
    }

    private static SpreadsheetColumn<Row>[] Columns() =>
    [
        new(ExportNote.Text("Export_Project_Code"), r => r.Code),
        new(ExportNote.Text("Export_Project_Name"), r => r.Name),
        new(ExportNote.Text("Export_Project_Jurisdiction"), r => r.JurisdictionName),
        new(ExportNote.Text("Export_Project_BatchYear"), r => r.BatchYear),
        new(ExportNote.Text("Export_Project_PlannedUnits"), r => r.PlannedUnits),
        new(ExportNote.Text("Export_Project_UnitsStarted"), r => r.UnitsStarted),
        new(ExportNote.Text("Export_Project_UnitsCompleted"), r => r.UnitsBasicallyCompleted),
        new(ExportNote.Text("Export_Project_Stage"), r => DomainText.Of(r.Stage)),
        new(ExportNote.Text("Export_Project_ResettlementMode"), r => DomainText.Of(r.ResettlementMode)),
        new(ExportNote.Text("Export_Project_Responsible"), r => r.ResponsibleOfficial),
        new(ExportNote.Text("Export_Project_PlannedStart"), r => r.PlannedStartDate),
        new(ExportNote.Text("Export_Project_PlannedCompletion"), r => r.PlannedCompletionDate),
        new(ExportNote.Text("Export_Project_ActualStart"), r => r.ActualStartDate),
    ];

    private sealed record Row(
        string Code, string Name, string JurisdictionName, int BatchYear, int PlannedUnits, int UnitsStarted, int UnitsBasicallyCompleted,
        ProjectStage Stage, ResettlementMode ResettlementMode, string ResponsibleOfficial, DateOnly PlannedStartDate,
        DateOnly PlannedCompletionDate, DateOnly? ActualStartDate);
}

using System.Linq.Expressions;
using AnjuPortal.Application.Auditing;
using AnjuPortal.Application.Common;
using AnjuPortal.Application.OverdueResettlement;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Auditing;
using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.OverdueResettlement;
using AnjuPortal.Domain.PersonalData;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Application.Exports;

/// <summary>
/// What to export: the households of one ledger case (<paramref name="CaseId"/>), or else of every case the ledger
/// list shows for <paramref name="Filter"/>. ID and phone numbers are masked unless <paramref name="FullNumbers"/> is
/// asked for, which needs <see cref="Permission.Unmask"/> as well as <see cref="Permission.Export"/>.
/// </summary>
public sealed record HouseholdExportRequest(int? CaseId = null, CaseFilter? Filter = null, bool FullNumbers = false);

/// <summary>
/// The overdue households 逾期未安置户 of the ledger as an .xlsx file. Tenancy keeps it to the user's subtree (a case
/// of another jurisdiction is not found). Full ID and phone numbers are decrypted only on explicit request by a user
/// who holds both Export and Unmask; every export, masked or not, is recorded in the audit trail, saying which.
/// </summary>
public sealed class HouseholdExport(IAppDbContextFactory contexts, IPersonalDataCipher cipher, IAuditLog audit, ICurrentUser user, TimeProvider clock)
{
    /// <summary>The audit record's entity type for this export.</summary>
    public const string EntityType = nameof(OverdueHousehold);

    private static readonly TimeZoneInfo ChinaStandardTime = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static readonly Expression<Func<OverdueHousehold, Row>> Masked = h => new Row(
        h.Case!.Project!.Code, h.Case.Project.Name, h.Jurisdiction!.Name, h.Case.Category, h.Case.Status, h.HeadName,
        h.IdNumberMasked, h.PhoneMasked, h.PromisedDate, h.ResolutionMethod, h.ResolvedOn);

    /// <summary>Ciphertext in place of the masked forms; decrypted below, row by row, and never kept on an entity.</summary>
    private static readonly Expression<Func<OverdueHousehold, Row>> Encrypted = h => new Row(
        h.Case!.Project!.Code, h.Case.Project.Name, h.Jurisdiction!.Name, h.Case.Category, h.Case.Status, h.HeadName,
        h.IdNumberCipher, h.PhoneCipher, h.PromisedDate, h.ResolutionMethod, h.ResolvedOn);

    /// <summary>The file, or null when the requested case does not exist in the user's subtree (nothing is recorded then).</summary>
    public async Task<ExportFile?> ExportAsync(HouseholdExportRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        user.Demand(Permission.Export);
        if (request.FullNumbers)
        {
            user.Demand(Permission.Unmask);
        }

        await using var db = await contexts.CreateAsync(ct);
        var households = db.OverdueHouseholds.AsNoTracking();
        string scope, filters, fileName;
        int? filedUnder;
        var today = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), ChinaStandardTime).DateTime;
        if (request.CaseId is { } caseId)
        {
            var overdueCase = await db.OverdueCases.AsNoTracking().Where(c => c.Id == caseId)
                .Select(c => new { c.JurisdictionId, c.Project!.Code }).FirstOrDefaultAsync(ct);
            if (overdueCase is null)
            {
                return null;
            }

            households = households.Where(h => h.CaseId == caseId);
            scope = ExportNote.Format("Export_Note_Case", overdueCase.Code);
            filters = ExportNote.Filters();
            filedUnder = overdueCase.JurisdictionId;
            fileName = ExportNote.Format("Export_Households_CaseFile", today, overdueCase.Code);
        }
        else
        {
            var filter = request.Filter ?? new CaseFilter();
            var cases = await filter.ApplyAsync(db.OverdueCases.AsNoTracking(), db, ct);
            households = households.Where(h => cases.Any(c => c.Id == h.CaseId));
            var unit = await ExportNote.UnitAsync(db, filter.JurisdictionId, ct);
            scope = ExportNote.Text("Export_Note_WholeLedger");
            filters = ExportNote.Filters(
                ExportNote.Search(filter.Search),
                filter.Category is { } category ? ExportNote.Format("Export_Note_Category", DomainText.Of(category)) : null,
                filter.Status is { } status ? ExportNote.Format("Export_Note_Status", DomainText.Of(status)) : null,
                unit?.Part);
            filedUnder = unit?.VisibleId;
            fileName = ExportNote.Format("Export_Households_File", today);
        }

        var rows = await households
            .OrderBy(h => h.Jurisdiction!.Path).ThenBy(h => h.CaseId).ThenBy(h => h.Id)
            .Select(request.FullNumbers ? Encrypted : Masked)
            .ToListAsync(ct);
        if (request.FullNumbers)
        {
            rows = rows.ConvertAll(r => r with
            {
                IdNumber = cipher.Unprotect(r.IdNumber),
                Phone = r.Phone is { } phone ? cipher.Unprotect(phone) : null,
            });
        }

        var content = await SpreadsheetTable.WriteAsync(ExportNote.Text("Export_Households_Sheet"), Columns(), rows, ct);

        var numbers = ExportNote.Text(request.FullNumbers ? "Export_Note_FullNumbers" : "Export_Note_Masked");
        var note = ExportNote.Fit(ExportNote.Format("Export_Note_Households", scope, rows.Count, numbers, filters));
        // Filed under the unit whose households were exported (the case's, the picked unit, or the user's own subtree).
        await audit.RecordAsync(AuditAction.Export, EntityType, request.CaseId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            filedUnder ?? user.JurisdictionId ?? throw new InvalidOperationException("An export is made by a user with a jurisdiction."), note, ct);
        return new ExportFile(fileName, content);
    }

    private static SpreadsheetColumn<Row>[] Columns() =>
    [
        new(ExportNote.Text("Export_Household_ProjectCode"), r => r.ProjectCode),
        new(ExportNote.Text("Export_Household_ProjectName"), r => r.ProjectName),
        new(ExportNote.Text("Export_Household_Jurisdiction"), r => r.JurisdictionName),
        new(ExportNote.Text("Export_Household_Category"), r => DomainText.Of(r.Category)),
        new(ExportNote.Text("Export_Household_CaseStatus"), r => DomainText.Of(r.Status)),
        new(ExportNote.Text("Export_Household_HeadName"), r => r.HeadName),
        // Text, never numbers: an 18-digit ID number would lose its last digits as a number in a spreadsheet.
        new(ExportNote.Text("Export_Household_IdNumber"), r => r.IdNumber),
        new(ExportNote.Text("Export_Household_Phone"), r => r.Phone),
        new(ExportNote.Text("Export_Household_Promised"), r => r.PromisedDate),
        new(ExportNote.Text("Export_Household_Method"), r => r.ResolutionMethod is { } method ? DomainText.Of(method) : null),
        new(ExportNote.Text("Export_Household_ResolvedOn"), r => r.ResolvedOn),
    ];

    private sealed record Row(
        string ProjectCode, string ProjectName, string JurisdictionName, OverdueCategory Category, CaseStatus Status, string HeadName,
        string IdNumber, string? Phone, DateOnly PromisedDate, ResolutionMethod? ResolutionMethod, DateOnly? ResolvedOn);
}

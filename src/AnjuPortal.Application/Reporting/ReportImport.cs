using System.Globalization;
using AnjuPortal.Application.Common;
using AnjuPortal.Application.Exports;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Projects;
using AnjuPortal.Domain.Reporting;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace AnjuPortal.Application.Reporting;

/// <summary>One thing wrong with an imported file: where (sheet, row, column; none for the file as a whole) and why, in Chinese.</summary>
public sealed record ImportProblem(string? Sheet, int? Row, string? Column, string Message)
{
    /// <summary>The problem as one line: 「项目进度」第 5 行「累计开工（套）」：….</summary>
    public string Text => (Sheet, Row, Column) switch
    {
        (null, _, _) => Message,
        (_, null, _) => $"「{Sheet}」：{Message}",
        (_, _, null) => $"「{Sheet}」第 {Row} 行：{Message}",
        _ => $"「{Sheet}」第 {Row} 行「{Column}」：{Message}",
    };

    public override string ToString() => Text;
}

/// <summary>
/// The outcome of a dry run or a commit: every error (nothing is written while there is one), the rules' warnings
/// (they need an explanation at submission, not here), how many rows were read, and after a commit the draft's id and
/// version.
/// </summary>
public sealed record ImportResult(
    IReadOnlyList<ImportProblem> Errors,
    IReadOnlyList<ReportFinding> Warnings,
    int ProjectRows,
    int CaseRows,
    bool Committed,
    int? ReportId = null,
    int? Version = null)
{
    public bool Succeeded => Errors.Count == 0;

    internal static ImportResult Failed(params ImportProblem[] errors) => new(errors, [], 0, 0, false);

    /// <summary>A file refused before it is read (too large, say), with one message for the file as a whole.</summary>
    public static ImportResult Refused(string message) => Failed(new ImportProblem(null, null, null, message));
}

/// <summary>
/// Importing a month's figures 月报导入 from the .xlsx template the portal hands out for a unit and a period
/// (<see cref="TemplateAsync"/>): <see cref="DryRunAsync"/> reads the whole file and lists every bad row and cell with
/// its reason, then checks the figures with the report's own rules (<see cref="ReportRules"/>, as
/// <see cref="MonthlyReportEntry"/> does); <see cref="CommitAsync"/> does the same and, only when nothing is wrong,
/// saves every line into the unit's draft through <see cref="MonthlyReportEntry.SaveDraftAsync"/> in one save.
/// A file is read as a stream of rows (MiniExcel), never as a whole sheet in memory, and reading stops at the row limit.
/// </summary>
public sealed class ReportImport(IAppDbContextFactory contexts, ICurrentUser user, TimeProvider clock)
{
    /// <summary>Largest file accepted, in bytes (the endpoint's request limit is the same).</summary>
    public const long MaxBytes = 10 * 1024 * 1024;

    /// <summary>Most data rows read from one sheet; a file with more is refused without reading on.</summary>
    public const int MaxRows = 20_000;

    public const string EmptyFile = "文件为空，请选择填写好的月报导入模板。";
    public const string NotXlsx = "文件不是有效的 Excel (.xlsx) 文件，可能已损坏或是其他格式（如 .xls、.csv），请用平台下载的模板填写后另存为 .xlsx。";
    public const string TooLarge = "文件超过 {0} MB 的上限。";
    public const string TooManyRows = "行数超过 {0:N0} 行的上限，未继续读取。请只保留本单位本期的项目。";
    public const string WrongTemplate = "不是本平台的月报导入模板：缺少工作表「{0}」。请重新下载模板。";
    public const string MissingColumns = "模板缺少列：{0}。请重新下载模板，不要删除或改名表头。";
    public const string OtherUnit = "这是「{0}」的模板，不是本单位「{1}」的，请重新下载本单位的模板。";
    public const string OtherPeriod = "这是报告期“{0}”的模板，本次导入的是“{1}”，请重新下载本期的模板。";
    public const string NoRows = "文件中没有任何项目或台账项目数据行。";
    public const string Required = "不能为空。";
    public const string NotANumber = "应为数字，实际为“{0}”。";
    public const string NotWhole = "应为整数，实际为 {0}。";
    public const string Negative = "不能为负数（{0}）。";
    public const string TooBig = "数值 {0} 过大。";
    public const string CodeRequired = "项目编号不能为空。";
    public const string Duplicate = "编号「{0}」与第 {1} 行重复，每个项目只能填一行。";
    public const string ProjectOfOtherUnit = "项目编号「{0}」属于{1}，不是本单位的项目。";
    public const string ProjectNotOnReport = "项目「{0}」不在本单位本期月报的项目中（已基本建成，或批次晚于本期）。";
    public const string UnknownProject = "项目编号「{0}」不存在，或属于其他单位（不在您的管辖范围内）。";
    public const string UnknownCase = "台账项目编号「{0}」不是本单位本期月报的台账项目。";
    public const string NotEditable = "本单位本期月报当前状态为“{0}”，不能导入。";

    private static readonly FundingSource[] Sources = Enum.GetValues<FundingSource>();

    /// <summary>
    /// The template for the unit's report of the period: a sheet naming the unit and the period, one row per project on
    /// the report and one per ledger case, prefilled with the draft's figures (or last month's approved ones).
    /// Null when the period or the unit is not found; a refusal (not the user's own unit) as a failure.
    /// </summary>
    public async Task<CommandResult<ExportFile>> TemplateAsync(int periodId, int jurisdictionId, CancellationToken ct = default)
    {
        user.Demand(Permission.Submit);
        await using var db = await contexts.CreateAsync(ct);
        var context = await ContextAsync(db, periodId, jurisdictionId, ct);
        if (context.Error is { } error)
        {
            return CommandResult<ExportFile>.Failure(string.Empty, error);
        }

        var (unit, period, report, baseline) = (context.Unit!, context.Period!, context.Report, context.Baseline!);
        var info = SpreadsheetTable.Table(Text("Import_Sheet_Info"),
            [new SpreadsheetColumn<KeyValuePair<string, string>>(Text("Import_Info_Key"), r => r.Key), new(Text("Import_Info_Value"), r => r.Value)],
            [new(Text("Import_Info_UnitCode"), unit.Code), new(Text("Import_Info_UnitName"), unit.Name), new(Text("Import_Info_Period"), period.Label),
             new(Text("Import_Info_Hint"), Text("Import_Info_HintText"))]);
        var projects = SpreadsheetTable.Table(Text("Import_Sheet_Projects"), ProjectColumns(), baseline.Projects
            .Select(p => (p, Figures: report?.FiguresOf(p.ProjectId) ?? p.LastApproved)).ToList());
        var cases = SpreadsheetTable.Table(Text("Import_Sheet_Cases"), CaseColumns(), baseline.Cases
            .Select(c => (c, ThisMonth: report?.CaseLines.FirstOrDefault(l => l.CaseId == c.CaseId)?.ResolvedThisMonth ?? default)).ToList());
        try
        {
            var content = await SpreadsheetTable.WriteSheetsAsync([info, projects, cases], ct);
            return CommandResult<ExportFile>.Success(new ExportFile(DomainText.Format(DomainText.Named("Import_File"), unit.Name, period.Year, period.Month), content));
        }
        finally
        {
            info.Dispose();
            projects.Dispose();
            cases.Dispose();
        }
    }

    /// <summary>Reads and checks the file; writes nothing. Every bad row and cell is in <see cref="ImportResult.Errors"/>.</summary>
    public async Task<ImportResult> DryRunAsync(int periodId, int jurisdictionId, Stream file, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        user.Demand(Permission.Submit);
        var (result, _) = await CheckAsync(periodId, jurisdictionId, file, ct);
        return result;
    }

    /// <summary>
    /// Checks the file exactly like <see cref="DryRunAsync"/> and, when nothing is wrong, saves every line of it into the
    /// unit's draft (starting the draft when there is none) in one save; when anything is wrong, nothing is written.
    /// </summary>
    public async Task<ImportResult> CommitAsync(int periodId, int jurisdictionId, Stream file, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        user.Demand(Permission.Submit);
        var (result, input) = await CheckAsync(periodId, jurisdictionId, file, ct);
        if (!result.Succeeded || input is null)
        {
            return result;
        }

        var entry = new MonthlyReportEntry(contexts, user, clock);
        var started = await entry.StartOrGetDraftAsync(periodId, jurisdictionId, ct);
        if (!started.Succeeded)
        {
            return ImportResult.Failed(new ImportProblem(null, null, null, started.Errors.First().Value));
        }

        int version;
        await using (var db = await contexts.CreateAsync(ct))
        {
            version = await db.MonthlyReports.AsNoTracking().Where(r => r.Id == started.Value!).Select(r => r.Version).SingleAsync(ct);
        }

        input.ReportId = started.Value;
        input.Version = version;
        var saved = await entry.SaveDraftAsync(input, ct);
        if (!saved.Succeeded)
        {
            return ImportResult.Failed(new ImportProblem(null, null, null, saved.Errors.First().Value));
        }

        return result with { Committed = true, ReportId = started.Value, Version = saved.Value!.Version };
    }

    private async Task<(ImportResult Result, ReportDraftInput? Input)> CheckAsync(int periodId, int jurisdictionId, Stream file, CancellationToken ct)
    {
        await using var db = await contexts.CreateAsync(ct);
        var context = await ContextAsync(db, periodId, jurisdictionId, ct);
        if (context.Error is { } error)
        {
            return (ImportResult.Failed(new ImportProblem(null, null, null, error)), null);
        }

        if (context.Report is { IsEditable: false } locked)
        {
            return (ImportResult.Failed(new ImportProblem(null, null, null, Format(NotEditable, DomainText.Of(locked.Status)))), null);
        }

        await using var buffered = await BufferAsync(file, ct);
        if (buffered.Problem is { } fileProblem)
        {
            return (ImportResult.Failed(fileProblem), null);
        }

        var reader = new SheetReader(buffered.Stream!);
        var parsed = ReadFile(reader, context.Unit!, context.Period!);
        // A problem with the file as a whole (not a template, another unit's, corrupt, too many rows) ends the check;
        // bad cells do not: the rows read well are still matched, so one run lists every bad row and cell.
        if (parsed.Errors.Any(e => e.Row is null))
        {
            return (new ImportResult(parsed.Errors, [], parsed.Projects.Count, parsed.Cases.Count, false), null);
        }

        var errors = new List<ImportProblem>(parsed.Errors);
        await MatchAsync(db, context, parsed, errors, ct);
        if (errors.Count > 0)
        {
            return (new ImportResult(Ordered(errors), [], parsed.Projects.Count, parsed.Cases.Count, false), null);
        }

        // The report as it would be after the import, in memory only (this context is never saved): the rules judge it.
        var baseline = context.Baseline!;
        var report = context.Report ?? MonthlyReport.StartDraft(context.Unit!.Id, context.Period!.Id);
        var rowOfProject = new Dictionary<int, ProjectRow>();
        var rowOfCase = new Dictionary<int, CaseRow>();
        foreach (var row in parsed.Projects)
        {
            try
            {
                report.SetProjectLine(row.ProjectId, row.Figures);
                rowOfProject[row.ProjectId] = row;
            }
            catch (DomainException ex)
            {
                errors.Add(new ImportProblem(Text("Import_Sheet_Projects"), row.Row, null, ex.Message));
            }
        }

        foreach (var row in parsed.Cases)
        {
            try
            {
                report.SetCaseLine(row.CaseId, row.ThisMonth, baseline.Case(row.CaseId)!.ResolvedEarlierInYear);
                rowOfCase[row.CaseId] = row;
            }
            catch (DomainException ex)
            {
                errors.Add(new ImportProblem(Text("Import_Sheet_Cases"), row.Row, null, ex.Message));
            }
        }

        var check = ReportRules.Check(report, baseline);
        foreach (var finding in check.Errors)
        {
            errors.Add(finding switch
            {
                { ProjectId: { } p } when rowOfProject.TryGetValue(p, out var row) => new ImportProblem(Text("Import_Sheet_Projects"), row.Row, null, finding.Message),
                { CaseId: { } c } when rowOfCase.TryGetValue(c, out var row) => new ImportProblem(Text("Import_Sheet_Cases"), row.Row, null, finding.Message),
                _ => new ImportProblem(null, null, null, finding.Message),
            });
        }

        var result = new ImportResult(Ordered(errors), check.Warnings, parsed.Projects.Count, parsed.Cases.Count, false);
        if (errors.Count > 0)
        {
            return (result, null);
        }

        var input = new ReportDraftInput
        {
            Projects = parsed.Projects.Select(r => new ProjectLineInput
            {
                ProjectId = r.ProjectId,
                UnitsStarted = r.Figures.UnitsStarted,
                UnitsBasicallyCompleted = r.Figures.UnitsBasicallyCompleted,
                InvestmentCompleted = r.Figures.InvestmentCompleted,
                HouseholdsSigned = r.Figures.HouseholdsSigned,
                HouseholdsMovedOut = r.Figures.HouseholdsMovedOut,
                Funds = r.Figures.Funds.Select(f => new FundsInput { Source = f.Source, Received = f.Received, Spent = f.Spent }).ToList(),
            }).ToList(),
            Cases = parsed.Cases.Select(r => new CaseLineInput
            {
                CaseId = r.CaseId,
                ReturnResettlement = r.ThisMonth.ReturnResettlement,
                Monetary = r.ThisMonth.Monetary,
                OffSite = r.ThisMonth.OffSite,
                Transitional = r.ThisMonth.Transitional,
            }).ToList(),
        };
        return (result, input);
    }

    private static List<ImportProblem> Ordered(IEnumerable<ImportProblem> problems)
        => problems.OrderBy(p => p.Sheet is null ? 0 : p.Sheet == Text("Import_Sheet_Projects") ? 1 : 2).ThenBy(p => p.Row ?? 0).ToList();

    /// <summary>The unit (the user's own, and one that reports), the period, its latest report revision and the baseline.</summary>
    private async Task<ImportContext> ContextAsync(IAppDbContext db, int periodId, int jurisdictionId, CancellationToken ct)
    {
        var unit = await ReportData.UnitAsync(db, jurisdictionId, ct);
        if (unit is null)
        {
            return new ImportContext(ReportData.UnitNotFound);
        }

        if (!unit.Reports)
        {
            return new ImportContext(Format(MonthlyReportEntry.TopDoesNotReport, unit.Name));
        }

        if (unit.Id != user.JurisdictionId)
        {
            return new ImportContext(MonthlyReportEntry.OwnUnitOnly);
        }

        var period = await db.ReportingPeriods.AsNoTracking().FirstOrDefaultAsync(p => p.Id == periodId, ct);
        if (period is null)
        {
            return new ImportContext(ReportData.PeriodNotFound);
        }

        var report = await db.MonthlyReports.AsSplitQuery()
            .Where(r => r.ReportingPeriodId == periodId && r.JurisdictionId == unit.Id)
            .OrderByDescending(r => r.Revision)
            .FirstOrDefaultAsync(ct);
        var baseline = await ReportData.BaselineAsync(db, unit.Id, period, report, ct);
        return new ImportContext(null, unit, period, report, baseline);
    }

    /// <summary>The upload in a seekable buffer, or why it is refused (empty, too large, not a zip package at all).</summary>
    private static async Task<Buffered> BufferAsync(Stream file, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await file.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                await buffer.DisposeAsync();
                return new Buffered(null, new ImportProblem(null, null, null, Format(TooLarge, MaxBytes / (1024 * 1024))));
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            await buffer.DisposeAsync();
            return new Buffered(null, new ImportProblem(null, null, null, EmptyFile));
        }

        // An .xlsx is a zip package: it starts with "PK\x03\x04". Anything else (.xls, .csv, a renamed file) stops here.
        var bytes = buffer.GetBuffer();
        if (buffer.Length < 4 || bytes[0] != (byte)'P' || bytes[1] != (byte)'K' || bytes[2] != 3 || bytes[3] != 4)
        {
            await buffer.DisposeAsync();
            return new Buffered(null, new ImportProblem(null, null, null, NotXlsx));
        }

        buffer.Position = 0;
        return new Buffered(buffer, null);
    }

    private static ParsedFile ReadFile(SheetReader reader, UnitInfo unit, ReportingPeriod period)
    {
        var parsed = new ParsedFile();
        List<string> sheets;
        try
        {
            sheets = reader.SheetNames();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            parsed.Errors.Add(new ImportProblem(null, null, null, NotXlsx));
            return parsed;
        }

        foreach (var name in new[] { Text("Import_Sheet_Info"), Text("Import_Sheet_Projects"), Text("Import_Sheet_Cases") })
        {
            if (!sheets.Contains(name))
            {
                parsed.Errors.Add(new ImportProblem(null, null, null, Format(WrongTemplate, name)));
            }
        }

        if (parsed.Errors.Count > 0)
        {
            return parsed;
        }

        try
        {
            ReadInfo(reader, unit, period, parsed);
            if (parsed.Errors.Count > 0)
            {
                return parsed;
            }

            ReadProjects(reader, parsed);
            ReadCases(reader, parsed);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            // MiniExcel throws whatever the broken part of the package makes it throw (zip, XML, format errors).
            parsed.Errors.Clear();
            parsed.Errors.Add(new ImportProblem(null, null, null, NotXlsx));
            return parsed;
        }

        if (parsed.Errors.Count == 0 && parsed.Projects.Count == 0 && parsed.Cases.Count == 0)
        {
            parsed.Errors.Add(new ImportProblem(null, null, null, NoRows));
        }

        return parsed;
    }

    private static void ReadInfo(SheetReader reader, UnitInfo unit, ReportingPeriod period, ParsedFile parsed)
    {
        var sheet = Text("Import_Sheet_Info");
        var values = new Dictionary<string, string>();
        foreach (var (_, cells) in reader.Rows(sheet).Skip(1).Take(50))
        {
            if (Cell(cells, "A") is { } key)
            {
                values[key] = Cell(cells, "B") ?? string.Empty;
            }
        }

        var code = values.GetValueOrDefault(Text("Import_Info_UnitCode"));
        if (code != unit.Code)
        {
            parsed.Errors.Add(new ImportProblem(sheet, null, null, Format(OtherUnit, values.GetValueOrDefault(Text("Import_Info_UnitName")) ?? code ?? "?", unit.Name)));
        }

        var label = values.GetValueOrDefault(Text("Import_Info_Period"));
        if (label != period.Label)
        {
            parsed.Errors.Add(new ImportProblem(sheet, null, null, Format(OtherPeriod, label ?? "?", period.Label)));
        }
    }

    private static void ReadProjects(SheetReader reader, ParsedFile parsed)
    {
        var sheet = Text("Import_Sheet_Projects");
        var headers = ProjectColumns().Select(c => c.Header).ToList();
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var (row, cells, columns) in DataRows(reader, sheet, headers, [Text("Import_Project_Name"), Text("Import_Project_Planned")], parsed))
        {
            var cellErrors = new Cells(sheet, row, cells, columns, parsed.Errors);
            var code = Cell(cells, columns[Text("Import_Project_Code")]);
            if (code is null)
            {
                parsed.Errors.Add(new ImportProblem(sheet, row, Text("Import_Project_Code"), CodeRequired));
                continue;
            }

            if (seen.TryGetValue(code, out var first))
            {
                parsed.Errors.Add(new ImportProblem(sheet, row, Text("Import_Project_Code"), Format(Duplicate, code, first)));
                continue;
            }

            seen[code] = row;
            var started = cellErrors.Whole(Text("Import_Project_UnitsStarted"));
            var completed = cellErrors.Whole(Text("Import_Project_UnitsCompleted"));
            var investment = cellErrors.Amount(Text("Import_Project_Investment"), required: true);
            var signed = cellErrors.Whole(Text("Import_Project_Signed"));
            var movedOut = cellErrors.Whole(Text("Import_Project_MovedOut"));
            var funds = new List<FundsFigures>();
            foreach (var source in Sources)
            {
                var received = cellErrors.Amount(Received(source), required: false);
                var spent = cellErrors.Amount(Spent(source), required: false);
                if (received is > 0 || spent is > 0)
                {
                    funds.Add(new FundsFigures(source, received ?? 0, spent ?? 0));
                }
            }

            if (!cellErrors.Failed)
            {
                parsed.Projects.Add(new ProjectRow(row, code, 0, new ProjectFigures(started!.Value, completed!.Value, investment!.Value, signed!.Value, movedOut!.Value, funds)));
            }
        }
    }

    private static void ReadCases(SheetReader reader, ParsedFile parsed)
    {
        var sheet = Text("Import_Sheet_Cases");
        var headers = CaseColumns().Select(c => c.Header).ToList();
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var (row, cells, columns) in DataRows(reader, sheet, headers, [Text("Import_Case_Name"), Text("Import_Case_Unresolved")], parsed))
        {
            var cellErrors = new Cells(sheet, row, cells, columns, parsed.Errors);
            var code = Cell(cells, columns[Text("Import_Case_Code")]);
            if (code is null)
            {
                parsed.Errors.Add(new ImportProblem(sheet, row, Text("Import_Case_Code"), CodeRequired));
                continue;
            }

            if (seen.TryGetValue(code, out var first))
            {
                parsed.Errors.Add(new ImportProblem(sheet, row, Text("Import_Case_Code"), Format(Duplicate, code, first)));
                continue;
            }

            seen[code] = row;
            var returned = cellErrors.Whole(Text("Import_Case_Return"));
            var monetary = cellErrors.Whole(Text("Import_Case_Monetary"));
            var offSite = cellErrors.Whole(Text("Import_Case_OffSite"));
            var transitional = cellErrors.Whole(Text("Import_Case_Transitional"));
            if (!cellErrors.Failed)
            {
                parsed.Cases.Add(new CaseRow(row, code, 0, new HouseholdResolutions(returned!.Value, monetary!.Value, offSite!.Value, transitional!.Value)));
            }
        }
    }

    /// <summary>
    /// The data rows of a sheet with the column letter of each expected header; reports missing headers (and reads no
    /// rows then), skips blank rows, and stops with an error past <see cref="MaxRows"/> without reading further.
    /// </summary>
    private static IEnumerable<(int Row, IDictionary<string, object?> Cells, Dictionary<string, string> Columns)> DataRows(
        SheetReader reader, string sheet, IReadOnlyList<string> headers, IReadOnlyCollection<string> optional, ParsedFile parsed)
    {
        Dictionary<string, string>? columns = null;
        var count = 0;
        foreach (var (row, cells) in reader.Rows(sheet))
        {
            if (columns is null)
            {
                var found = cells.Where(c => CellText(c.Value) is not null).GroupBy(c => CellText(c.Value)!).ToDictionary(g => g.Key, g => g.First().Key);
                var missing = headers.Where(h => !found.ContainsKey(h) && !optional.Contains(h)).ToList();
                if (missing.Count > 0)
                {
                    parsed.Errors.Add(new ImportProblem(sheet, null, null, Format(MissingColumns, string.Join("、", missing.Select(m => $"「{m}」")))));
                    yield break;
                }

                columns = headers.Where(found.ContainsKey).ToDictionary(h => h, h => found[h]);
                continue;
            }

            if (cells.Values.All(v => CellText(v) is null))
            {
                continue;
            }

            if (++count > MaxRows)
            {
                parsed.Errors.Add(new ImportProblem(sheet, null, null, Format(TooManyRows, MaxRows)));
                yield break;
            }

            yield return (row, cells, columns);
        }

        // A sheet with no header row at all is an empty sheet (a unit without ledger cases), not a broken one.
    }

    /// <summary>Finds each row's project or case on the unit's report, and says why a code is not there.</summary>
    private static async Task MatchAsync(IAppDbContext db, ImportContext context, ParsedFile parsed, List<ImportProblem> errors, CancellationToken ct)
    {
        var baseline = context.Baseline!;
        var byCode = baseline.Projects.GroupBy(p => p.Code, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().ProjectId, StringComparer.OrdinalIgnoreCase);
        var unknown = parsed.Projects.Where(r => !byCode.ContainsKey(r.Code)).Select(r => r.Code).Distinct().ToList();
        // Through tenancy: a project of a unit outside the user's subtree is simply not found.
        var visible = unknown.Count == 0 ? [] : await db.Projects.AsNoTracking().Where(p => unknown.Contains(p.Code))
            .Select(p => new { p.Code, p.JurisdictionId, Unit = p.Jurisdiction!.Name }).ToListAsync(ct);
        var projectSheet = Text("Import_Sheet_Projects");
        for (var i = 0; i < parsed.Projects.Count; i++)
        {
            var row = parsed.Projects[i];
            if (byCode.TryGetValue(row.Code, out var id))
            {
                parsed.Projects[i] = row with { ProjectId = id };
                continue;
            }

            var found = visible.FirstOrDefault(v => string.Equals(v.Code, row.Code, StringComparison.OrdinalIgnoreCase));
            var message = found is null ? Format(UnknownProject, row.Code)
                : found.JurisdictionId != context.Unit!.Id ? Format(ProjectOfOtherUnit, row.Code, found.Unit)
                : Format(ProjectNotOnReport, row.Code);
            errors.Add(new ImportProblem(projectSheet, row.Row, Text("Import_Project_Code"), message));
        }

        var caseByCode = baseline.Cases.GroupBy(c => c.ProjectCode, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().CaseId, StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < parsed.Cases.Count; i++)
        {
            var row = parsed.Cases[i];
            if (caseByCode.TryGetValue(row.Code, out var id))
            {
                parsed.Cases[i] = row with { CaseId = id };
            }
            else
            {
                errors.Add(new ImportProblem(Text("Import_Sheet_Cases"), row.Row, Text("Import_Case_Code"), Format(UnknownCase, row.Code)));
            }
        }
    }

    private static SpreadsheetColumn<(ProjectBaseline Project, ProjectFigures Figures)>[] ProjectColumns()
    {
        var columns = new List<SpreadsheetColumn<(ProjectBaseline Project, ProjectFigures Figures)>>
        {
            new(Text("Import_Project_Code"), r => r.Project.Code),
            new(Text("Import_Project_Name"), r => r.Project.Name),
            new(Text("Import_Project_Planned"), r => r.Project.PlannedUnits),
            new(Text("Import_Project_UnitsStarted"), r => r.Figures.UnitsStarted),
            new(Text("Import_Project_UnitsCompleted"), r => r.Figures.UnitsBasicallyCompleted),
            new(Text("Import_Project_Investment"), r => r.Figures.InvestmentCompleted),
            new(Text("Import_Project_Signed"), r => r.Figures.HouseholdsSigned),
            new(Text("Import_Project_MovedOut"), r => r.Figures.HouseholdsMovedOut),
        };
        foreach (var source in Sources)
        {
            columns.Add(new(Received(source), r => r.Figures.Funds.FirstOrDefault(f => f.Source == source)?.Received));
            columns.Add(new(Spent(source), r => r.Figures.Funds.FirstOrDefault(f => f.Source == source)?.Spent));
        }

        return [.. columns];
    }

    private static SpreadsheetColumn<(CaseBaseline Case, HouseholdResolutions ThisMonth)>[] CaseColumns() =>
    [
        new(Text("Import_Case_Code"), r => r.Case.ProjectCode),
        new(Text("Import_Case_Name"), r => r.Case.Name),
        new(Text("Import_Case_Unresolved"), r => r.Case.UnresolvedAtMonthStart),
        new(Text("Import_Case_Return"), r => r.ThisMonth.ReturnResettlement),
        new(Text("Import_Case_Monetary"), r => r.ThisMonth.Monetary),
        new(Text("Import_Case_OffSite"), r => r.ThisMonth.OffSite),
        new(Text("Import_Case_Transitional"), r => r.ThisMonth.Transitional),
    ];

    private static string Received(FundingSource source) => DomainText.Format(DomainText.Named("Import_Project_Received"), DomainText.Of(source));

    private static string Spent(FundingSource source) => DomainText.Format(DomainText.Named("Import_Project_Spent"), DomainText.Of(source));

    private static string Text(string name) => DomainText.Named(name);

    private static string Format(string template, params object?[] args) => string.Format(CultureInfo.CurrentCulture, template, args);

    private static string? CellText(object? value) => value switch
    {
        null => null,
        string s => string.IsNullOrWhiteSpace(s) ? null : s.Trim(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()?.Trim() is { Length: > 0 } t ? t : null,
    };

    private static string? Cell(IDictionary<string, object?> cells, string column) => cells.TryGetValue(column, out var v) ? CellText(v) : null;

    /// <summary>Reads the number cells of one row, collecting an error per bad cell.</summary>
    private sealed class Cells(string sheet, int row, IDictionary<string, object?> cells, Dictionary<string, string> columns, List<ImportProblem> errors)
    {
        public bool Failed { get; private set; }

        public int? Whole(string header)
        {
            var value = Amount(header, required: true);
            if (value is not { } v)
            {
                return null;
            }

            if (v != decimal.Truncate(v))
            {
                return Fail<int>(header, Format(NotWhole, v));
            }

            return v > int.MaxValue ? Fail<int>(header, Format(TooBig, v)) : (int)v;
        }

        public decimal? Amount(string header, bool required)
        {
            var raw = columns.TryGetValue(header, out var column) && cells.TryGetValue(column, out var v) ? v : null;
            decimal value;
            switch (raw)
            {
                case null:
                case string s when string.IsNullOrWhiteSpace(s):
                    return required ? Fail<decimal>(header, Required) : null;
                case double d:
                    if (double.IsNaN(d) || double.IsInfinity(d) || Math.Abs(d) > 1e15)
                    {
                        return Fail<decimal>(header, Format(TooBig, d));
                    }

                    value = (decimal)d;
                    break;
                case decimal m:
                    value = m;
                    break;
                case int or long:
                    value = Convert.ToDecimal(raw, CultureInfo.InvariantCulture);
                    break;
                case string s when decimal.TryParse(s.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed):
                    value = parsed;
                    break;
                default:
                    var shown = CellText(raw) ?? string.Empty;
                    return Fail<decimal>(header, Format(NotANumber, shown.Length > 30 ? string.Concat(shown.AsSpan(0, 30), "…") : shown));
            }

            return value < 0 ? Fail<decimal>(header, Format(Negative, value)) : value;
        }

        private T? Fail<T>(string header, string message)
            where T : struct
        {
            Failed = true;
            errors.Add(new ImportProblem(sheet, row, header, message));
            return null;
        }
    }

    /// <summary>MiniExcel over one buffered package: sheet names, and one sheet's rows streamed (cells by column letter).</summary>
    private sealed class SheetReader(MemoryStream stream)
    {
        public List<string> SheetNames()
        {
            stream.Position = 0;
            return MiniExcel.GetSheetNames(stream);
        }

        public IEnumerable<(int Row, IDictionary<string, object?> Cells)> Rows(string sheet)
        {
            stream.Position = 0;
            var number = 0;
            foreach (IDictionary<string, object?> cells in MiniExcel.Query(stream, useHeaderRow: false, sheetName: sheet, excelType: ExcelType.XLSX))
            {
                yield return (++number, cells);
            }
        }
    }

    private sealed record ImportContext(string? Error, UnitInfo? Unit = null, ReportingPeriod? Period = null, MonthlyReport? Report = null, ReportBaseline? Baseline = null);

    private sealed record Buffered(MemoryStream? Stream, ImportProblem? Problem) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Stream?.DisposeAsync() ?? ValueTask.CompletedTask;
    }

    private sealed record ProjectRow(int Row, string Code, int ProjectId, ProjectFigures Figures);

    private sealed record CaseRow(int Row, string Code, int CaseId, HouseholdResolutions ThisMonth);

    private sealed class ParsedFile
    {
        public List<ImportProblem> Errors { get; } = [];
        public List<ProjectRow> Projects { get; } = [];
        public List<CaseRow> Cases { get; } = [];
    }
}

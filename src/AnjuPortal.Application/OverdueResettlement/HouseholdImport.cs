using System.Globalization;
using System.Threading.Channels;
using AnjuPortal.Application.Common;
using AnjuPortal.Application.Dashboards;
using AnjuPortal.Application.Exports;
using AnjuPortal.Application.Reporting;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.OverdueResettlement;
using AnjuPortal.Domain.PersonalData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AnjuPortal.Application.OverdueResettlement;

/// <summary>Configuration section <c>HouseholdImport</c>.</summary>
public sealed class HouseholdImportOptions
{
    public const string Section = "HouseholdImport";

    /// <summary>Most data rows in one file (default 100,000); a file with more is refused without reading on.</summary>
    public int MaxRows { get; set; } = 100_000;

    /// <summary>Rows per save while committing, all inside one transaction (memory stays flat; the audit gets one summary record per save).</summary>
    public int SaveChunk { get; set; } = 5_000;
}

/// <summary>Where an import is: reading the file, checking the rows against the database, or saving.</summary>
public enum ImportStage
{
    Reading = 0,
    Checking = 1,
    Saving = 2,
}

/// <summary>Progress of an import, reported every few thousand rows (<see cref="Total"/> is unknown while reading).</summary>
public sealed record ImportProgress(ImportStage Stage, int Done, int? Total);

/// <summary>
/// The outcome of a dry run or commit: the problems (at most <see cref="HouseholdImport.MaxListedErrors"/> listed,
/// <see cref="ErrorCount"/> in all), the rows read, how many carry a resolution or a confirmed duplicate, and after a
/// commit how many were written. Messages never contain a full ID number.
/// </summary>
public sealed record HouseholdImportResult(
    IReadOnlyList<ImportProblem> Errors,
    int ErrorCount,
    int Rows,
    int Resolved,
    int ConfirmedDuplicates,
    bool Committed,
    int Imported = 0)
{
    public bool Succeeded => ErrorCount == 0;

    internal static HouseholdImportResult Failed(string message) => new([new ImportProblem(null, null, null, message)], 1, 0, 0, 0, false);
}

/// <summary>
/// Importing overdue households 逾期未安置户导入 from the Excel ledgers cities keep: <see cref="TemplateAsync"/> hands out
/// the template, <see cref="DryRunAsync"/> reads the whole file and lists every bad row with its reason (and writes
/// nothing), <see cref="CommitAsync"/> checks again and, only when nothing is wrong, writes every row in one
/// transaction (all or nothing), holding the province-wide duplicate lock for the file's ID numbers. The file is
/// streamed (<see cref="SpreadsheetRows"/>); rows are encrypted only when they are written; saved chunks leave the change tracker.
/// </summary>
public sealed class HouseholdImport(
    IAppDbContextFactory contexts, IProvincialHouseholdIndex province, IPersonalDataCipher cipher, ICurrentUser user, TimeProvider clock,
    IOptions<HouseholdImportOptions> options, IProgressStatisticsSignal? statistics = null)
{
    public const string SheetName = "逾期未安置户";
    public const string GuideSheet = "填写说明";
    public const string CasesSheet = "台账项目";
    public const int MaxListedErrors = 1_000;

    public const string ColCode = "项目编号";
    public const string ColName = "户主姓名";
    public const string ColId = "身份证号";
    public const string ColPhone = "联系电话";
    public const string ColPromised = "承诺安置日期";
    public const string ColMethod = "安置方式";
    public const string ColResolvedOn = "安置日期";
    public const string ColAgreementKind = "协议类型";
    public const string ColAgreementNumber = "协议编号";
    public const string ColSignedOn = "协议签订日期";
    public const string ColMonths = "过渡期限（月）";
    public const string ColReturnDate = "约定回迁日期";
    public const string ColOwed = "应付过渡费（元）";
    public const string ColPaid = "已付过渡费（元）";
    public const string ColDuplicate = "已知重复说明";

    private static readonly string[] Columns =
        [ColCode, ColName, ColId, ColPhone, ColPromised, ColMethod, ColResolvedOn, ColAgreementKind, ColAgreementNumber, ColSignedOn, ColMonths, ColReturnDate, ColOwed, ColPaid, ColDuplicate];

    private static readonly string[] RequiredColumns = [ColCode, ColName, ColId, ColPromised];

    public const string EmptyFile = "文件为空，请选择填写好的逾期未安置户导入模板。";
    public const string NotXlsx = "文件不是有效的 Excel (.xlsx) 文件，可能已损坏或是其他格式（如 .xls、.csv），请用平台下载的模板填写后另存为 .xlsx。";
    public const string WrongTemplate = "不是本平台的逾期未安置户导入模板：缺少列 {0}。请重新下载模板，不要删除或改名表头。";
    public const string TooManyRows = "数据行超过 {0:N0} 行的上限，未继续读取，未写入任何数据。请拆分文件后分批导入。";
    public const string NoRows = "文件中没有任何数据行。";
    public const string Required = "不能为空。";
    public const string NotADate = "应为日期（如 2020-06-30），实际为“{0}”。";
    public const string NotANumber = "应为数字，实际为“{0}”。";
    public const string UnknownCase = "项目编号「{0}」在逾期未安置台账中不存在。";
    public const string CaseOutsideSubtree = "项目编号「{0}」的台账项目属于{1}，不在您的管辖范围内。";
    public const string CaseNotOpen = "项目编号「{0}」的台账项目当前状态为“{1}”，不能再导入逾期户。";
    public const string DuplicateInFile = "身份证号 {0} 与第 {1} 行重复，同一人在文件中只能出现一次。";
    public const string DuplicateInProvince = "身份证号 {0} 已登记在{1}。如核实确属同一人需分别登记，请在「已知重复说明」列填写说明后重新导入。";
    public const string UnknownMethod = "安置方式“{0}”无法识别，应为：回迁安置、货币化安置、异地安置或过渡性安置。";
    public const string UnknownAgreementKind = "协议类型“{0}”无法识别，应为：回迁安置协议或补充协议。";
    public const string ResolutionIncomplete = "填写了安置信息但缺少“安置方式”或“安置日期”。";
    public const string AgreementIncomplete = "填写协议时须同时填写协议类型、协议编号和协议签订日期。";

    private const int ReportEvery = 5_000;

    /// <summary>ID numbers per province-wide duplicate query while the sheet is read.</summary>
    private const int FindBatch = 5_000;

    /// <summary>Rows looked at for the header before the file is called the wrong template (title lines above it are passed over).</summary>
    private const int MaxLinesAboveHeader = 10;

    /// <summary>The template: the household sheet (headers only), the guide, and the open cases of the user's subtree to pick codes from.</summary>
    public async Task<ExportFile> TemplateAsync(CancellationToken ct = default)
    {
        user.Demand(Permission.Edit);
        await using var db = await contexts.CreateAsync(ct);
        var cases = await db.OverdueCases.AsNoTracking().Where(c => c.Status == CaseStatus.Open)
            .OrderBy(c => c.Project!.Code)
            .Select(c => new { c.Project!.Code, c.Project.Name, Unit = c.Jurisdiction!.Name })
            .ToListAsync(ct);
        using var households = SpreadsheetTable.Table(SheetName, Columns.Select(h => new SpreadsheetColumn<string>(h, _ => null)).ToList(), Array.Empty<string>());
        using var guide = SpreadsheetTable.Table(GuideSheet,
            [new SpreadsheetColumn<(string Column, string Rule)>("列", r => r.Column), new("填写要求", r => r.Rule)],
            Guide());
        using var caseTable = SpreadsheetTable.Table(CasesSheet,
            [new SpreadsheetColumn<(string Code, string Name, string Unit)>(ColCode, r => r.Code), new("项目名称", r => r.Name), new("所在地区", r => r.Unit)],
            cases.Select(c => (c.Code, c.Name, c.Unit)).ToList());
        var content = await SpreadsheetTable.WriteSheetsAsync([households, guide, caseTable], ct);
        return new ExportFile("逾期未安置户导入模板.xlsx", content);
    }

    private static List<(string Column, string Rule)> Guide() =>
    [
        (ColCode, "必填。台账项目的项目编号，见“台账项目”工作表；只能填本单位及下级的、推进中的台账项目。"),
        (ColName, "必填。不超过 30 个字。"),
        (ColId, "必填。18 位居民身份证号，末位可为 X；全省唯一，已在任何台账登记过的人员不能再次导入。"),
        (ColPhone, "选填。11 位手机号或带区号的固定电话。"),
        (ColPromised, "必填。日期，如 2019-12-31。"),
        (ColMethod, "已安置的填写：回迁安置、货币化安置、异地安置或过渡性安置；未安置的留空。"),
        (ColResolvedOn, "填写安置方式时必填，不能晚于今天。"),
        (ColAgreementKind, "回迁安置协议或补充协议。回迁安置须为回迁安置协议；过渡性安置须为补充协议。"),
        (ColAgreementNumber, "填写协议类型时必填。"),
        (ColSignedOn, "填写协议类型时必填，不能晚于今天。"),
        (ColMonths, "过渡性安置必填，整月数。"),
        (ColReturnDate, "过渡性安置必填，不早于协议签订日期。"),
        (ColOwed, "选填，单位元，不能为负数。"),
        (ColPaid, "选填，单位元，不能为负数；少于应付即为欠付过渡费。"),
        (ColDuplicate, "仅当该人员已在全省其他台账登记、且确属需分别登记时填写原因；两处记录都会被标记为疑似重复。"),
        ("文件", "只读取“逾期未安置户”工作表（没有时读第一个工作表）；整份文件无误才会全部写入，有任何一行出错则一行都不写入。"),
    ];

    /// <summary>Reads and checks the whole file; writes nothing.</summary>
    public async Task<HouseholdImportResult> DryRunAsync(Stream file, IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        user.Demand(Permission.Edit);
        await using var db = await contexts.CreateAsync(ct);
        var (result, _, _) = await CheckAsync(db, file, progress, lockIndexes: false, ct);
        return result;
    }

    /// <summary>Checks exactly like <see cref="DryRunAsync"/> and, only when nothing is wrong, writes every row in one transaction.</summary>
    public async Task<HouseholdImportResult> CommitAsync(Stream file, IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        user.Demand(Permission.Edit);
        await using var db = await contexts.CreateAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var (result, rows, cases) = await CheckAsync(db, file, progress, lockIndexes: true, ct);
        if (!result.Succeeded || rows is null || cases is null)
        {
            return result;
        }

        var today = ChinaTime.DateOf(clock.GetUtcNow());
        var size = Math.Max(1, options.Value.SaveChunk);
        var total = rows.Count;
        db.SummarizeAddedRows<OverdueHousehold>(string.Format(CultureInfo.InvariantCulture,
            "Excel 导入逾期未安置户：{0} 户，涉及 {1} 个台账项目，其中已安置 {2} 户、确认已知重复 {3} 户", rows.Count, rows.Select(r => r.CaseId).Distinct().Count(),
            result.Resolved, result.ConfirmedDuplicates));
        var flagged = new List<int>();
        var units = new HashSet<int>();
        var written = 0;
        var chunks = rows.Chunk(size).ToList();
        rows = null; // the chunks hold the rows now; each chunk is let go once written
        Task<OverdueHousehold[]>? next = null;
        try
        {
            // A pipeline of two: while one chunk is inserted, the next is built and encrypted on the other core (AES-GCM under
            // the data key, ADR-010: ~1-2 µs a value; it was the biggest single cost while each value went through Data Protection).
            next = BuildAsync(chunks[0], cases, today, ct);
            for (var i = 0; i < chunks.Count; i++)
            {
                var households = await next!;
                next = i + 1 < chunks.Count ? BuildAsync(chunks[i + 1], cases, today, ct) : null;
                foreach (var row in chunks[i])
                {
                    if (row.DuplicateOf is { } earlier)
                    {
                        flagged.AddRange(earlier);
                    }
                }

                await db.InsertSummarizedAsync(households, ct);
                units.UnionWith(households.Select(h => h.JurisdictionId));
                written += households.Length;
                chunks[i] = [];
                progress?.Report(new ImportProgress(ImportStage.Saving, written, total));
            }

            if (flagged.Count > 0)
            {
                await province.FlagAsync(db, flagged, ct);
                await db.SaveChangesAsync(ct);
            }

            await transaction.CommitAsync(ct);
        }
        catch (DomainException ex)
        {
            // The check ran the same rules, so this is a race (e.g. the case was applied for meanwhile): nothing is written.
            await transaction.RollbackAsync(ct);
            return HouseholdImportResult.Failed(ex.Message);
        }
        finally
        {
            if (next is not null)
            {
                // A failed insert leaves the next chunk's encryption running: let it finish before the rows go away.
                await next.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }

        if (statistics is not null)
        {
            await statistics.UnitsChangedAsync(units, null, ct);
        }

        return result with { Committed = true, Imported = written };
    }

    /// <summary>The households of one chunk, built (and their ID numbers and phones encrypted) in parallel on the thread pool.</summary>
    private Task<OverdueHousehold[]> BuildAsync(Row[] chunk, Dictionary<int, OverdueCase> cases, DateOnly today, CancellationToken ct)
        => Task.Run(() =>
        {
            var households = new OverdueHousehold[chunk.Length];
            try
            {
                Parallel.For(0, chunk.Length, new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
                {
                    var row = chunk[i];
                    var overdueCase = cases[row.CaseId];
                    var household = overdueCase.NewHouseholdForImport(row.HeadName, row.IdNumber, row.Phone, row.Promised, cipher);
                    if (row.Resolution is { } resolution)
                    {
                        overdueCase.ResolveHousehold(household, resolution, today);
                    }

                    if (row.DuplicateOf is { } earlier)
                    {
                        household.ConfirmDuplicateOf(earlier[0], row.DuplicateReason!);
                    }

                    households[i] = household;
                });
            }
            catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
            {
                // One row's failure (a domain rule, a cipher error) as itself, not wrapped: the caller tells a DomainException apart.
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
            }

            return households;
        }, ct);

    private async Task<(HouseholdImportResult Result, List<Row>? Rows, Dictionary<int, OverdueCase>? Cases)> CheckAsync(
        IAppDbContext db, Stream file, IProgress<ImportProgress>? progress, bool lockIndexes, CancellationToken ct)
    {
        var (buffer, owned) = await BufferAsync(file, ct);
        await using var ownedBuffer = owned ? buffer : null;
        if (buffer is null)
        {
            return (HouseholdImportResult.Failed(EmptyFile), null, null);
        }

        if (!await LooksLikeZipAsync(buffer, ct))
        {
            return (HouseholdImportResult.Failed(NotXlsx), null, null);
        }

        var errors = new List<ImportProblem>();
        var rows = new List<Row>();
        var today = ChinaTime.DateOf(clock.GetUtcNow());
        string sheet;
        try
        {
            var sheets = SpreadsheetRows.SheetNames(buffer);
            if (sheets.Count == 0)
            {
                return (HouseholdImportResult.Failed(NotXlsx), null, null);
            }

            sheet = sheets.Contains(SheetName) ? SheetName : sheets[0];
            buffer.Position = 0;
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            // The reader throws whatever the broken part of the package makes it throw (zip, packaging, XML errors).
            return (HouseholdImportResult.Failed(NotXlsx), null, null);
        }

        // The province-wide duplicate check asks the database while the sheet is still being parsed, batch by batch, when
        // that is safe: in a dry run (nothing is written), or when the transaction itself keeps every other writer out
        // (SQLite). Otherwise (a commit on PostgreSQL or SQL Server) the ID numbers are locked first, after the read.
        var findWhileReading = !lockIndexes || province.TransactionExcludesWriters(db);
        var provinceMatches = new List<ProvincialMatch>();
        var asked = new HashSet<string>(StringComparer.Ordinal);
        var pending = new List<string>();
        Dictionary<string, int>? columnOf = null;
        List<string>? closest = null;
        var linesAboveHeader = 0;
        try
        {
            // A pipeline of two: one thread parses the sheet's XML, this one checks the rows it hands over in
            // batches. On two cores the check (ID checksum, blind index, dates) then costs almost nothing on top of the parse.
            using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var batches = Channel.CreateBounded<List<SheetRow>>(
                new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
            var reader = Task.Run(() => ReadSheetAsync(buffer, sheet, batches.Writer, stopReading.Token), CancellationToken.None);
            try
            {
                await foreach (var batch in batches.Reader.ReadAllAsync(ct))
                {
                    foreach (var cells in batch)
                    {
                        if (columnOf is null)
                        {
                            // The header is the first row naming every required column; hand-kept ledgers often have a title
                            // line or two above it (附件1 …台账, 填报单位：…), which are passed over.
                            var headers = Headers(cells.Cells);
                            var missing = RequiredColumns.Where(c => !headers.ContainsKey(c)).ToList();
                            if (missing.Count == 0)
                            {
                                columnOf = headers;
                            }
                            else if (closest is null || missing.Count < closest.Count)
                            {
                                closest = missing;
                            }

                            if (columnOf is null && ++linesAboveHeader >= MaxLinesAboveHeader)
                            {
                                return (WrongTemplateResult(closest!), null, null);
                            }

                            continue;
                        }

                        if (cells.Cells.All(v => CellText(v) is null))
                        {
                            continue; // blank lines between blocks are common in hand-kept ledgers
                        }

                        if (rows.Count + 1 > options.Value.MaxRows)
                        {
                            return (HouseholdImportResult.Failed(Format(TooManyRows, options.Value.MaxRows)), null, null);
                        }

                        var row = ReadRow(sheet, cells, columnOf, today, errors);
                        rows.Add(row);
                        if (findWhileReading && row.Index is { } index && asked.Add(index))
                        {
                            pending.Add(index);
                        }

                        if (rows.Count % ReportEvery == 0)
                        {
                            progress?.Report(new ImportProgress(ImportStage.Reading, rows.Count, null));
                        }
                    }

                    if (pending.Count >= FindBatch)
                    {
                        provinceMatches.AddRange(await province.FindAsync(db, pending, ct));
                        pending.Clear();
                    }
                }
            }
            finally
            {
                // An early answer (wrong template, too many rows) stops the parse; its end is awaited so the buffer outlives it.
                await stopReading.CancelAsync();
                await reader;
            }
        }
        catch (UnreadableSheetException)
        {
            return (HouseholdImportResult.Failed(NotXlsx), null, null);
        }

        if (columnOf is null && closest is not null)
        {
            return (WrongTemplateResult(closest), null, null); // only title-like lines, no header
        }

        if (rows.Count == 0)
        {
            return (HouseholdImportResult.Failed(NoRows), null, null);
        }

        progress?.Report(new ImportProgress(ImportStage.Checking, 0, rows.Count));

        // Cases: the user's subtree (filtered); codes not found there are looked up province-wide only to say why.
        var codes = rows.Where(r => r.Code is not null).Select(r => r.Code!).Distinct(StringComparer.Ordinal).ToList();
        var cases = new Dictionary<string, OverdueCase>(StringComparer.Ordinal);
        foreach (var chunk in codes.Chunk(1_000))
        {
            foreach (var c in await db.OverdueCases.AsNoTracking().Include(c => c.Project).Where(c => chunk.Contains(c.Project!.Code)).ToListAsync(ct))
            {
                cases[c.Project!.Code] = c;
            }
        }

        var missingCodes = codes.Where(c => !cases.ContainsKey(c)).ToList();
        var elsewhere = missingCodes.Count == 0 ? new Dictionary<string, string>() : await province.CaseUnitsAsync(db, missingCodes, ct);

        // Duplicates in the file, then in the province (blind index only; the lock first when committing).
        var firstRowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows.Where(r => r.Index is not null))
        {
            if (firstRowOf.TryGetValue(row.Index!, out var first))
            {
                errors.Add(new ImportProblem(sheet, row.Number, ColId, Format(DuplicateInFile, row.IdNumber.Masked, first)));
                row.Failed = true;
            }
            else
            {
                firstRowOf[row.Index!] = row.Number;
            }
        }

        if (findWhileReading)
        {
            provinceMatches.AddRange(await province.FindAsync(db, pending, ct));
        }
        else
        {
            await province.LockAsync(db, firstRowOf.Keys, ct);
            provinceMatches.AddRange(await province.FindAsync(db, firstRowOf.Keys, ct));
        }

        var matches = provinceMatches.ToLookup(m => m.IdNumberIndex, StringComparer.Ordinal);
        var resolved = 0;
        var duplicates = 0;
        var checkedRows = 0;
        foreach (var row in rows)
        {
            if (++checkedRows % ReportEvery == 0)
            {
                progress?.Report(new ImportProgress(ImportStage.Checking, checkedRows, rows.Count));
            }

            if (row.Code is { } code)
            {
                if (cases.TryGetValue(code, out var overdueCase))
                {
                    if (overdueCase.Status != CaseStatus.Open)
                    {
                        errors.Add(new ImportProblem(sheet, row.Number, ColCode, Format(CaseNotOpen, code, DomainText.Of(overdueCase.Status))));
                        row.Failed = true;
                    }
                    else
                    {
                        row.CaseId = overdueCase.Id;
                    }
                }
                else
                {
                    errors.Add(new ImportProblem(sheet, row.Number, ColCode, elsewhere.TryGetValue(code, out var unit) ? Format(CaseOutsideSubtree, code, unit) : Format(UnknownCase, code)));
                    row.Failed = true;
                }
            }

            if (row.Index is { } index && matches[index].ToList() is { Count: > 0 } found)
            {
                if (row.DuplicateReason is null)
                {
                    errors.Add(new ImportProblem(sheet, row.Number, ColId, Format(DuplicateInProvince, row.IdNumber.Masked, string.Join("、", found.Take(3).Select(m => m.Where)))));
                    row.Failed = true;
                }
                else
                {
                    row.DuplicateOf = found.Select(m => m.HouseholdId).ToList();
                    duplicates++;
                }
            }

            if (row.Resolution is not null && !row.Failed)
            {
                resolved++;
            }
        }

        var ordered = errors.OrderBy(e => e.Row ?? 0).ToList();
        var result = new HouseholdImportResult(ordered.Take(MaxListedErrors).ToList(), ordered.Count, rows.Count, resolved, duplicates, false);
        if (ordered.Count > 0)
        {
            return (result, null, null);
        }

        foreach (var row in rows)
        {
            row.Index = null;
        }

        return (result, rows, cases.Values.ToDictionary(c => c.Id));
    }

    /// <summary>One data row: every cell checked, an error per bad cell (the row is then marked failed).</summary>
    private Row ReadRow(string sheet, SheetRow cells, Dictionary<string, int> columnOf, DateOnly today, List<ImportProblem> errors)
    {
        var number = cells.Number;
        var failed = false;
        void Fail(string column, string message)
        {
            failed = true;
            errors.Add(new ImportProblem(sheet, number, column, message));
        }

        object? Cell(string column) => columnOf.TryGetValue(column, out var index) ? cells[index] : null;

        string? Text(string column) => CellText(Cell(column));

        DateOnly? Date(string column, bool required)
        {
            var raw = Cell(column);
            switch (raw)
            {
                case null:
                case string s when string.IsNullOrWhiteSpace(s):
                    if (required)
                    {
                        Fail(column, Required);
                    }

                    return null;
                case DateTime d:
                    return DateOnly.FromDateTime(d);
                case double serial when serial is > 0 and < 2958466:
                    return DateOnly.FromDateTime(DateTime.FromOADate(serial));
                case string s when DateOnly.TryParseExact(s.Trim(), ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyy.M.d", "yyyyMMdd", "yyyy年M月d日"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed):
                    return parsed;
                default:
                    Fail(column, Format(NotADate, Shown(raw)));
                    return null;
            }
        }

        decimal Money(string column)
        {
            var raw = Cell(column);
            switch (raw)
            {
                case null:
                case string s when string.IsNullOrWhiteSpace(s):
                    return 0m;
                case double d when !double.IsNaN(d) && Math.Abs(d) < 1e12:
                    return Math.Round((decimal)d, 2);
                case decimal m:
                    return m;
                case int or long:
                    return Convert.ToDecimal(raw, CultureInfo.InvariantCulture);
                case string s when decimal.TryParse(s.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed):
                    return parsed;
                default:
                    Fail(column, Format(NotANumber, Shown(raw)));
                    return 0m;
            }
        }

        var code = Text(ColCode)?.ToUpperInvariant();
        if (code is null)
        {
            Fail(ColCode, Required);
        }

        var name = Text(ColName);
        if (name is null)
        {
            Fail(ColName, DomainText.Format(DomainText.Required, ColName));
        }
        else if (name.Length > 30)
        {
            Fail(ColName, DomainText.Format(DomainText.TooLong, ColName, 30));
        }

        IdCardNumber id = default;
        string? index = null;
        var idText = Text(ColId);
        if (idText is null)
        {
            Fail(ColId, DomainText.Format(DomainText.Required, ColId));
        }
        else if (!IdCardNumber.TryParse(idText, out id, out var idError))
        {
            Fail(ColId, idError!);
        }
        else
        {
            index = cipher.BlindIndex(id.Value);
        }

        PhoneNumber? phone = null;
        if (Text(ColPhone) is { } phoneText)
        {
            try
            {
                phone = PhoneNumber.Parse(phoneText);
            }
            catch (DomainException ex)
            {
                Fail(ColPhone, ex.Message);
            }
        }

        var promised = Date(ColPromised, required: true);
        var methodText = Text(ColMethod);
        var resolvedOn = Date(ColResolvedOn, required: false);
        var kindText = Text(ColAgreementKind);
        var agreementNumber = Text(ColAgreementNumber);
        var signedOn = Date(ColSignedOn, required: false);
        var returnDate = Date(ColReturnDate, required: false);
        int? months = null;
        if (Text(ColMonths) is { } monthsText)
        {
            if (int.TryParse(monthsText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var m))
            {
                months = m;
            }
            else
            {
                Fail(ColMonths, Format(NotANumber, Shown(monthsText)));
            }
        }

        var owed = Money(ColOwed);
        var paid = Money(ColPaid);
        var duplicateReason = Text(ColDuplicate);
        if (duplicateReason is { Length: > 200 })
        {
            Fail(ColDuplicate, DomainText.Format(DomainText.TooLong, ColDuplicate, 200));
        }

        HouseholdResolution? resolution = null;
        ResolutionMethod? method = null;
        if (methodText is not null)
        {
            method = ParseMethod(methodText);
            if (method is null)
            {
                Fail(ColMethod, Format(UnknownMethod, Shown(methodText)));
            }
        }

        AgreementKind? kind = null;
        if (kindText is not null)
        {
            kind = kindText.Contains("补充", StringComparison.Ordinal) ? AgreementKind.SupplementaryAgreement
                : kindText.Contains("回迁", StringComparison.Ordinal) ? AgreementKind.ReturnAgreement : null;
            if (kind is null)
            {
                Fail(ColAgreementKind, Format(UnknownAgreementKind, Shown(kindText)));
            }
        }

        var anyResolution = methodText is not null || resolvedOn is not null || kindText is not null || agreementNumber is not null || signedOn is not null;
        if (!failed && anyResolution)
        {
            if (method is null || resolvedOn is null)
            {
                Fail(methodText is null ? ColMethod : ColResolvedOn, ResolutionIncomplete);
            }
            else if ((kind is not null || agreementNumber is not null || signedOn is not null) && (kind is null || agreementNumber is null || signedOn is null))
            {
                Fail(kind is null ? ColAgreementKind : agreementNumber is null ? ColAgreementNumber : ColSignedOn, AgreementIncomplete);
            }
            else
            {
                var agreement = kind is { } k ? new ResettlementAgreement(k, agreementNumber!, signedOn!.Value, months, returnDate) : null;
                resolution = new HouseholdResolution(method.Value, resolvedOn.Value, agreement, owed, paid);
                try
                {
                    OverdueHousehold.CheckResolution(resolution, today);
                }
                catch (DomainException ex)
                {
                    Fail(ex.Field switch
                    {
                        nameof(OverdueHousehold.ResolvedOn) => ColResolvedOn,
                        nameof(OverdueHousehold.AgreementNumber) => ColAgreementNumber,
                        nameof(OverdueHousehold.AgreementSignedOn) => ColSignedOn,
                        nameof(OverdueHousehold.TransitionMonths) => ColMonths,
                        nameof(OverdueHousehold.AgreedReturnDate) => ColReturnDate,
                        nameof(OverdueHousehold.TransitionFeesOwed) => ColOwed,
                        nameof(OverdueHousehold.TransitionFeesPaid) => ColPaid,
                        _ => ColMethod,
                    }, ex.Message);
                }
            }
        }
        else if (!failed && (owed < 0 || paid < 0))
        {
            Fail(owed < 0 ? ColOwed : ColPaid, DomainText.Format(DomainText.MustNotBeNegative, owed < 0 ? ColOwed : ColPaid, Math.Min(owed, paid)));
        }

        if (failed)
        {
            // Still remember the code and the ID's blind index: the case and duplicate checks report on this row too.
            return new Row(number, code, name ?? string.Empty, id, index, phone, promised ?? default, null, duplicateReason) { Failed = true };
        }

        return new Row(number, code, name!, id, index, phone, promised!.Value, resolution, duplicateReason);
    }

    /// <summary>The wrong template: the required columns the closest row to a header lacks.</summary>
    private static HouseholdImportResult WrongTemplateResult(List<string> missing)
        => HouseholdImportResult.Failed(Format(WrongTemplate, string.Join("、", missing.Select(m => $"「{m}」"))));

    private static ResolutionMethod? ParseMethod(string text)
    {
        foreach (var method in Enum.GetValues<ResolutionMethod>())
        {
            if (text == DomainText.Of(method))
            {
                return method;
            }
        }

        return text switch
        {
            "回迁" => ResolutionMethod.ReturnResettlement,
            "货币化" or "货币" or "货币补偿" => ResolutionMethod.Monetary,
            "异地" => ResolutionMethod.OffSite,
            "过渡" or "过渡性" or "过渡安置" => ResolutionMethod.Transitional,
            _ => null,
        };
    }

    /// <summary>The header row: column text to column index (0 = A).</summary>
    private static Dictionary<string, int> Headers(object?[] cells)
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var column = 0; column < cells.Length; column++)
        {
            if (CellText(cells[column]) is { } header)
            {
                map.TryAdd(header.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("(", "（", StringComparison.Ordinal).Replace(")", "）", StringComparison.Ordinal), column);
            }
        }

        return map;
    }

    /// <summary>
    /// The sheet's rows, numbered from 1 (the header), in batches; a parse error completes the channel with it (the caller
    /// answers "not a valid .xlsx"), a cancellation just ends the parse.
    /// </summary>
    private static async Task ReadSheetAsync(Stream buffer, string sheet, ChannelWriter<List<SheetRow>> writer, CancellationToken ct)
    {
        const int batchSize = 1_000;
        try
        {
            var batch = new List<SheetRow>(batchSize);
            foreach (var row in SpreadsheetRows.Read(buffer, sheet))
            {
                ct.ThrowIfCancellationRequested();
                batch.Add(row);
                if (batch.Count == batchSize)
                {
                    await writer.WriteAsync(batch, ct);
                    batch = new List<SheetRow>(batchSize);
                }
            }

            if (batch.Count > 0)
            {
                await writer.WriteAsync(batch, ct);
            }

            writer.TryComplete();
        }
        catch (OperationCanceledException)
        {
            writer.TryComplete();
        }
        catch (Exception ex)
        {
            writer.TryComplete(new UnreadableSheetException(ex));
        }
    }

    /// <summary>The parse of the sheet failed: the file is not a readable .xlsx (whatever the reader threw is inside).</summary>
    private sealed class UnreadableSheetException(Exception inner) : Exception(inner.Message, inner);

    /// <summary>
    /// The upload as a seekable stream at its start, or null when empty: the caller's own stream when it already is one
    /// (the page hands over the bytes it holds; copying 8 MiB again would only add to the peak), else a copy (Owned).
    /// </summary>
    private static async Task<(Stream? Buffer, bool Owned)> BufferAsync(Stream file, CancellationToken ct)
    {
        if (file is { CanSeek: true, Position: 0 })
        {
            return (file.Length == 0 ? null : file, false);
        }

        var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        if (buffer.Length == 0)
        {
            await buffer.DisposeAsync();
            return (null, false);
        }

        buffer.Position = 0;
        return (buffer, true);
    }

    /// <summary>An .xlsx is a zip package: it starts with "PK\x03\x04". Anything else (.xls, .csv, a renamed file) stops here.</summary>
    private static async Task<bool> LooksLikeZipAsync(Stream buffer, CancellationToken ct)
    {
        var bytes = new byte[4];
        var read = await buffer.ReadAtLeastAsync(bytes, 4, throwOnEndOfStream: false, ct);
        buffer.Position = 0;
        return read == 4 && bytes[0] == (byte)'P' && bytes[1] == (byte)'K' && bytes[2] == 3 && bytes[3] == 4;
    }

    private static string? CellText(object? value) => value switch
    {
        null => null,
        string s => string.IsNullOrWhiteSpace(s) ? null : s.Trim(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()?.Trim() is { Length: > 0 } t ? t : null,
    };

    /// <summary>A cell's text as a message may echo it: shortened, and anything shaped like an ID or phone number masked.</summary>
    private static string Shown(object? value)
    {
        var text = PersonalDataMask.MaskFreeText(CellText(value) ?? string.Empty);
        return text.Length > 30 ? string.Concat(text.AsSpan(0, 30), "…") : text;
    }

    private static string Format(string template, params object?[] args) => string.Format(CultureInfo.CurrentCulture, template, args);

    /// <summary>A checked row. The ID number lives here only until it is encrypted on commit: never log a row.</summary>
    private sealed record Row(int Number, string? Code, string HeadName, IdCardNumber IdNumber, string? Index, PhoneNumber? Phone, DateOnly Promised,
        HouseholdResolution? Resolution, string? DuplicateReason)
    {
        public bool Failed { get; set; }

        /// <summary>The blind index, for the checks; let go once they pass (15 MiB for 100,000 rows; the write computes its own).</summary>
        public string? Index { get; set; } = Index;

        public int CaseId { get; set; }
        public List<int>? DuplicateOf { get; set; }

        public override string ToString() => $"Row {Number}";
    }
}

using AnjuPortal.Application.OverdueResettlement;
using AnjuPortal.Domain.Auditing;
using AnjuPortal.Domain.OverdueResettlement;
using AnjuPortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace AnjuPortal.Application.Tests.OverdueResettlement;

/// <summary>The household import: template, dry run listing every bad row, all-or-nothing commit, and bad files.</summary>
public abstract class HouseholdImportTests : IAsyncLifetime
{
    private HouseholdScenario _s = null!;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    internal HouseholdScenario S => _s;

    public async Task InitializeAsync()
    {
        _s = new HouseholdScenario(await CreateDatabaseAsync());
        await S.SeedCaseAsync("NG-2016-001", HouseholdScenario.Nanguan, (TestIdNumbers.Make("220102", "19500101", 1), "王桂兰"));
        await S.SeedCaseAsync("CY-2017-004", HouseholdScenario.Changyi);
    }

    public async Task DisposeAsync() => await _s.Database.DisposeAsync();

    internal static Dictionary<string, object?> Row(string code, string name, string id, object? promised = null, string? method = null, object? resolvedOn = null,
        string? kind = null, string? number = null, object? signedOn = null, string? duplicate = null, string? phone = null)
        => new()
        {
            [HouseholdImport.ColCode] = code, [HouseholdImport.ColName] = name, [HouseholdImport.ColId] = id, [HouseholdImport.ColPhone] = phone,
            [HouseholdImport.ColPromised] = promised ?? new DateTime(2019, 12, 31), [HouseholdImport.ColMethod] = method, [HouseholdImport.ColResolvedOn] = resolvedOn,
            [HouseholdImport.ColAgreementKind] = kind, [HouseholdImport.ColAgreementNumber] = number, [HouseholdImport.ColSignedOn] = signedOn,
            [HouseholdImport.ColMonths] = null, [HouseholdImport.ColReturnDate] = null, [HouseholdImport.ColOwed] = null, [HouseholdImport.ColPaid] = null,
            [HouseholdImport.ColDuplicate] = duplicate,
        };

    internal static MemoryStream Xlsx(IEnumerable<Dictionary<string, object?>> rows, string sheet = HouseholdImport.SheetName)
    {
        var stream = new MemoryStream();
        stream.SaveAs(rows, sheetName: sheet);
        stream.Position = 0;
        return stream;
    }

    private async Task<int> CountAsync()
    {
        await using var db = S.Database.CreateSystemContext();
        return await db.OverdueHouseholds.CountAsync();
    }

    [Fact]
    public async Task CommitAsync_WritesEveryRowWithOneSummaryAuditRecordPerSave_WhenFileGood()
    {
        var user = await S.UserAsync(HouseholdScenario.Province, Application.Security.Roles.ProvinceAdministrator);
        var rows = Enumerable.Range(0, 25).Select(i => Row(i % 2 == 0 ? "NG-2016-001" : "cy-2017-004", $"户主{i}", TestIdNumbers.Make("220102", "19800101", 100 + i), phone: "13904311234"))
            .Append(Row("NG-2016-001", "回迁户", TestIdNumbers.Make("220102", "19800101", 200), method: "回迁安置", resolvedOn: new DateTime(2020, 5, 1),
                kind: "回迁安置协议", number: "HQ-001", signedOn: "2020-04-01"))
            .ToList();
        var progress = new List<ImportProgress>();

        var result = await S.Import(user, chunk: 10).CommitAsync(Xlsx(rows), new SyncProgress(progress));

        Assert.True(result.Succeeded, string.Join("\n", result.Errors.Select(e => e.Text)));
        Assert.True(result.Committed);
        Assert.Equal(26, result.Imported);
        Assert.Equal(1, result.Resolved);
        Assert.Equal(27, await CountAsync());
        Assert.Contains(progress, p => p.Stage == ImportStage.Saving && p.Done == 26);
        await using var db = S.Database.CreateSystemContext();
        var returned = await db.OverdueHouseholds.SingleAsync(h => h.HeadName == "回迁户");
        Assert.Equal(ResolutionMethod.ReturnResettlement, returned.ResolutionMethod);
        Assert.Equal("HQ-001", returned.AgreementNumber);
        Assert.Equal(TestIdNumbers.Make("220102", "19800101", 200), S.Cipher.Unprotect(returned.IdNumberCipher));
        // 26 rows in chunks of 10: three summary records, no row-by-row records.
        var creates = await db.AuditEntries.Where(a => a.EntityType == nameof(OverdueHousehold) && a.Action == AuditAction.Create).ToListAsync();
        Assert.Equal(1 + 3, creates.Count); // the seeded household's own record, then the import's three summaries
        Assert.Equal(3, creates.Count(a => a.Note != null && a.Note.Contains("Excel 导入逾期未安置户：26 户")));
    }

    [Fact]
    public async Task CommitAsync_FailingInALaterChunk_LeavesNothing_NotEvenTheEarlierChunksOrTheirAuditRecords()
    {
        var user = await S.UserAsync(HouseholdScenario.Province, Application.Security.Roles.ProvinceAdministrator);
        var rows = Enumerable.Range(0, 25).Select(i => Row("NG-2016-001", $"户主{i}", TestIdNumbers.Make("220102", "19800101", 400 + i), phone: "13904311234")).ToList();
        long auditBefore;
        await using (var db = S.Database.CreateSystemContext())
        {
            auditBefore = await db.AuditEntries.LongCountAsync();
        }

        // Two values a row (ID number, phone): the 45th encryption is in the third chunk of ten, after two chunks were inserted.
        var cipher = new FailingCipher(S.Cipher, failOnCall: 45);
        var import = new HouseholdImport(S.Database.FactoryFor(user), new Infrastructure.Tenancy.ProvincialHouseholdIndex(S.Database.Clock), cipher, user, S.Database.Clock,
            Microsoft.Extensions.Options.Options.Create(new HouseholdImportOptions { SaveChunk = 10 }));
        var progress = new List<ImportProgress>();

        await Assert.ThrowsAsync<InvalidOperationException>(() => import.CommitAsync(Xlsx(rows), new SyncProgress(progress)));

        Assert.Contains(progress, p => p.Stage == ImportStage.Saving && p.Done == 20); // two chunks had been written inside the transaction
        Assert.Equal(1, await CountAsync());
        await using var check = S.Database.CreateSystemContext();
        Assert.Equal(auditBefore, await check.AuditEntries.LongCountAsync());
        Assert.True((await Infrastructure.Auditing.AuditTrailVerifier.VerifyAsync(check)).Intact);
    }

    [Fact]
    public async Task CommitAsync_TellsTheDashboardStatistics_WhichUnitsGotHouseholds_AndADryRunTellsNothing()
    {
        var user = await S.UserAsync(HouseholdScenario.Province, Application.Security.Roles.ProvinceAdministrator);
        var rows = new[]
        {
            Row("NG-2016-001", "户主甲", TestIdNumbers.Make("220102", "19800101", 500)),
            Row("CY-2017-004", "户主乙", TestIdNumbers.Make("220102", "19800101", 501)),
        };
        var signal = new RecordingSignal();
        var import = new HouseholdImport(S.Database.FactoryFor(user), new Infrastructure.Tenancy.ProvincialHouseholdIndex(S.Database.Clock), S.Cipher, user, S.Database.Clock,
            Microsoft.Extensions.Options.Options.Create(new HouseholdImportOptions()), signal);

        _ = await import.DryRunAsync(Xlsx(rows));
        Assert.Empty(signal.Calls);
        var result = await import.CommitAsync(Xlsx(rows));

        Assert.True(result.Committed);
        var nanguan = await S.Database.JurisdictionAsync(HouseholdScenario.Nanguan);
        var changyi = await S.Database.JurisdictionAsync(HouseholdScenario.Changyi);
        var call = Assert.Single(signal.Calls);
        Assert.Equal(new[] { nanguan.Id, changyi.Id }.Order(), call.Order());
    }

    private sealed class RecordingSignal : AnjuPortal.Application.Dashboards.IProgressStatisticsSignal
    {
        public List<IReadOnlyCollection<int>> Calls { get; } = [];

        public Task UnitsChangedAsync(IReadOnlyCollection<int> unitIds, int? year = null, CancellationToken ct = default)
        {
            Calls.Add([.. unitIds]);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task DryRunAsync_ListsEveryBadRowWithReasonAndWritesNothing()
    {
        var user = await S.UserAsync(HouseholdScenario.Nanguan);
        var good = TestIdNumbers.Make("220102", "19800101", 300);
        var badCheck = good[..17] + (good[17] == '0' ? '1' : '0');
        var inProvince = TestIdNumbers.Make("220102", "19500101", 1);
        var rows = new[]
        {
            Row("NG-2016-001", "张三", good),                             // row 2: fine
            Row("NG-2016-001", "李四", badCheck),                         // row 3: bad checksum
            Row("NG-2016-001", "", TestIdNumbers.Make("220102", "19800101", 301)), // row 4: missing name
            Row("XX-0000-000", "王五", TestIdNumbers.Make("220102", "19800101", 302)), // row 5: unknown case
            Row("CY-2017-004", "赵六", TestIdNumbers.Make("220102", "19800101", 303)), // row 6: outside the subtree
            Row("NG-2016-001", "钱七", good),                             // row 7: duplicate of row 2
            Row("NG-2016-001", "孙八", inProvince),                       // row 8: already in the province
            Row("NG-2016-001", "周九", TestIdNumbers.Make("220102", "19800101", 304), promised: "明年" + TestIdNumbers.Make("220102", "19800101", 305)), // row 9: text in a date cell
        };

        var result = await S.Import(user).DryRunAsync(Xlsx(rows));

        Assert.False(result.Succeeded);
        Assert.False(result.Committed);
        var byRow = result.Errors.ToLookup(e => e.Row);
        Assert.Empty(byRow[2]);
        Assert.Equal("身份证号校验位不正确，请核对后重新填写。", Assert.Single(byRow[3]).Message);
        Assert.Equal(HouseholdImport.ColName, Assert.Single(byRow[4]).Column);
        Assert.Contains("XX-0000-000", Assert.Single(byRow[5]).Message);
        Assert.Contains("昌邑区", Assert.Single(byRow[6]).Message);
        Assert.Contains("不在您的管辖范围内", byRow[6].Single().Message);
        Assert.Contains("第 2 行", Assert.Single(byRow[7]).Message);
        Assert.Contains("长春市南关区", Assert.Single(byRow[8]).Message);
        Assert.Contains("应为日期", Assert.Single(byRow[9]).Message);
        // No message echoes a full ID number (the date cell held one: it is masked too).
        Assert.All(result.Errors, e => Assert.DoesNotMatch(@"\d{17}[\dXx]", e.Text));
        Assert.Equal(1, await CountAsync());

        var commit = await S.Import(user).CommitAsync(Xlsx(rows));
        Assert.False(commit.Committed);
        Assert.Equal(1, await CountAsync());
    }

    [Fact]
    public async Task CommitAsync_AcceptsAndFlags_WhenProvinceDuplicateConfirmedInItsColumn()
    {
        var user = await S.UserAsync(HouseholdScenario.Changyi);
        var inProvince = TestIdNumbers.Make("220102", "19500101", 1);

        var result = await S.Import(user).CommitAsync(Xlsx([Row("CY-2017-004", "王桂兰", inProvince, duplicate: "两处房屋均被征收")]));

        Assert.True(result.Committed, string.Join("\n", result.Errors.Select(e => e.Text)));
        Assert.Equal(1, result.ConfirmedDuplicates);
        await using var db = S.Database.CreateSystemContext();
        Assert.All(await db.OverdueHouseholds.ToListAsync(), h => Assert.True(h.IsFlaggedDuplicate));
    }

    [Fact]
    public async Task CommitAsync_RefusesWholeFile_WhenEmpty()
    {
        var result = await S.Import(await S.UserAsync(HouseholdScenario.Nanguan)).CommitAsync(new MemoryStream());

        Assert.Equal(HouseholdImport.EmptyFile, Assert.Single(result.Errors).Message);
        Assert.Equal(1, await CountAsync());
    }

    [Fact]
    public async Task CommitAsync_RefusesWholeFile_WhenCorrupt()
    {
        var good = Xlsx([Row("NG-2016-001", "张三", TestIdNumbers.Make("220102", "19800101", 300))]).ToArray();
        var corrupt = good[..(good.Length / 2)]; // a truncated zip package: starts right, breaks inside

        var result = await S.Import(await S.UserAsync(HouseholdScenario.Nanguan)).CommitAsync(new MemoryStream(corrupt));
        var notZip = await S.Import(await S.UserAsync(HouseholdScenario.Nanguan)).CommitAsync(new MemoryStream("项目编号,户主姓名\n"u8.ToArray()));

        Assert.Equal(HouseholdImport.NotXlsx, Assert.Single(result.Errors).Message);
        Assert.Equal(HouseholdImport.NotXlsx, Assert.Single(notZip.Errors).Message);
        Assert.Equal(1, await CountAsync());
    }

    [Fact]
    public async Task CommitAsync_RefusesWholeFile_WhenWrongTemplate()
    {
        var other = new[] { new Dictionary<string, object?> { ["项目编号"] = "NG-2016-001", ["累计开工（套）"] = 3 } };

        var result = await S.Import(await S.UserAsync(HouseholdScenario.Nanguan)).CommitAsync(Xlsx(other, "项目进度"));

        Assert.Contains("缺少列", Assert.Single(result.Errors).Message);
        Assert.Contains("身份证号", result.Errors[0].Message);
        Assert.Equal(1, await CountAsync());
    }

    [Fact]
    public async Task DryRunAsync_PassesOverTitleLinesAboveTheHeader_AndNamesRowsByTheirExcelNumber()
    {
        // As cities keep their ledgers: a title line, a line naming the unit, a blank line, then the header and the rows.
        var header = Row("", "", "").Keys.ToList();
        var good = Row("NG-2016-001", "张三", TestIdNumbers.Make("220102", "19800101", 500));
        var bad = Row("NG-2016-001", "", TestIdNumbers.Make("220102", "19800101", 501));
        object?[][] lines =
        [
            ["附件1 南关区棚改逾期未安置户台账"],
            ["填报单位：南关区住房保障中心", null, null, "填报日期：2026年11月"],
            [],
            [.. header],
            [.. good.Values],
            [.. bad.Values],
        ];
        var stream = new MemoryStream();
        stream.SaveAs(lines.Select(line => Enumerable.Range(0, header.Count).ToDictionary(i => $"C{i:00}", i => i < line.Length ? line[i] : null)),
            printHeader: false, sheetName: HouseholdImport.SheetName);
        stream.Position = 0;

        var result = await S.Import(await S.UserAsync(HouseholdScenario.Nanguan)).DryRunAsync(stream);

        Assert.Equal(2, result.Rows);
        var problem = Assert.Single(result.Errors);
        Assert.Equal(6, problem.Row); // the sixth line of the sheet, as Excel numbers it
        Assert.Equal(HouseholdImport.ColName, problem.Column);
    }

    [Fact]
    public async Task DryRunAsync_CallsItTheWrongTemplate_WhenNoneOfTheFirstLinesIsTheHeader()
    {
        var lines = Enumerable.Range(0, 12).Select(i => new Dictionary<string, object?> { ["说明"] = $"第{i}行说明", ["项目编号"] = "NG-2016-001" });

        var result = await S.Import(await S.UserAsync(HouseholdScenario.Nanguan)).DryRunAsync(Xlsx(lines));

        Assert.Contains("缺少列", Assert.Single(result.Errors).Message);
        Assert.Contains("户主姓名", result.Errors[0].Message);
    }

    [Fact]
    public async Task CommitAsync_RefusesWholeFile_WhenOverRowLimit()
    {
        var rows = Enumerable.Range(0, 6).Select(i => Row("NG-2016-001", $"户主{i}", TestIdNumbers.Make("220102", "19800101", 400 + i)));

        var result = await S.Import(await S.UserAsync(HouseholdScenario.Nanguan), maxRows: 5).CommitAsync(Xlsx(rows));

        Assert.Equal(string.Format(System.Globalization.CultureInfo.CurrentCulture, HouseholdImport.TooManyRows, 5), Assert.Single(result.Errors).Message);
        Assert.Equal(1, await CountAsync());
    }

    [Fact]
    public async Task TemplateAsync_HasTheColumnsTheImportReads()
    {
        var template = await S.Import(await S.UserAsync(HouseholdScenario.Nanguan)).TemplateAsync();

        var file = XlsxFile.Read(template.Content);
        Assert.Equal(HouseholdImport.ColCode, file.Headers[0]);
        Assert.Contains(HouseholdImport.ColId, file.Headers);
        Assert.Contains(HouseholdImport.ColDuplicate, file.Headers);
        Assert.Empty(file.Rows);
    }

    /// <summary>The real cipher, except that its <paramref name="failOnCall"/>-th encryption fails (a key ring that cannot be read, say).</summary>
    private sealed class FailingCipher(Domain.PersonalData.IPersonalDataCipher inner, int failOnCall) : Domain.PersonalData.IPersonalDataCipher
    {
        private int _calls;

        public string Protect(string plaintext)
            => Interlocked.Increment(ref _calls) >= failOnCall ? throw new InvalidOperationException("key ring unavailable") : inner.Protect(plaintext);

        public string Unprotect(string ciphertext) => inner.Unprotect(ciphertext);

        public string BlindIndex(string plaintext) => inner.BlindIndex(plaintext);
    }

    private sealed class SyncProgress(List<ImportProgress> seen) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => seen.Add(value);
    }
}

public sealed class SqliteHouseholdImportTests : HouseholdImportTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await SqliteTestDatabase.CreateAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresHouseholdImportTests(PostgresServer server) : HouseholdImportTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await server.CreateDatabaseAsync();
}

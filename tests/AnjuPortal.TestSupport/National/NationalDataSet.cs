using System.Diagnostics;
using System.Globalization;
using AnjuPortal.Domain.Jurisdictions;
using AnjuPortal.Domain.OverdueResettlement;
using AnjuPortal.Domain.PersonalData;
using AnjuPortal.Domain.Projects;
using AnjuPortal.Domain.Reporting;
using AnjuPortal.Domain.Targets;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.TestSupport.National;

/// <summary>
/// The size and shape of a generated national data set. The defaults are issue 5's national scale: 31 provinces,
/// about 3,000 counties, 50,000 projects, 5,000,000 overdue households, 60 months of reports (January 2022 on).
/// Everything follows from <see cref="Seed"/>: the same options give the same rows.
/// </summary>
public sealed record NationalDataSetOptions
{
    /// <summary>Provinces, taken in GB/T 2260 order from the 31 of the mainland (at most 31).</summary>
    public int Provinces { get; init; } = 31;

    /// <summary>Prefecture-level units per province (at most 99).</summary>
    public int PrefecturesPerProvince { get; init; } = 10;

    /// <summary>County-level units per province, shared out over its prefectures (31 × 97 = 3,007 counties).</summary>
    public int CountiesPerProvince { get; init; } = 97;

    public int Projects { get; init; } = 50_000;

    public int Households { get; init; } = 5_000_000;

    /// <summary>Months of reports from January of <see cref="FirstYear"/>; every one but the last is frozen.</summary>
    public int Months { get; init; } = 60;

    public int FirstYear { get; init; } = 2022;

    public int Seed { get; init; } = 20_260_101;

    /// <summary>Share of projects with a ledger case 逾期未安置 (one case per project); the households are shared among the cases.</summary>
    public double CaseShare { get; init; } = 0.35;

    /// <summary>Share of households never resolved in the generated months.</summary>
    public double UnresolvedShare { get; init; } = 0.15;

    /// <summary>Distinct ID-number ciphertexts made with the real cipher and reused (see <see cref="NationalDataSet"/>).</summary>
    public int CipherPool { get; init; } = 256;

    public static NationalDataSetOptions National { get; } = new();

    /// <summary>A small set for tests: 2 provinces, 20 counties, 200 projects, 5,000 households, 14 months.</summary>
    public static NationalDataSetOptions Small { get; } = new()
    {
        Provinces = 2, PrefecturesPerProvince = 3, CountiesPerProvince = 10, Projects = 200, Households = 5_000, Months = 14, CipherPool = 16,
    };

    /// <summary>The (year, month) of every generated month, oldest first.</summary>
    public IReadOnlyList<(int Year, int Month)> MonthList()
        => Enumerable.Range(0, Months).Select(i => (FirstYear + (i / 12), (i % 12) + 1)).ToList();

    /// <summary>A short text naming the options, for cache file names and reports.</summary>
    public string Key => string.Create(CultureInfo.InvariantCulture,
        $"p{Provinces}-f{PrefecturesPerProvince}-c{CountiesPerProvince}-j{Projects}-h{Households}-m{Months}-y{FirstYear}-s{Seed}-k{CaseShare}-u{UnresolvedShare}-x{CipherPool}");
}

/// <summary>What <see cref="NationalDataSet.GenerateAsync"/> wrote, and how long it took.</summary>
public sealed record NationalDataSetSummary(
    int RootId,
    int Provinces,
    int Prefectures,
    int Counties,
    int Projects,
    int Cases,
    long Households,
    long ResolvedHouseholds,
    int Periods,
    long Reports,
    long ProjectLines,
    int Targets,
    (int Year, int Month) LastMonth,
    TimeSpan Elapsed,
    IReadOnlyList<string> Phases)
{
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Provinces} provinces, {Prefectures:N0} prefectures, {Counties:N0} counties, {Projects:N0} projects, {Cases:N0} ledger cases, {Households:N0} households ({ResolvedHouseholds:N0} resolved), {Periods} months ({Reports:N0} approved reports, {ProjectLines:N0} project lines), {Targets:N0} annual targets");
}

/// <summary>
/// Generates a national-scale data set straight into a migrated database, for the dashboard benchmark and for tests
/// at small scale (the same code at both sizes). It writes: the tree — a Nation root 住房和城乡建设部 over real province
/// codes and names, generated prefectures and counties below; annual targets 年度目标 for every node and year (a
/// county's from its projects and its ledger, a parent's the sum of its children's); projects with batch years spread
/// over the years; one reporting period per month, all frozen but the last (closed); for every month an approved
/// revision-0 report of every unit but the root, a county's report with one line per project of that year's batch,
/// cumulative figures growing month by month with a construction season (a cold-region calendar in the north, a milder
/// one in the south: little in winter); ledger cases for a share of the projects; and households with ResolvedOn dates
/// spread over the months (some never resolved).
/// <para>
/// Synthetic, and unlike what the portal writes: ID numbers are made up (valid GB 11643 check character, region code
/// of the household's county) and unique; the blind index is the real HMAC of each household's own number under the
/// cipher's key; the ciphertext is one of <see cref="NationalDataSetOptions.CipherPool"/> real ciphertexts reused
/// (encrypting millions of values with Data Protection takes too long), so decrypting a household's number gives
/// another made-up number. No phones, no report history, funding or case lines, no audit records (rows go past EF).
/// </para>
/// </summary>
public static class NationalDataSet
{
    public const string NationCode = "000000";
    public const string NationName = "住房和城乡建设部";
    public const string GeneratedBy = "national-data-set";

    /// <summary>The 31 provincial-level units of the mainland (GB/T 2260), with a short name and whether winters stop building.</summary>
    private static readonly (string Code, string Name, string Short, bool Cold)[] ProvinceList =
    [
        ("110000", "北京市", "京", true), ("120000", "天津市", "津", true), ("130000", "河北省", "冀", true), ("140000", "山西省", "晋", true),
        ("150000", "内蒙古自治区", "蒙", true), ("210000", "辽宁省", "辽", true), ("220000", "吉林省", "吉", true), ("230000", "黑龙江省", "黑", true),
        ("310000", "上海市", "沪", false), ("320000", "江苏省", "苏", false), ("330000", "浙江省", "浙", false), ("340000", "安徽省", "皖", false),
        ("350000", "福建省", "闽", false), ("360000", "江西省", "赣", false), ("370000", "山东省", "鲁", true), ("410000", "河南省", "豫", false),
        ("420000", "湖北省", "鄂", false), ("430000", "湖南省", "湘", false), ("440000", "广东省", "粤", false), ("450000", "广西壮族自治区", "桂", false),
        ("460000", "海南省", "琼", false), ("500000", "重庆市", "渝", false), ("510000", "四川省", "川", false), ("520000", "贵州省", "贵", false),
        ("530000", "云南省", "云", false), ("540000", "西藏自治区", "藏", true), ("610000", "陕西省", "陕", true), ("620000", "甘肃省", "甘", true),
        ("630000", "青海省", "青", true), ("640000", "宁夏回族自治区", "宁", true), ("650000", "新疆维吾尔自治区", "新", true),
    ];

    /// <summary>Share of a year's construction done in each month: a cold region builds from April to October.</summary>
    private static readonly double[] ColdSeason = [0.00, 0.00, 0.03, 0.10, 0.16, 0.17, 0.16, 0.15, 0.13, 0.08, 0.02, 0.00];

    private static readonly double[] MildSeason = [0.04, 0.03, 0.08, 0.10, 0.11, 0.11, 0.10, 0.10, 0.10, 0.10, 0.08, 0.05];

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧"];
    private static readonly string[] GivenNames = ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "建华", "玉兰", "志强", "海燕", "国庆", "春梅", "德明"];
    private static readonly string[] Areas = ["东关", "西街", "南岗", "北山", "河东", "站前", "老城", "新华", "胜利", "红旗", "光明", "铁西", "工农", "解放", "建设", "和平"];

    /// <summary>
    /// Writes the data set into <paramref name="database"/>, which must be migrated and hold no jurisdiction tree
    /// (<c>SqliteTestDatabase.CreateAsync(seedJurisdictions: false)</c>, <c>PostgresServer.CreateDatabaseAsync(seedJurisdictions: false)</c>).
    /// <paramref name="cipher"/> encrypts the pool of ID numbers and computes the blind indexes (a new
    /// <see cref="TestCipher"/> by default). All in one transaction; no audit records.
    /// </summary>
    public static async Task<NationalDataSetSummary> GenerateAsync(
        TestDatabase database, NationalDataSetOptions? options = null, IPersonalDataCipher? cipher = null, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        options ??= NationalDataSetOptions.National;
        cipher ??= TestCipher.Create();
        Validate(options);
        var clock = Stopwatch.StartNew();
        var phases = new List<string>();
        void Phase(string what)
        {
            var line = string.Create(CultureInfo.InvariantCulture, $"{what} ({clock.Elapsed.TotalSeconds:F1} s)");
            phases.Add(line);
            progress?.Invoke("national data set: " + line);
        }

        await using var db = database.CreateSystemContext();
        if (await db.Jurisdictions.AnyAsync())
        {
            throw new InvalidOperationException(
                "The national data set needs a database without a jurisdiction tree: create it with seedJurisdictions: false.");
        }

        var plan = new Plan(options);
        await using var load = await BulkLoad.BeginAsync(db);
        var ids = new IdStart(
            await load.MaxIdAsync<Jurisdiction>(), await load.MaxIdAsync<ReportingPeriod>(), await load.MaxIdAsync<RenovationProject>(),
            await load.MaxIdAsync<OverdueCase>(), await load.MaxIdAsync<OverdueHousehold>(), await load.MaxIdAsync<AnnualTarget>(),
            await load.MaxIdAsync<MonthlyReport>(), await load.MaxIdAsync<ProjectProgressLine>());
        plan.Build(ids);
        Phase("planned");

        await load.InsertAsync<Jurisdiction>(
            ["Id", "Code", "Name", "Level", "ParentId", "Path", "IsFunctionalZone", "SortOrder"],
            plan.Nodes.Select(n => new object?[] { n.Id, n.Code, n.Name, n.Level, n.ParentId, n.Path, false, n.SortOrder }));
        await load.InsertAsync<ReportingPeriod>(
            ["Id", "Year", "Month", "SubmissionDeadline", "ApprovalDeadline", "Status", "CreatedAt", "CreatedBy"],
            plan.Periods.Select(p => new object?[] { p.Id, p.Period.Year, p.Period.Month, p.Period.SubmissionDeadline, p.Period.ApprovalDeadline, p.Period.Status, plan.Stamp, GeneratedBy }));
        Phase($"tree ({plan.Nodes.Count:N0} nodes) and {plan.Periods.Count} periods");

        await load.InsertAsync<RenovationProject>(
            ["Id", "Code", "Name", "JurisdictionId", "BatchYear", "PlannedUnits", "ResettlementMode", "Stage", "ResponsibleOfficial",
                "PlannedStartDate", "PlannedCompletionDate", "ActualStartDate", "UnitsStarted", "UnitsBasicallyCompleted",
                "HouseholdsToExpropriate", "HouseholdsSigned", "HouseholdsMovedOut", "ProgressAsOf", "Version", "CreatedAt", "CreatedBy"],
            plan.ProjectRows());
        await load.InsertAsync<OverdueCase>(
            ["Id", "JurisdictionId", "ProjectId", "Category", "TargetDate", "ResponsibleOfficial", "Status", "Version", "CreatedAt", "CreatedBy"],
            plan.CaseRows());
        Phase($"{plan.Projects.Length:N0} projects, {plan.Cases.Count:N0} cases");

        var households = await load.InsertAsync<OverdueHousehold>(
            ["Id", "CaseId", "JurisdictionId", "HeadName", "IdNumberCipher", "IdNumberIndex", "IdNumberMasked", "PromisedDate",
                "ResolutionMethod", "ResolvedOn", "AgreementKind", "AgreementNumber", "AgreementSignedOn", "TransitionMonths", "AgreedReturnDate",
                "TransitionFeesOwed", "TransitionFeesPaid", "IsFlaggedDuplicate", "CreatedAt", "CreatedBy"],
            plan.HouseholdRows(cipher),
            withoutIndexes: true);
        Phase($"{households:N0} households");

        var targets = plan.Targets();
        await load.InsertAsync<AnnualTarget>(
            ["Id", "JurisdictionId", "Year", "UnitsToStart", "UnitsToComplete", "OverdueHouseholdsToResolve", "Version", "CreatedAt", "CreatedBy"],
            targets);
        var reports = await load.InsertAsync<MonthlyReport>(
            ["Id", "JurisdictionId", "ReportingPeriodId", "Revision", "Status", "FirstSubmittedAt", "SubmittedAt", "SubmittedBy", "DaysLate",
                "LateReason", "ApprovedAt", "ApprovedBy", "Version", "CreatedAt", "CreatedBy"],
            plan.ReportRows(),
            withoutIndexes: true);
        Phase($"{targets.Count:N0} targets, {reports:N0} reports");

        var lines = await load.InsertAsync<ProjectProgressLine>(
            ["Id", "MonthlyReportId", "ProjectId", "UnitsStarted", "UnitsBasicallyCompleted", "InvestmentCompleted", "HouseholdsSigned", "HouseholdsMovedOut"],
            plan.LineRows(),
            withoutIndexes: true);
        Phase($"{lines:N0} project lines");

        await load.CommitAsync();
        Phase("committed");
        var counties = plan.Nodes.Count(n => n.Level == JurisdictionLevel.County);
        return new NationalDataSetSummary(
            plan.Nodes[0].Id,
            options.Provinces,
            plan.Nodes.Count(n => n.Level == JurisdictionLevel.Prefecture),
            counties,
            plan.Projects.Length,
            plan.Cases.Count,
            households,
            plan.ResolvedHouseholds,
            plan.Periods.Count,
            reports,
            lines,
            targets.Count,
            plan.Months[^1],
            clock.Elapsed,
            phases);
    }

    private static void Validate(NationalDataSetOptions o)
    {
        if (o.Provinces is < 1 or > 31 || o.PrefecturesPerProvince is < 1 or > 99 || o.CountiesPerProvince < o.PrefecturesPerProvince
            || o.CountiesPerProvince > o.PrefecturesPerProvince * 99 || o.Projects < 1 || o.Households < 0 || o.Months is < 1 or > 600
            || o.FirstYear is < 2000 or > 2090 || o.CipherPool < 1 || o.CaseShare is <= 0 or > 1 || o.UnresolvedShare is < 0 or > 1)
        {
            throw new ArgumentException($"National data set options out of range: {o}", nameof(o));
        }
    }

    private sealed record IdStart(long Jurisdiction, long Period, long Project, long Case, long Household, long Target, long Report, long Line);

    private sealed class Node
    {
        public required int Id { get; init; }
        public required string Code { get; init; }
        public required string Name { get; init; }
        public required JurisdictionLevel Level { get; init; }
        public required int? ParentId { get; init; }
        public required string Path { get; init; }
        public required int SortOrder { get; init; }
        public required bool Cold { get; init; }
        public required Node? Parent { get; init; }
        public List<Node> Children { get; } = [];

        /// <summary>Index among counties (−1 for other levels).</summary>
        public int CountyIndex { get; set; } = -1;
    }

    private readonly record struct ProjectPlan(
        int Id, int County, int BatchYear, int Planned, double StartShare, double CompleteShare, int Shift, double Cost, int ToExpropriate);

    private sealed record PeriodPlan(int Id, ReportingPeriod Period, DateTimeOffset Deadline);

    /// <summary>Everything decided before the first row is written; rows are then produced as they are written.</summary>
    private sealed class Plan(NationalDataSetOptions options)
    {
        private readonly Random _random = new(options.Seed);

        public List<Node> Nodes { get; } = [];
        public List<Node> Counties { get; } = [];
        public List<PeriodPlan> Periods { get; } = [];
        public IReadOnlyList<(int Year, int Month)> Months { get; } = options.MonthList();
        public List<int> Years { get; } = options.MonthList().Select(m => m.Year).Distinct().ToList();
        public ProjectPlan[] Projects { get; private set; } = [];
        public List<(int Id, int Project)> Cases { get; } = [];
        public long ResolvedHouseholds { get; private set; }

        /// <summary>The stamp of rows that are not tied to a month: the day after the last month.</summary>
        public DateTimeOffset Stamp { get; private set; }

        private IdStart _ids = null!;
        private List<int>[] _projectsByCounty = [];
        private long[,] _resolvedByCountyYear = new long[0, 0];
        private long[,] _waitingByCountyYearStart = new long[0, 0];
        private string[] _names = [];

        public void Build(IdStart ids)
        {
            _ids = ids;
            var last = Months[^1];
            Stamp = new DateTimeOffset(new DateOnly(last.Year, last.Month, 1).AddMonths(1).ToDateTime(new TimeOnly(1, 0)), TimeSpan.Zero);
            _names = Surnames.SelectMany(s => GivenNames.Select(g => s + g)).ToArray();
            BuildTree();
            BuildPeriods();
            BuildProjects();
            BuildCases();
        }

        private void BuildTree()
        {
            var nextId = (int)_ids.Jurisdiction;
            var root = new Node
            {
                Id = ++nextId, Code = NationCode, Name = NationName, Level = JurisdictionLevel.Nation, ParentId = null,
                Path = $"/{NationCode}/", SortOrder = 0, Cold = false, Parent = null,
            };
            Nodes.Add(root);
            for (var p = 0; p < options.Provinces; p++)
            {
                var (code, name, shortName, cold) = ProvinceList[p];
                var province = Child(root, code, name, JurisdictionLevel.Province, cold, ref nextId);
                var perPrefecture = Share(options.CountiesPerProvince, options.PrefecturesPerProvince);
                for (var f = 1; f <= options.PrefecturesPerProvince; f++)
                {
                    var prefectureCode = $"{code[..2]}{f:D2}00";
                    var prefecture = Child(province, prefectureCode, $"{shortName}{f:D2}市", JurisdictionLevel.Prefecture, cold, ref nextId);
                    for (var k = 1; k <= perPrefecture[f - 1]; k++)
                    {
                        var county = Child(prefecture, $"{code[..2]}{f:D2}{k:D2}", $"{shortName}{f:D2}市{k:D2}县", JurisdictionLevel.County, cold, ref nextId);
                        county.CountyIndex = Counties.Count;
                        Counties.Add(county);
                    }
                }
            }
        }

        private Node Child(Node parent, string code, string name, JurisdictionLevel level, bool cold, ref int nextId)
        {
            var node = new Node
            {
                Id = ++nextId, Code = code, Name = name, Level = level, ParentId = parent.Id, Path = $"{parent.Path}{code}/",
                SortOrder = parent.Children.Count, Cold = cold, Parent = parent,
            };
            parent.Children.Add(node);
            Nodes.Add(node);
            return node;
        }

        private void BuildPeriods()
        {
            var nextId = (int)_ids.Period;
            for (var i = 0; i < Months.Count; i++)
            {
                var (year, month) = Months[i];
                var period = ReportingPeriod.Open(year, month);
                if (i < Months.Count - 1)
                {
                    period.Freeze();
                }
                else
                {
                    period.Close();
                }

                // Reports fall due at 15:00 China time on the deadline day; submissions are spread before it.
                var deadline = new DateTimeOffset(period.SubmissionDeadline.ToDateTime(new TimeOnly(15, 0)), TimeSpan.FromHours(8));
                Periods.Add(new PeriodPlan(++nextId, period, deadline));
            }
        }

        private void BuildProjects()
        {
            // Counties differ in size: weights between 0.2 and 3, picked through a cumulative table.
            var cumulative = new double[Counties.Count];
            var total = 0d;
            for (var i = 0; i < Counties.Count; i++)
            {
                total += 0.2 + (2.8 * _random.NextDouble() * _random.NextDouble());
                cumulative[i] = total;
            }

            _projectsByCounty = Counties.Select(_ => new List<int>()).ToArray();
            Projects = new ProjectPlan[options.Projects];
            var nextId = (int)_ids.Project;
            for (var i = 0; i < Projects.Length; i++)
            {
                // The first projects go one to each county, so every county has one; the rest by weight.
                var county = i < Counties.Count ? i : Array.BinarySearch(cumulative, _random.NextDouble() * total) is var at && at < 0 ? ~at : at;
                county = Math.Min(county, Counties.Count - 1);
                var planned = 60 + (int)(1_400 * Math.Pow(_random.NextDouble(), 2));
                Projects[i] = new ProjectPlan(
                    ++nextId,
                    county,
                    Years[_random.Next(Years.Count)],
                    planned,
                    0.7 + (0.3 * _random.NextDouble()),
                    0.25 + (0.6 * _random.NextDouble()),
                    _random.Next(0, 3),
                    Math.Round(8 + (17 * _random.NextDouble()), 2),
                    (int)(planned * (0.8 + (0.4 * _random.NextDouble()))));
                _projectsByCounty[county].Add(i);
            }
        }

        private void BuildCases()
        {
            var nextId = (int)_ids.Case;
            for (var i = 0; i < Projects.Length; i++)
            {
                if (_random.NextDouble() < options.CaseShare)
                {
                    Cases.Add((++nextId, i));
                }
            }

            if (Cases.Count == 0)
            {
                Cases.Add((++nextId, 0));
            }
        }

        /// <summary>The last month of <paramref name="year"/> that is generated.</summary>
        private int LastMonthOf(int year) => Months.Where(m => m.Year == year).Max(m => m.Month);

        /// <summary>Cumulative (units started, basically completed, investment) of a project at the end of a month of its batch year.</summary>
        public (int Started, int Completed, decimal Investment) FiguresAt(in ProjectPlan project, int month)
        {
            var season = Counties[project.County].Cold ? ColdSeason : MildSeason;
            var started = (int)Math.Round(project.Planned * project.StartShare * Cumulative(season, month - project.Shift));
            var completed = Math.Min(started, (int)Math.Round(project.Planned * project.CompleteShare * Cumulative(season, month - project.Shift - 3)));
            var investment = Math.Round((decimal)(((started * 0.6) + (completed * 0.4)) * project.Cost), 2);
            return (started, completed, investment);
        }

        private static double Cumulative(double[] season, int month)
        {
            var sum = 0d;
            for (var m = 0; m < Math.Min(month, 12); m++)
            {
                sum += season[m];
            }

            return Math.Min(1d, sum);
        }

        public IEnumerable<object?[]> ProjectRows()
        {
            var sequence = new Dictionary<(int County, int Year), int>();
            foreach (var p in Projects)
            {
                var county = Counties[p.County];
                var n = sequence[(p.County, p.BatchYear)] = sequence.GetValueOrDefault((p.County, p.BatchYear)) + 1;
                var lastMonth = LastMonthOf(p.BatchYear);
                var (started, completed, _) = FiguresAt(p, lastMonth);
                var firstStarted = Enumerable.Range(1, lastMonth).FirstOrDefault(m => FiguresAt(p, m).Started > 0);
                var stage = started == 0 ? ProjectStage.Financing : completed == 0 ? ProjectStage.UnderConstruction : ProjectStage.StructureCompleted;
                var plannedStart = new DateOnly(p.BatchYear, 3, 1).AddDays(p.Id % 120);
                yield return
                [
                    p.Id, $"N{county.Code}-{p.BatchYear}-{n:D4}", $"{county.Name}{Areas[p.Id % Areas.Length]}片区棚户区改造项目（{p.BatchYear}年批次）",
                    county.Id, p.BatchYear, p.Planned, (ResettlementMode)(p.Id % 3), stage, _names[p.Id % _names.Length],
                    plannedStart, plannedStart.AddYears(2), firstStarted == 0 ? null : new DateOnly(p.BatchYear, firstStarted, 15),
                    started, completed, p.ToExpropriate, p.ToExpropriate, p.ToExpropriate,
                    new DateOnly(p.BatchYear, lastMonth, 1).AddMonths(1).AddDays(-1), 1, Stamp, GeneratedBy,
                ];
            }
        }

        public IEnumerable<object?[]> CaseRows()
        {
            var categories = Enum.GetValues<OverdueCategory>();
            foreach (var (id, index) in Cases)
            {
                var p = Projects[index];
                yield return
                [
                    id, Counties[p.County].Id, p.Id, categories[id % categories.Length], new DateOnly(Months[^1].Year, 12, 31),
                    _names[(id * 7) % _names.Length], CaseStatus.Open, 1, Stamp, GeneratedBy,
                ];
            }
        }

        public IEnumerable<object?[]> HouseholdRows(IPersonalDataCipher cipher)
        {
            // The real cipher for a small pool of made-up numbers; each household reuses one of those ciphertexts.
            var pool = Enumerable.Range(0, options.CipherPool).Select(i => cipher.Protect(TestIdNumbers.Make("110101", "19700101", i % 1000))).ToArray();
            var weights = Cases.Select(_ => 0.2 + (1.6 * _random.NextDouble())).ToArray();
            var perCase = Share(options.Households, weights);
            var monthWeights = Months.Select(m => 0.5 + (m.Month / 12d)).ToArray();
            var monthCumulative = new double[monthWeights.Length];
            var sum = 0d;
            for (var i = 0; i < monthWeights.Length; i++)
            {
                sum += monthWeights[i];
                monthCumulative[i] = sum;
            }

            var counters = new int[Counties.Count];
            var totals = new long[Counties.Count];
            _resolvedByCountyYear = new long[Counties.Count, Years.Count];
            var nextId = _ids.Household;
            var firstYear = Years[0];
            for (var c = 0; c < Cases.Count; c++)
            {
                var (caseId, projectIndex) = Cases[c];
                var countyIndex = Projects[projectIndex].County;
                var county = Counties[countyIndex];
                var offset = countyIndex * 37;
                for (var h = 0; h < perCase[c]; h++)
                {
                    var n = counters[countyIndex]++;
                    var birth = new DateOnly(1940, 1, 1).AddDays((n + offset) % 16_000);
                    var first17 = string.Concat(county.Code, birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture), (n / 16_000).ToString("D3", CultureInfo.InvariantCulture));
                    var idNumber = first17 + IdCardNumber.ComputeCheckCharacter(first17);
                    var id = ++nextId;
                    totals[countyIndex]++;
                    object? method = null, resolvedOn = null, kind = null, number = null, signed = null, months = null, returnDate = null;
                    decimal owed = 0m, paid = 0m;
                    if (_random.NextDouble() >= options.UnresolvedShare)
                    {
                        var at = Array.BinarySearch(monthCumulative, _random.NextDouble() * sum);
                        var (year, month) = Months[Math.Min(at < 0 ? ~at : at, Months.Count - 1)];
                        var day = new DateOnly(year, month, 1 + _random.Next(DateTime.DaysInMonth(year, month)));
                        var how = _random.NextDouble() switch { < 0.35 => ResolutionMethod.ReturnResettlement, < 0.7 => ResolutionMethod.Monetary, < 0.85 => ResolutionMethod.OffSite, _ => ResolutionMethod.Transitional };
                        method = how;
                        resolvedOn = day;
                        _resolvedByCountyYear[countyIndex, year - firstYear]++;
                        ResolvedHouseholds++;
                        if (how is ResolutionMethod.ReturnResettlement or ResolutionMethod.Transitional)
                        {
                            kind = how == ResolutionMethod.ReturnResettlement ? AgreementKind.ReturnAgreement : AgreementKind.SupplementaryAgreement;
                            number = string.Create(CultureInfo.InvariantCulture, $"XY-{county.Code}-{id}");
                            signed = day.AddDays(-30);
                            if (how == ResolutionMethod.Transitional)
                            {
                                months = 24;
                                returnDate = day.AddMonths(24);
                                owed = 14_400m;
                                paid = 600m * _random.Next(0, 25);
                            }
                        }
                    }

                    yield return
                    [
                        id, caseId, county.Id, _names[(int)(id % _names.Length)], pool[id % pool.Length], cipher.BlindIndex(idNumber),
                        IdCardNumber.Mask(idNumber), new DateOnly(2017 + (int)(id % 5), 1 + (int)(id % 12), 1 + (int)(id % 28)),
                        method, resolvedOn, kind, number, signed, months, returnDate, owed, paid, false, Stamp, GeneratedBy,
                    ];
                }
            }

            // Households still waiting on 1 January of each year, per county: what the year's target is set against.
            _waitingByCountyYearStart = new long[Counties.Count, Years.Count];
            for (var k = 0; k < Counties.Count; k++)
            {
                var waiting = totals[k];
                for (var y = 0; y < Years.Count; y++)
                {
                    _waitingByCountyYearStart[k, y] = waiting;
                    waiting -= _resolvedByCountyYear[k, y];
                }
            }
        }

        /// <summary>A county's target from its batch and its ledger; every other node's the sum of its children's.</summary>
        public List<object?[]> Targets()
        {
            var rows = new List<object?[]>();
            var nextId = (int)_ids.Target;
            for (var y = 0; y < Years.Count; y++)
            {
                var year = Years[y];
                var values = new Dictionary<Node, (int Start, int Complete, int Households)>();
                foreach (var county in Counties)
                {
                    var planned = _projectsByCounty[county.CountyIndex].Where(i => Projects[i].BatchYear == year).Sum(i => Projects[i].Planned);
                    var start = (int)Math.Round(planned * (0.9 + (0.1 * _random.NextDouble())));
                    var complete = (int)Math.Round(start * (0.45 + (0.2 * _random.NextDouble())));
                    var households = (int)Math.Round(_waitingByCountyYearStart[county.CountyIndex, y] * (0.3 + (0.3 * _random.NextDouble())));
                    values[county] = (start, complete, households);
                }

                foreach (var node in Nodes.Where(n => n.Level != JurisdictionLevel.County).OrderByDescending(n => n.Level))
                {
                    values[node] = node.Children.Aggregate((0, 0, 0), (s, c) => (s.Item1 + values[c].Start, s.Item2 + values[c].Complete, s.Item3 + values[c].Households));
                }

                foreach (var node in Nodes)
                {
                    var (start, complete, households) = values[node];
                    rows.Add([++nextId, node.Id, year, start, complete, households, 1, new DateTimeOffset(year, 1, 10, 2, 0, 0, TimeSpan.Zero), GeneratedBy]);
                }
            }

            return rows;
        }

        /// <summary>Units that report: every node but the root.</summary>
        private List<Node> ReportingUnits => _units ??= Nodes.Skip(1).ToList();

        private List<Node>? _units;

        private long ReportId(int periodIndex, int unitIndex) => _ids.Report + 1 + ((long)periodIndex * ReportingUnits.Count) + unitIndex;

        public IEnumerable<object?[]> ReportRows()
        {
            var units = ReportingUnits;
            for (var p = 0; p < Periods.Count; p++)
            {
                var period = Periods[p];
                for (var u = 0; u < units.Count; u++)
                {
                    // Counties first, their city two hours after, the province after that; 2 % of counties a day or two late.
                    var late = units[u].Level == JurisdictionLevel.County && _random.NextDouble() < 0.02;
                    var submitted = late
                        ? period.Deadline.AddDays(_random.Next(1, 3))
                        : period.Deadline.AddHours(-(int)units[u].Level * 2 - _random.Next(0, 72));
                    var daysLate = period.Period.DaysLate(submitted);
                    var approved = submitted.AddHours(_random.Next(20, 72));
                    yield return
                    [
                        ReportId(p, u), units[u].Id, period.Id, 0, ReportStatus.Approved, submitted.ToUniversalTime(), submitted.ToUniversalTime(), GeneratedBy,
                        daysLate, daysLate > 0 ? "填报人员调整，数据核对延误，已补报。" : null, approved.ToUniversalTime(), GeneratedBy, 1,
                        submitted.AddDays(-3).ToUniversalTime(), GeneratedBy,
                    ];
                }
            }
        }

        public IEnumerable<object?[]> LineRows()
        {
            var units = ReportingUnits;
            var unitIndex = units.Select((n, i) => (n, i)).ToDictionary(x => x.n.Id, x => x.i);
            var nextId = _ids.Line;
            for (var p = 0; p < Periods.Count; p++)
            {
                var (year, month) = Months[p];
                foreach (var county in Counties)
                {
                    var reportId = ReportId(p, unitIndex[county.Id]);
                    foreach (var i in _projectsByCounty[county.CountyIndex])
                    {
                        var project = Projects[i];
                        if (project.BatchYear != year)
                        {
                            continue;
                        }

                        var (started, completed, investment) = FiguresAt(project, month);
                        yield return [++nextId, reportId, project.Id, started, completed, investment, project.ToExpropriate, project.ToExpropriate];
                    }
                }
            }
        }

        /// <summary>Splits <paramref name="total"/> into <paramref name="parts"/> near-equal whole parts.</summary>
        private static int[] Share(int total, int parts) => Share(total, Enumerable.Repeat(1d, parts).ToArray());

        /// <summary>Splits <paramref name="total"/> in proportion to <paramref name="weights"/> (largest remainder): the parts add up exactly.</summary>
        private static int[] Share(int total, double[] weights)
        {
            var sum = weights.Sum();
            var parts = new int[weights.Length];
            var remainders = new double[weights.Length];
            for (var i = 0; i < weights.Length; i++)
            {
                var exact = total * weights[i] / sum;
                parts[i] = (int)Math.Floor(exact);
                remainders[i] = exact - parts[i];
            }

            var left = total - parts.Sum();
            foreach (var i in Enumerable.Range(0, weights.Length).OrderByDescending(i => remainders[i]).ThenBy(i => i).Take(left))
            {
                parts[i]++;
            }

            return parts;
        }
    }
}

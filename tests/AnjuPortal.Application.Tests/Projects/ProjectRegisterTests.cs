using AnjuPortal.Application.Common;
using AnjuPortal.Application.Projects;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Jurisdictions;
using AnjuPortal.Domain.Projects;
using AnjuPortal.Infrastructure.Persistence;
using AnjuPortal.Infrastructure.Tenancy;
using AnjuPortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AnjuPortal.Application.Tests.Projects;

/// <summary>The project register on a real SQLite file, as a county, city or provincial user calls it.</summary>
public sealed class ProjectRegisterTests : IAsyncLifetime
{
    private SqliteTestDatabase _database = null!;
    private Jurisdiction _changchun = null!;
    private Jurisdiction _nanguan = null!;
    private Jurisdiction _kuancheng = null!;
    private Jurisdiction _changyi = null!;

    public async Task InitializeAsync()
    {
        _database = await SqliteTestDatabase.CreateAsync();
        _changchun = await _database.JurisdictionAsync("220100");
        _nanguan = await _database.JurisdictionAsync("220102");
        _kuancheng = await _database.JurisdictionAsync("220103");
        _changyi = await _database.JurisdictionAsync("220202");
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private TestUser County => TestUser.At(_nanguan, Roles.CountyOperator);

    private ProjectRegister RegisterFor(ICurrentUser user)
        => new(_database.FactoryFor(user), new CrossTenantChecks(_database.SystemFactory), user);

    private ProjectInput Input(string code = "ng-2020-001", int? jurisdictionId = null, int planned = 120) => new()
    {
        Code = code,
        Name = "南关区东站棚改项目",
        JurisdictionId = jurisdictionId ?? _nanguan.Id,
        BatchYear = 2020,
        PlannedUnits = planned,
        ResettlementMode = ResettlementMode.Monetary,
        ResponsibleOfficial = "张三",
        PlannedStartDate = new DateTime(2020, 4, 1),
        PlannedCompletionDate = new DateTime(2021, 10, 31),
    };

    [Fact]
    public async Task RegisterAsync_SavesProject_WhenInputIsValid()
    {
        var result = await RegisterFor(County).RegisterAsync(Input());

        Assert.True(result.Succeeded, result.ToString());
        await using var db = _database.CreateSystemContext();
        var saved = await db.Projects.SingleAsync();
        Assert.Equal(result.Value, saved.Id);
        Assert.Equal("NG-2020-001", saved.Code);
        Assert.Equal(_nanguan.Id, saved.JurisdictionId);
        Assert.Equal((120, ResettlementMode.Monetary, ProjectStage.Approval), (saved.PlannedUnits, saved.ResettlementMode, saved.Stage));
        Assert.Equal(new DateOnly(2021, 10, 31), saved.PlannedCompletionDate);
        Assert.Equal(County.UserName, saved.CreatedBy);
    }

    [Fact]
    public async Task RegisterAsync_ReturnsCodeError_WhenCodeIsTakenInOwnCounty()
    {
        Assert.True((await RegisterFor(County).RegisterAsync(Input("NG-2020-001"))).Succeeded);

        var result = await RegisterFor(County).RegisterAsync(Input(" ng-2020-001 "));

        Assert.False(result.Succeeded);
        Assert.Equal("项目编号“NG-2020-001”已被使用，请换一个编号。", result.ErrorFor("Code"));
        Assert.Equal(1, await CountProjectsAsync());
    }

    [Fact]
    public async Task RegisterAsync_ReturnsCodeError_WhenCodeIsTakenInSiblingCountyUserCannotSee()
    {
        var kuanchengUser = TestUser.At(_kuancheng, Roles.CountyOperator);
        Assert.True((await RegisterFor(kuanchengUser).RegisterAsync(Input("KC-2020-001", _kuancheng.Id))).Succeeded);

        var result = await RegisterFor(County).RegisterAsync(Input("KC-2020-001"));

        Assert.Equal(["Code"], result.Errors.Keys);
        Assert.Contains("已被使用", result.ErrorFor("Code"), StringComparison.Ordinal);
        Assert.Equal(1, await CountProjectsAsync());
        await using var db = _database.CreateSystemContext();
        Assert.Equal(_kuancheng.Id, (await db.Projects.SingleAsync()).JurisdictionId);
    }

    [Fact]
    public async Task RegisterAsync_ReturnsPlannedUnitsError_WhenNegative()
    {
        var result = await RegisterFor(County).RegisterAsync(Input(planned: -5));

        Assert.Equal("计划套数不能为负数（填写的是 -5）。", result.ErrorFor(nameof(ProjectInput.PlannedUnits)));
        Assert.Equal(0, await CountProjectsAsync());
    }

    [Fact]
    public async Task RegisterAsync_ReturnsDateError_WhenCompletionIsBeforeStart()
    {
        var input = Input();
        input.PlannedCompletionDate = new DateTime(2020, 3, 31);

        var result = await RegisterFor(County).RegisterAsync(input);

        Assert.Equal("计划完工日期（2020-03-31）不能早于计划开工日期（2020-04-01）。", result.ErrorFor(nameof(ProjectInput.PlannedCompletionDate)));
        Assert.Equal(0, await CountProjectsAsync());
    }

    [Fact]
    public async Task RegisterAsync_ReturnsDateError_WhenStartDateIsMissing()
    {
        var input = Input();
        input.PlannedStartDate = null;

        var result = await RegisterFor(County).RegisterAsync(input);

        Assert.Equal("请填写计划开工日期。", result.ErrorFor(nameof(ProjectInput.PlannedStartDate)));
        Assert.Equal(0, await CountProjectsAsync());
    }

    [Theory]
    [InlineData("220103")]
    [InlineData("220100")]
    [InlineData("220202")]
    public async Task RegisterAsync_ReturnsJurisdictionError_WhenJurisdictionIsOutsideSubtree(string code)
    {
        var outside = await _database.JurisdictionAsync(code);

        var result = await RegisterFor(County).RegisterAsync(Input(jurisdictionId: outside.Id));

        Assert.Equal("所选辖区不存在或不在您的管辖范围内。", result.ErrorFor(nameof(ProjectInput.JurisdictionId)));
        Assert.Equal(0, await CountProjectsAsync());
    }

    [Fact]
    public async Task RegisterAsync_Succeeds_WhenCityRegistersForItsCounty()
    {
        var result = await RegisterFor(TestUser.At(_changchun, Roles.CityOperator)).RegisterAsync(Input(jurisdictionId: _kuancheng.Id));

        Assert.True(result.Succeeded, result.ToString());
    }

    [Fact]
    public async Task RegisterAsync_ThrowsPermissionDenied_WhenUserCannotEdit()
    {
        var province = await _database.JurisdictionAsync("220000");
        var reviewer = TestUser.At(province, Roles.ProvinceReviewer);

        var ex = await Assert.ThrowsAsync<PermissionDeniedException>(() => RegisterFor(reviewer).RegisterAsync(Input()));

        Assert.Equal(Permission.Edit, ex.Permission);
        Assert.Contains("您没有执行此操作的权限", ex.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<PermissionDeniedException>(() => RegisterFor(reviewer).ReviseAsync(1, Input()));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => RegisterFor(TestUser.Anonymous).ListAsync(new ProjectFilter(), new PageRequest()));
        Assert.Equal(0, await CountProjectsAsync());
    }

    [Fact]
    public async Task ReviseAsync_SavesAndRaisesVersion_WhenVersionIsCurrent()
    {
        var register = RegisterFor(County);
        var id = (await register.RegisterAsync(Input())).Value;
        var input = ProjectInput.From((await register.GetAsync(id))!);
        input.Name = "南关区东站棚改项目（调整）";
        input.PlannedUnits = 150;

        var result = await register.ReviseAsync(id, input);

        Assert.True(result.Succeeded, result.ToString());
        var detail = (await register.GetAsync(id))!;
        Assert.Equal(("南关区东站棚改项目（调整）", 150, 1), (detail.Name, detail.PlannedUnits, detail.Version));
        Assert.Equal(County.UserName, detail.UpdatedBy);
    }

    [Fact]
    public async Task ReviseAsync_ReturnsConflictAndKeepsOtherEdit_WhenVersionIsStale()
    {
        var register = RegisterFor(County);
        var id = (await register.RegisterAsync(Input())).Value;
        var mine = ProjectInput.From((await register.GetAsync(id))!);
        var colleague = TestUser.At(_nanguan, Roles.CountyOperator) with { UserName = "南关区同事" };
        var theirs = ProjectInput.From((await RegisterFor(colleague).GetAsync(id))!);
        theirs.PlannedUnits = 200;
        Assert.True((await RegisterFor(colleague).ReviseAsync(id, theirs)).Succeeded);

        mine.PlannedUnits = 90;
        var result = await register.ReviseAsync(id, mine);

        Assert.False(result.Succeeded);
        var message = result.ErrorFor(string.Empty);
        Assert.NotNull(message);
        Assert.StartsWith("保存失败：该项目已于", message, StringComparison.Ordinal);
        Assert.Contains("南关区同事", message, StringComparison.Ordinal);
        Assert.EndsWith("您的修改未保存。", message, StringComparison.Ordinal);
        var stored = (await register.GetAsync(id))!;
        Assert.Equal((200, 1), (stored.PlannedUnits, stored.Version));
    }

    [Fact]
    public async Task ReviseAsync_ReturnsConflictNamingOtherEditor_WhenOtherSaveLandsBetweenLoadAndSave()
    {
        var id = (await RegisterFor(County).RegisterAsync(Input())).Value;
        var mine = ProjectInput.From((await RegisterFor(County).GetAsync(id))!);
        mine.PlannedUnits = 90;

        // The colleague's save commits after this use case checked the version and before it saves: only the
        // database's concurrency token can catch it.
        var colleague = TestUser.At(_nanguan, Roles.CountyOperator) with { UserName = "南关区同事" };
        _database.Clock.Advance(TimeSpan.FromHours(1));
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        _database.Settings.Configure(builder);
        builder.AddInterceptors(new AuditStampInterceptor(_database.Clock), new TenantWriteGuardInterceptor(), new ColleagueSavesFirst(_database, colleague));
        var racing = new ProjectRegister(new RacingFactory(builder.Options, County), new CrossTenantChecks(_database.SystemFactory), County);

        var result = await racing.ReviseAsync(id, mine);

        Assert.False(result.Succeeded);
        var message = result.ErrorFor(string.Empty)!;
        Assert.StartsWith("保存失败：该项目已于", message, StringComparison.Ordinal);
        Assert.Contains("南关区同事", message, StringComparison.Ordinal);
        Assert.DoesNotContain(County.UserName, message, StringComparison.Ordinal);
        var stored = (await RegisterFor(County).GetAsync(id))!;
        Assert.Equal((200, 1, "南关区同事"), (stored.PlannedUnits, stored.Version, stored.UpdatedBy));
    }

    private sealed class RacingFactory(DbContextOptions<AppDbContext> options, ICurrentUser user) : IAppDbContextFactory
    {
        public Task<IAppDbContext> CreateAsync(CancellationToken cancellationToken = default)
            => Task.FromResult<IAppDbContext>(new AppDbContext(options, user));
    }

    /// <summary>
    /// Lets a colleague's save land after our load and before our save, just before our save opens its transaction
    /// (inside it, SQLite's write lock would make the colleague wait for us).
    /// </summary>
    private sealed class ColleagueSavesFirst(SqliteTestDatabase database, ICurrentUser colleague) : DbTransactionInterceptor
    {
        private int _fired;

        public override async ValueTask<InterceptionResult<System.Data.Common.DbTransaction>> TransactionStartingAsync(
            System.Data.Common.DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<System.Data.Common.DbTransaction> result, CancellationToken cancellationToken = default)
        {
            var changed = eventData.Context!.ChangeTracker.Entries<RenovationProject>().SingleOrDefault(e => e.State == EntityState.Modified)?.Entity;
            if (changed is not null && Interlocked.Exchange(ref _fired, 1) == 0)
            {
                await using var other = database.CreateContext(colleague);
                var project = await other.Projects.SingleAsync(p => p.Id == changed.Id, cancellationToken);
                project.Revise(new RenovationProject.Details(project.Name, project.BatchYear, 200, project.ResettlementMode, project.ResponsibleOfficial, project.PlannedStartDate, project.PlannedCompletionDate));
                await other.SaveChangesAsync(cancellationToken);
            }

            return result;
        }
    }

    [Fact]
    public async Task ReviseAsync_ReturnsNotFound_WhenProjectIsInSiblingCounty()
    {
        var kuanchengUser = TestUser.At(_kuancheng, Roles.CountyOperator);
        var id = (await RegisterFor(kuanchengUser).RegisterAsync(Input("KC-2020-001", _kuancheng.Id))).Value;

        var input = Input("KC-2020-001", _kuancheng.Id);
        input.PlannedUnits = 1;
        var result = await RegisterFor(County).ReviseAsync(id, input);

        Assert.Equal("项目不存在，或不在您的管辖范围内。", result.ErrorFor(string.Empty));
        Assert.Null(await RegisterFor(County).GetAsync(id));
        Assert.Equal(120, (await RegisterFor(kuanchengUser).GetAsync(id))!.PlannedUnits);
    }

    [Fact]
    public async Task ReviseAsync_ReturnsFieldError_WhenPlannedDropsBelowStarted()
    {
        var register = RegisterFor(County);
        var id = (await register.RegisterAsync(Input())).Value;
        await using (var db = _database.CreateSystemContext())
        {
            (await db.Projects.SingleAsync(p => p.Id == id)).RecordProgress(100, 0);
            await db.SaveChangesAsync();
        }

        var input = ProjectInput.From((await register.GetAsync(id))!);
        input.PlannedUnits = 99;
        var result = await register.ReviseAsync(id, input);

        Assert.Equal("已开工套数（100）不能超过计划套数（99）。", result.ErrorFor(nameof(ProjectInput.PlannedUnits)));
        Assert.Equal(120, (await register.GetAsync(id))!.PlannedUnits);
    }

    [Fact]
    public async Task ListAsync_ListsNewestBatchFirst_WhenUnsorted()
    {
        await SeedListAsync();
        var register = RegisterFor(County);

        var page = await register.ListAsync(new ProjectFilter(), new PageRequest(0, 200));

        Assert.Equal(page.Items.OrderByDescending(p => p.BatchYear).ThenBy(p => p.Code, StringComparer.Ordinal).Select(p => p.Code), page.Items.Select(p => p.Code));
        Assert.True(page.Items.Select(p => p.BatchYear).Distinct().Count() > 1, "the seeded list spans several batch years");
    }

    [Fact]
    public async Task ListAsync_PagesSortsAndFilters_WithinUserSubtree()
    {
        await SeedListAsync();
        var register = RegisterFor(County);

        var first = await register.ListAsync(new ProjectFilter(), new PageRequest(0, 10, nameof(ProjectListItem.Code)));
        var last = await register.ListAsync(new ProjectFilter(), new PageRequest(2, 10, nameof(ProjectListItem.Code)));

        Assert.Equal(25, first.TotalCount);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"NG-{i:000}"), first.Items.Select(p => p.Code));
        Assert.Equal(Enumerable.Range(21, 5).Select(i => $"NG-{i:000}"), last.Items.Select(p => p.Code));
        Assert.All(first.Items, p => Assert.Equal("南关区", p.JurisdictionName));

        var byUnits = await register.ListAsync(new ProjectFilter(), new PageRequest(0, 3, nameof(ProjectListItem.PlannedUnits), Descending: true));
        Assert.Equal([250, 240, 230], byUnits.Items.Select(p => p.PlannedUnits));

        var search = await register.ListAsync(new ProjectFilter(Search: "二期"), new PageRequest(SortBy: nameof(ProjectListItem.Code)));
        Assert.Equal(Enumerable.Range(1, 25).Where(i => i % 5 == 0).Select(i => $"NG-{i:000}"), search.Items.Select(p => p.Code));

        var byYear = await register.ListAsync(new ProjectFilter(BatchYear: 2021), new PageRequest());
        Assert.Equal(12, byYear.TotalCount);

        var byStage = await register.ListAsync(new ProjectFilter(Stage: ProjectStage.LandSupply), new PageRequest());
        Assert.Equal(["NG-001"], byStage.Items.Select(p => p.Code));

        var sibling = await register.ListAsync(new ProjectFilter(JurisdictionId: _kuancheng.Id), new PageRequest());
        Assert.Equal(0, sibling.TotalCount);
        Assert.Equal(0, (await register.ListAsync(new ProjectFilter(Search: "KC"), new PageRequest())).TotalCount);
    }

    [Fact]
    public async Task ListAsync_ReturnsCityCountiesOnly_WhenUserIsCity()
    {
        await SeedListAsync();
        var register = RegisterFor(TestUser.At(_changchun, Roles.CityOperator));

        var all = await register.ListAsync(new ProjectFilter(), new PageRequest(0, 200));
        var kuancheng = await register.ListAsync(new ProjectFilter(JurisdictionId: _kuancheng.Id), new PageRequest());
        var otherCity = await register.ListAsync(new ProjectFilter(JurisdictionId: _changyi.Id), new PageRequest());

        Assert.Equal(28, all.TotalCount);
        Assert.DoesNotContain(all.Items, p => p.Code.StartsWith("JL", StringComparison.Ordinal));
        Assert.Equal(["KC-001", "KC-002", "KC-003"], kuancheng.Items.Select(p => p.Code));
        Assert.Equal(0, otherCity.TotalCount);

        var province = await _database.JurisdictionAsync("220000");
        Assert.Equal(30, (await RegisterFor(TestUser.At(province, Roles.ProvinceReviewer)).ListAsync(new ProjectFilter(), new PageRequest())).TotalCount);
    }

    private async Task SeedListAsync()
    {
        await using var db = _database.CreateSystemContext();
        for (var i = 1; i <= 25; i++)
        {
            var project = RenovationProject.Register($"NG-{i:000}", _nanguan.Id, new RenovationProject.Details(
                i % 5 == 0 ? $"南关{i}号二期" : $"南关{i}号", i % 2 == 0 ? 2021 : 2020, i * 10, ResettlementMode.InKind, "张三",
                new DateOnly(2020, 4, 1), new DateOnly(2021, 10, 1)));
            if (i == 1)
            {
                project.AdvanceStage(ProjectStage.LandSupply, new DateOnly(2020, 5, 1));
            }

            db.Projects.Add(project);
        }

        foreach (var (prefix, place, count) in new[] { ("KC", _kuancheng, 3), ("JL", _changyi, 2) })
        {
            for (var i = 1; i <= count; i++)
            {
                db.Projects.Add(RenovationProject.Register($"{prefix}-{i:000}", place.Id, new RenovationProject.Details(
                    $"{place.Name}{i}号", 2020, 100, ResettlementMode.InKind, "李四", new DateOnly(2020, 4, 1), new DateOnly(2021, 10, 1))));
            }
        }

        await db.SaveChangesAsync();
    }

    private async Task<int> CountProjectsAsync()
    {
        await using var db = _database.CreateSystemContext();
        return await db.Projects.CountAsync();
    }
}

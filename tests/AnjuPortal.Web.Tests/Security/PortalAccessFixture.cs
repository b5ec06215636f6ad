using System.Net;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.OverdueResettlement;
using AnjuPortal.Domain.PersonalData;
using AnjuPortal.Domain.Projects;
using AnjuPortal.Infrastructure.Persistence;
using AnjuPortal.TestSupport;
using AnjuPortal.Web.Tests.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnjuPortal.Web.Tests.Security;

/// <summary>
/// One portal for all access checks: a project in 南关区 (长春市) with a ledger case and its households, a project of
/// the sibling city (吉林市昌邑区), and one signed-in client per role at each of five jurisdictions: the province, the
/// project's city and county, and a sibling county and a sibling city that must not see it. Administrators enrol
/// their authenticator once, here. The tests only read (exports add audit records), so they share it all, through
/// <see cref="PortalAccessCollection"/>.
/// </summary>
public sealed class PortalAccessFixture : IAsyncLifetime
{
    public const string Province = "220000";
    public const string Changchun = "220100";
    public const string Nanguan = "220102";
    public const string Kuancheng = "220103";
    public const string Jilin = "220200";

    /// <summary>Where each user sits; the project belongs to <see cref="Nanguan"/>.</summary>
    public static readonly IReadOnlyList<string> Jurisdictions = [Province, Changchun, Nanguan, Kuancheng, Jilin];

    /// <summary>The three levels, on the project's own branch.</summary>
    public static readonly IReadOnlyList<string> Levels = [Province, Changchun, Nanguan];

    /// <summary>The jurisdictions whose subtree holds the project: the county itself and its ancestors.</summary>
    public static readonly IReadOnlySet<string> SeeTheProject = new HashSet<string> { Province, Changchun, Nanguan };

    public const string ProjectCode = "PERM-NG-0417";
    public const string ProjectName = "权限核查南关区示范棚改项目";

    /// <summary>The sibling city's own project (吉林市昌邑区), which only the province and 吉林市 see.</summary>
    public const string JilinProjectCode = "PERM-CY-0417";
    public const string JilinProjectName = "权限核查昌邑区棚改项目";

    /// <summary>The households of the Nanguan project's ledger case: a head's name that is a formula, made-up ID and phone numbers.</summary>
    public static readonly IReadOnlyList<(string Head, string IdNumber, string Phone)> Households =
    [
        ("=HYPERLINK(\"http://x\",\"y\")", TestIdNumbers.Make("220102", "19600101", 417), "13800004170"),
        ("刘淑芬", TestIdNumbers.Make("220102", "19620315", 418), "13900004180"),
    ];

    private readonly Dictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);

    // Thirty sign-ins from one address in a minute: far above the per-address limit the portal ships with.
    public PortalFactory Factory { get; } = new(settings: new Dictionary<string, string> { ["Security:SignInAttemptsPerMinute"] = "1000" });

    public int ProjectId { get; private set; }

    /// <summary>The ledger case of the Nanguan project.</summary>
    public int CaseId { get; private set; }

    /// <summary>An open reporting period (June 2020), for the monthly report pages.</summary>
    public int PeriodId { get; private set; }

    public int NanguanId { get; private set; }

    public async Task InitializeAsync()
    {
        Factory.StartServer();
        ProjectId = await RegisterProjectAsync();
        CaseId = await OpenCaseAsync();
        await RegisterJilinProjectAsync();
        await OpenPeriodAsync();
        foreach (var code in Jurisdictions)
        {
            foreach (var role in Roles.All)
            {
                await Factory.CreateUserAsync(UserName(role, code), code, role);
                _clients[UserName(role, code)] = await SignInAsync(UserName(role, code));
            }
        }
    }

    public HttpClient ClientFor(string role, string jurisdictionCode) => _clients[UserName(role, jurisdictionCode)];

    internal string PathOf(PageSample sample) => PathOf(sample.Path);

    /// <summary>
    /// A sample path with <c>{project}</c>, <c>{case}</c>, <c>{period}</c> and <c>{nanguan}</c> replaced by the fixture's
    /// project, ledger case, reporting period and the project's county.
    /// </summary>
    internal string PathOf(string path) => path
        .Replace("{project}", ProjectId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{case}", CaseId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{period}", PeriodId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{nanguan}", NanguanId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    public async Task DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        await Factory.DisposeAsync();
    }

    private static string UserName(string role, string code) => $"{role.ToLowerInvariant()}.{code}";

    private async Task<int> RegisterProjectAsync()
    {
        await using var db = Factory.Services.GetRequiredService<SystemDbContextFactory>().Create();
        var nanguan = await db.Jurisdictions.Where(j => j.Code == Nanguan).Select(j => j.Id).SingleAsync();
        var project = RenovationProject.Register(ProjectCode, nanguan, new RenovationProject.Details(
            ProjectName, 2020, 120, ResettlementMode.InKind, "张建国", new DateOnly(2020, 4, 1), new DateOnly(2021, 10, 31)));
        db.Projects.Add(project);
        await db.SaveChangesAsync();
        return project.Id;
    }

    private async Task<int> OpenCaseAsync()
    {
        var cipher = Factory.Services.GetRequiredService<IPersonalDataCipher>();
        await using var db = Factory.Services.GetRequiredService<SystemDbContextFactory>().Create();
        var project = await db.Projects.SingleAsync(p => p.Id == ProjectId);
        var overdue = OverdueCase.Open(project, OverdueCategory.Started, new DateOnly(2021, 12, 31), "张建国");
        foreach (var (head, id, phone) in Households)
        {
            overdue.AddHousehold(head, IdCardNumber.Parse(id), PhoneNumber.Parse(phone), new DateOnly(2020, 10, 31), cipher);
        }

        db.OverdueCases.Add(overdue);
        await db.SaveChangesAsync();
        return overdue.Id;
    }

    private async Task RegisterJilinProjectAsync()
    {
        await using var db = Factory.Services.GetRequiredService<SystemDbContextFactory>().Create();
        var changyi = await db.Jurisdictions.Where(j => j.Code == "220202").Select(j => j.Id).SingleAsync();
        db.Projects.Add(RenovationProject.Register(JilinProjectCode, changyi, new RenovationProject.Details(
            JilinProjectName, 2021, 60, ResettlementMode.Monetary, "李国庆", new DateOnly(2021, 5, 1), new DateOnly(2022, 11, 30))));
        await db.SaveChangesAsync();
    }

    private async Task OpenPeriodAsync()
    {
        await using var db = Factory.Services.GetRequiredService<SystemDbContextFactory>().Create();
        NanguanId = await db.Jurisdictions.Where(j => j.Code == Nanguan).Select(j => j.Id).SingleAsync();
        var period = AnjuPortal.Domain.Reporting.ReportingPeriod.Open(2020, 6);
        db.ReportingPeriods.Add(period);
        await db.SaveChangesAsync();
        PeriodId = period.Id;
    }

    /// <summary>Signs in through the form; a user sent to enrol a second factor (administrators) enrols first.</summary>
    private async Task<HttpClient> SignInAsync(string userName)
    {
        var client = Factory.CreateBrowserLikeClient();
        using (var login = await SignInFlow.PostLoginAsync(client, userName, PortalFactory.Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        }

        using var home = await client.GetAsync("/");
        if (home.StatusCode == HttpStatusCode.Redirect && home.Headers.Location?.OriginalString == "/Account/EnableAuthenticator")
        {
            await SignInFlow.EnrolAuthenticatorAsync(client);
        }

        return client;
    }
}

/// <summary>The page and endpoint access tests share one <see cref="PortalAccessFixture"/>: thirty sign-ins are enough once.</summary>
[CollectionDefinition(Name)]
public sealed class PortalAccessCollection : ICollectionFixture<PortalAccessFixture>
{
    public const string Name = "Portal access";
}

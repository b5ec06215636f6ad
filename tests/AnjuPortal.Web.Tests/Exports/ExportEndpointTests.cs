using System.Net;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Auditing;
using AnjuPortal.Domain.PersonalData;
using AnjuPortal.Infrastructure.Persistence;
using AnjuPortal.TestSupport;
using AnjuPortal.Web.Tests.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnjuPortal.Web.Tests.Exports;

/// <summary>
/// The .xlsx downloads over HTTP, as a browser's request meets them: anonymous users are sent to sign in, roles without
/// Export get 403 (never a page, never a 500), the others a real spreadsheet of their own subtree as an attachment
/// with a Chinese name; full ID numbers only for Export and Unmask together.
/// </summary>
[Collection(PortalAccessCollection.Name)]
public sealed class ExportEndpointTests
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private readonly PortalAccessFixture _portal;

    public ExportEndpointTests(PortalAccessFixture portal) => _portal = portal;

    public static TheoryData<string> Downloads() => new(EndpointCatalog.Downloads.Select(e => e.Pattern));

    public static TheoryData<string, string, string> DownloadsByRoleAndLevel()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var entry in EndpointCatalog.Downloads)
        {
            foreach (var role in Roles.All)
            {
                foreach (var level in PortalAccessFixture.Levels)
                {
                    data.Add(entry.Pattern, role, level);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Downloads))]
    public async Task AnonymousUser_IsSentToSignIn(string pattern)
    {
        using var client = _portal.Factory.CreateBrowserLikeClient();
        using var response = await client.GetAsync(SamplePath(pattern));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Login", PageAccessTests.PathOf(response.Headers.Location!));
    }

    [Theory]
    [MemberData(nameof(DownloadsByRoleAndLevel))]
    public async Task SignedInUser_GetsTheFile_OnlyWithItsPermission(string pattern, string role, string level)
    {
        var entry = EndpointCatalog.For(pattern)!;
        using var response = await _portal.ClientFor(role, level).GetAsync(SamplePath(pattern));

        if (RolePermissions.Grants(role, entry.Requires!.Value))
        {
            var file = await AssertSpreadsheetAsync(response);
            Assert.NotEmpty(file.Rows);
        }
        else
        {
            await AssertRefusedAsync(response, Permission.Export);
        }
    }

    [Fact]
    public async Task ProjectsExport_IsAnInertSpreadsheetAttachment_WithAChineseFileName()
    {
        using var response = await _portal.ClientFor(Roles.CityOperator, PortalAccessFixture.Changchun).GetAsync("/export/projects.xlsx");

        var file = await AssertSpreadsheetAsync(response);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal("projects.xlsx", disposition.FileName);
        Assert.Matches("^棚改项目库_[0-9]{8}\\.xlsx$", disposition.FileNameStar);
        Assert.Contains("filename*=UTF-8''%E6%A3%9A%E6%94%B9", response.Content.Headers.GetValues("Content-Disposition").Single(), StringComparison.Ordinal);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal([PortalAccessFixture.ProjectCode], file.Column("项目编号"));
        Assert.Equal(0, file.FormulaCount);
    }

    [Fact]
    public async Task ProjectsExport_HoldsOnlyTheOwnCitysRows_ForACityOperatorOfAnotherCity()
    {
        using var response = await _portal.ClientFor(Roles.CityOperator, PortalAccessFixture.Jilin).GetAsync("/export/projects.xlsx");

        var file = await AssertSpreadsheetAsync(response);
        Assert.Equal([PortalAccessFixture.JilinProjectCode], file.Column("项目编号"));
        Assert.DoesNotContain(file.AllText, t => t.Contains(PortalAccessFixture.ProjectName, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ProjectsExport_AppliesTheListsFilter_FromTheQueryString()
    {
        var client = _portal.ClientFor(Roles.ProvinceReviewer, PortalAccessFixture.Province);

        using var all = await client.GetAsync("/export/projects.xlsx");
        using var year2020 = await client.GetAsync("/export/projects.xlsx?batchYear=2020");
        using var searched = await client.GetAsync("/export/projects.xlsx?search=" + Uri.EscapeDataString("昌邑区"));

        Assert.Equal([PortalAccessFixture.JilinProjectCode, PortalAccessFixture.ProjectCode], (await AssertSpreadsheetAsync(all)).Column("项目编号").Order());
        Assert.Equal([PortalAccessFixture.ProjectCode], (await AssertSpreadsheetAsync(year2020)).Column("项目编号"));
        Assert.Equal([PortalAccessFixture.JilinProjectCode], (await AssertSpreadsheetAsync(searched)).Column("项目编号"));
    }

    [Fact]
    public async Task HouseholdsExport_IsMasked_WithTheFormulaNameInert_ByDefault()
    {
        using var response = await _portal.ClientFor(Roles.ProvinceAdministrator, PortalAccessFixture.Province).GetAsync(SamplePath("/export/households.xlsx"));

        var file = await AssertSpreadsheetAsync(response);
        Assert.Equal(PortalAccessFixture.Households.Select(h => IdCardNumber.Mask(h.IdNumber)), file.Column("身份证号"));
        Assert.Equal(PortalAccessFixture.Households.Select(h => PhoneNumber.Mask(h.Phone)), file.Column("联系电话"));
        Assert.Equal("'" + PortalAccessFixture.Households[0].Head, file.Column("户主姓名")[0]);
        Assert.Equal(0, file.FormulaCount);
        Assert.Matches("^逾期未安置户_PERM-NG-0417_[0-9]{8}\\.xlsx$", response.Content.Headers.ContentDisposition!.FileNameStar);
    }

    [Fact]
    public async Task HouseholdsExport_HoldsFullNumbers_WhenAUserWithExportAndUnmaskAsks()
    {
        using var response = await _portal.ClientFor(Roles.ProvinceAdministrator, PortalAccessFixture.Province)
            .GetAsync(SamplePath("/export/households.xlsx") + "&full=true");

        var file = await AssertSpreadsheetAsync(response);
        Assert.Equal(PortalAccessFixture.Households.Select(h => h.IdNumber), file.Column("身份证号"));
        Assert.Equal(PortalAccessFixture.Households.Select(h => h.Phone), file.Column("联系电话"));
    }

    [Theory]
    [InlineData(Roles.CityOperator, PortalAccessFixture.Changchun)]
    [InlineData(Roles.ProvinceReviewer, PortalAccessFixture.Province)]
    [InlineData(Roles.Supervisor, PortalAccessFixture.Nanguan)]
    public async Task HouseholdsExport_RefusesFullNumbers_With403_WhenTheUserMayExportButNotUnmask(string role, string level)
    {
        using var response = await _portal.ClientFor(role, level).GetAsync(SamplePath("/export/households.xlsx") + "&full=true");

        await AssertRefusedAsync(response, Permission.Unmask);
    }

    [Fact]
    public async Task HouseholdsExport_Answers404_ForACaseOfAnotherCity_AndHoldsNoRowsOfIt_ForTheWholeLedger()
    {
        var jilin = _portal.ClientFor(Roles.CityOperator, PortalAccessFixture.Jilin);

        using var ofCase = await jilin.GetAsync(SamplePath("/export/households.xlsx"));
        using var ledger = await jilin.GetAsync("/export/households.xlsx");

        Assert.Equal(HttpStatusCode.NotFound, ofCase.StatusCode);
        Assert.DoesNotContain(PortalAccessFixture.ProjectCode, await ofCase.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var file = await AssertSpreadsheetAsync(ledger);
        Assert.Empty(file.Rows);
        Assert.Contains("身份证号", file.Headers);
    }

    [Fact]
    public async Task Export_WritesExactlyOneAuditRecord_ByTheSignedInUser()
    {
        var before = await ExportRecordCountAsync();

        using var response = await _portal.ClientFor(Roles.ProvinceAdministrator, PortalAccessFixture.Province)
            .GetAsync(SamplePath("/export/households.xlsx") + "&full=true");
        await AssertSpreadsheetAsync(response);

        await using var db = _portal.Factory.Services.GetRequiredService<SystemDbContextFactory>().Create();
        var records = await db.AuditEntries.AsNoTracking().Where(a => a.Action == AuditAction.Export).OrderBy(a => a.Sequence).ToListAsync();
        Assert.Equal(before + 1, records.Count);
        var record = records[^1];
        Assert.Equal(("OverdueHousehold", "provinceadministrator.220000"), (record.EntityType, record.UserName));
        Assert.NotNull(record.UserId);
        Assert.Equal("导出逾期未安置户（台账项目 PERM-NG-0417），共 2 户；含完整身份证号和联系电话；筛选条件：无", record.Note);
    }

    [Theory]
    [InlineData("/export/projects.xlsx?stage=Nonsense")]
    [InlineData("/export/projects.xlsx?stage=99")]
    [InlineData("/export/households.xlsx?category=0")]
    [InlineData("/export/households.xlsx?caseId=abc")]
    public async Task Export_Answers400_ForAFilterValueThatDoesNotExist(string path)
    {
        var before = await ExportRecordCountAsync();

        using var response = await _portal.ClientFor(Roles.ProvinceAdministrator, PortalAccessFixture.Province).GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await ExportRecordCountAsync());
    }

    private string SamplePath(string pattern) => _portal.PathOf(EndpointCatalog.For(pattern)!.Sample!);

    private async Task<int> ExportRecordCountAsync()
    {
        await using var db = _portal.Factory.Services.GetRequiredService<SystemDbContextFactory>().Create();
        return await db.AuditEntries.CountAsync(a => a.Action == AuditAction.Export);
    }

    private static async Task<XlsxFile> AssertSpreadsheetAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(XlsxType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        return XlsxFile.Read(await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>Refused: 403 with the use case's Chinese message, not a redirect to a page and not a server error.</summary>
    private static async Task AssertRefusedAsync(HttpResponseMessage response, Permission permission)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(response.Content.Headers.ContentDisposition);
        Assert.Equal(new PermissionDeniedException(permission).Message, await response.Content.ReadAsStringAsync());
    }
}

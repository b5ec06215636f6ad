using System.Net;
using System.Security.Cryptography;
using System.Text;
using AnjuPortal.Application.OverdueResettlement.Closure;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Jurisdictions;
using AnjuPortal.Domain.OverdueResettlement;
using AnjuPortal.Domain.Projects;
using AnjuPortal.Infrastructure.Persistence;
using AnjuPortal.Web.Exports;
using AnjuPortal.Web.Tests.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnjuPortal.Web.Tests.Exports;

/// <summary>
/// Evidence downloads over HTTP: always an attachment with the type's fixed Content-Type, nosniff and a sandboxing CSP;
/// only for users whose subtree holds the case (another county or city gets 404, like a missing file).
/// </summary>
[Collection(PortalAccessCollection.Name)]
public sealed class EvidenceDownloadTests
{
    private readonly PortalAccessFixture _portal;

    public EvidenceDownloadTests(PortalAccessFixture portal) => _portal = portal;

    [Fact]
    public async Task Download_IsAnInertAttachment_WithTheFixedTypeAndOriginalName()
    {
        var content = Encoding.ASCII.GetBytes("%PDF-1.4\n<html><script>alert(1)</script></html>\n%%EOF\n");
        var id = await SeedAttachmentAsync("回迁安置协议.pdf", content);

        using var response = await _portal.ClientFor(Roles.CountyOperator, PortalAccessFixture.Nanguan).GetAsync($"/cases/evidence/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("回迁安置协议.pdf", response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.StartsWith("sandbox", string.Join(",", response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.Equal(content, await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData(PortalAccessFixture.Province, Roles.ProvinceReviewer)]
    [InlineData(PortalAccessFixture.Changchun, Roles.CityOperator)]
    [InlineData(PortalAccessFixture.Nanguan, Roles.CountyOperator)]
    [InlineData(PortalAccessFixture.Province, Roles.Supervisor)]
    public async Task Download_IsServed_WithinTheCasesTree(string unit, string role)
    {
        var id = await SeedAttachmentAsync("现场照片.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]);

        using var response = await _portal.ClientFor(role, unit).GetAsync($"/cases/evidence/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(PortalAccessFixture.Kuancheng, Roles.CountyOperator)]
    [InlineData(PortalAccessFixture.Jilin, Roles.CityOperator)]
    public async Task Download_IsNotFound_ForAnotherCountyOrCity(string unit, string role)
    {
        var id = await SeedAttachmentAsync("回迁安置协议.pdf", Encoding.ASCII.GetBytes("%PDF-1.4\n%%EOF\n"));

        using var response = await _portal.ClientFor(role, unit).GetAsync($"/cases/evidence/{id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(EvidenceEndpoints.NotFound, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Download_IsNotFound_ForAnUnknownId()
    {
        using var response = await _portal.ClientFor(Roles.ProvinceReviewer, PortalAccessFixture.Province).GetAsync("/cases/evidence/987654");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Download_SendsAnonymousUsersToSignIn()
    {
        var id = await SeedAttachmentAsync("回迁安置协议.pdf", Encoding.ASCII.GetBytes("%PDF-1.4\n%%EOF\n"));
        using var client = _portal.Factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync($"/cases/evidence/{id}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>A case of its own (a project in 南关区) with an application carrying one stored file; returns the attachment id.</summary>
    private async Task<int> SeedAttachmentAsync(string fileName, byte[] content)
    {
        var store = _portal.Factory.Services.GetRequiredService<IEvidenceFileStore>();
        var key = Guid.NewGuid().ToString("N");
        await store.SaveAsync(key, content);
        await using var db = _portal.Factory.Services.GetRequiredService<SystemDbContextFactory>().Create();
        var nanguan = await db.Jurisdictions.SingleAsync(j => j.Code == PortalAccessFixture.Nanguan);
        var changchun = await db.Jurisdictions.SingleAsync(j => j.Code == PortalAccessFixture.Changchun);
        var project = RenovationProject.Register("EVID-" + key[..8].ToUpperInvariant(), nanguan.Id, new RenovationProject.Details(
            "证明材料下载测试项目", 2019, 10, ResettlementMode.InKind, "张建国", new DateOnly(2019, 4, 1), new DateOnly(2020, 10, 31)));
        db.Projects.Add(project);
        var overdue = OverdueCase.Open(project, OverdueCategory.Started, new DateOnly(2021, 12, 31), "张建国");
        var type = EvidenceFiles.TypeOf(fileName)!.Value;
        var step = overdue.ApplyForClosure("全部已安置。", [new EvidenceFile(key, fileName, type, content.Length, Convert.ToHexStringLower(SHA256.HashData(content)))], 0,
            new ClosureActor("test", changchun.Id, changchun.Name, JurisdictionLevel.Prefecture), DateTimeOffset.UtcNow);
        db.OverdueCases.Add(overdue);
        await db.SaveChangesAsync();
        return step.Attachments.Single().Id;
    }
}

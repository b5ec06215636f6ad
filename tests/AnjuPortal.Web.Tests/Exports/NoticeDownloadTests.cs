using System.Net;
using AnjuPortal.Application.Security;
using AnjuPortal.Application.Supervision;
using AnjuPortal.Domain.Supervision;
using AnjuPortal.Infrastructure.Persistence;
using AnjuPortal.Web.Exports;
using AnjuPortal.Web.Tests.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnjuPortal.Web.Tests.Exports;

/// <summary>
/// A notice's .docx over HTTP: an inert attachment for the issuing province and for the units it is addressed to
/// (through their receipt); 404 for a county with no receipt, for a draft asked by a city, and for an unknown id.
/// </summary>
[Collection(PortalAccessCollection.Name)]
public sealed class NoticeDownloadTests(PortalAccessFixture portal)
{
    private const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    [Theory]
    [InlineData(PortalAccessFixture.Province, Roles.Supervisor)]
    [InlineData(PortalAccessFixture.Province, Roles.ProvinceReviewer)]
    [InlineData(PortalAccessFixture.Changchun, Roles.CityOperator)]
    [InlineData(PortalAccessFixture.Jilin, Roles.CityOperator)]
    public async Task Docx_OfAnIssuedNotice_IsAnAttachment_ForTheIssuerAndTheRecipients(string unit, string role)
    {
        var (id, number) = await SeedAsync(issue: true);

        using var response = await portal.ClientFor(role, unit).GetAsync($"/supervision/notices/{id}.docx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Docx, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(number + ".docx", response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.StartsWith("sandbox", string.Join(",", response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal((byte)'P', bytes[0]); // a zip package, not HTML
    }

    [Theory]
    [InlineData(PortalAccessFixture.Nanguan, Roles.CountyOperator, true)] // counties are not recipients
    [InlineData(PortalAccessFixture.Changchun, Roles.CityOperator, false)] // a draft is addressed to no one yet
    public async Task Docx_IsNotFound_OutsideTheIssuerAndItsRecipients(string unit, string role, bool issue)
    {
        var (id, _) = await SeedAsync(issue);

        using var response = await portal.ClientFor(role, unit).GetAsync($"/supervision/notices/{id}.docx");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(NoticeEndpoints.NotFound, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Pdf_OfAnUnknownNotice_IsNotFound()
    {
        using var response = await portal.ClientFor(Roles.Supervisor, PortalAccessFixture.Province).GetAsync("/supervision/notices/987654.pdf");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<(int Id, string Number)> SeedAsync(bool issue)
    {
        await using var db = portal.Factory.Services.GetRequiredService<SystemDbContextFactory>().Create();
        var province = await db.Jurisdictions.SingleAsync(j => j.Code == PortalAccessFixture.Province);
        var notice = OfficialNotice.Draft(province.Id, NoticeKind.MonthlyCirculation, new NoticeContent(
            "关于2026年10月全省棚户区改造工作进展情况的通报", "各市（州）人民政府，长白山管委会", "一、总体进展情况\n正文。", "吉林省保障性安居工程领导小组办公室"));
        var now = DateTimeOffset.UtcNow;
        var number = new DocumentNumber("吉安居办", 2026, Random.Shared.Next(1000, 1_000_000));
        if (issue)
        {
            notice.Approve(now, "province.admin");
            notice.Issue(number, now, "supervisor");
        }

        db.OfficialNotices.Add(notice);
        await db.SaveChangesAsync();
        if (issue)
        {
            await NoticeReceipts.AddAtIssueAsync(db, notice, now, CancellationToken.None);
            await db.SaveChangesAsync();
        }

        return (notice.Id, number.ToString());
    }
}

using AnjuPortal.Application.Security;
using AnjuPortal.Application.Supervision.Complaints;
using AnjuPortal.Domain.PersonalData;
using AnjuPortal.Domain.Supervision.Complaints;
using AnjuPortal.TestSupport;
using AnjuPortal.Web.Components.Pages.Supervision.Complaints;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace AnjuPortal.Web.Tests.Components.Pages.Supervision;

/// <summary>The staff complaint page shows what a member of the public typed as text: encoded, never as markup; the contact masked.</summary>
public sealed class ComplaintDetailPageTests : PortalTestContext
{
    private const string Script = "<script>alert('x')</script><img src=x onerror=alert(1)>";

    private async Task<int> SubmitAsync(IPersonalDataCipher cipher)
    {
        var unit = await UnitAsync("220102");
        var intake = new ComplaintIntake(Database.SystemFactory, cipher, Database.Clock, NullLogger<ComplaintIntake>.Instance);
        var result = await intake.SubmitAsync(new ComplaintSubmission(unit.Id, ComplaintCategory.ConstructionQuality, Script + "\n楼道漏水", "<b>李</b>", "13904311234", false));
        Assert.True(result.Succeeded, result.ToString());
        await using var db = Database.CreateSystemContext();
        return await db.Complaints.Where(c => c.ReceiptNumber == result.Value).Select(c => c.Id).SingleAsync();
    }

    [Fact]
    public async Task Page_RendersHtmlTypedByThePublicEncoded_AndTheContactMasked()
    {
        var cipher = TestCipher.Create();
        Services.AddSingleton<IPersonalDataCipher>(cipher);
        var id = await SubmitAsync(cipher);
        await SignIn("220100", Roles.CityOperator);

        var page = RenderPage<ComplaintDetailPage>((nameof(ComplaintDetailPage.Id), id));

        page.WaitForElement("[data-testid=complaint-text]");
        var markup = page.Find("[data-testid=complaint-text]").InnerHtml;
        Assert.Contains("&lt;script&gt;alert('x')&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;", markup, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", page.Markup, StringComparison.Ordinal);
        Assert.Contains("139****1234", page.Find("[data-testid=complaint-contact]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("13904311234", page.Markup, StringComparison.Ordinal);
        // A city operator has no Unmask: no way to show the contact in full.
        Assert.Empty(page.FindAll("[data-testid=complaint-reveal]"));
    }

    [Fact]
    public async Task Page_ForAnotherCity_ShowsNotFound()
    {
        var cipher = TestCipher.Create();
        Services.AddSingleton<IPersonalDataCipher>(cipher);
        var id = await SubmitAsync(cipher);
        await SignIn("220200", Roles.CityOperator);

        var page = RenderPage<ComplaintDetailPage>((nameof(ComplaintDetailPage.Id), id));

        page.WaitForElement("[data-testid=complaint-not-found]");
        Assert.DoesNotContain("楼道漏水", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Supervisor_RaisesASupervisionItem_AndThePageLinksToIt()
    {
        var cipher = TestCipher.Create();
        Services.AddSingleton<IPersonalDataCipher>(cipher);
        var id = await SubmitAsync(cipher);
        await SignIn("220000", Roles.Supervisor);

        var page = RenderPage<ComplaintDetailPage>((nameof(ComplaintDetailPage.Id), id));
        page.WaitForElement("[data-testid=complaint-raise-supervision]").Click();

        var link = page.WaitForElement("[data-testid=complaint-supervision-link]");
        await using var db = Database.CreateSystemContext();
        var item = await db.SupervisionItems.AsNoTracking().SingleAsync();
        Assert.Equal($"supervision/items/{item.Id}", link.GetAttribute("href"));
        Assert.Equal(AnjuPortal.Domain.Supervision.SupervisionSource.Complaint, item.Source);
        Assert.Contains("楼道漏水", item.Requirements, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=complaint-raise-supervision]"));
    }

    [Fact]
    public async Task CityOperator_SeesNoRaiseButton()
    {
        var cipher = TestCipher.Create();
        Services.AddSingleton<IPersonalDataCipher>(cipher);
        var id = await SubmitAsync(cipher);
        await SignIn("220100", Roles.CityOperator);

        var page = RenderPage<ComplaintDetailPage>((nameof(ComplaintDetailPage.Id), id));

        page.WaitForElement("[data-testid=complaint-supervision-none]");
        Assert.Empty(page.FindAll("[data-testid=complaint-raise-supervision]"));
    }
}

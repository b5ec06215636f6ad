using System.Security.Cryptography;
using AnjuPortal.Application.OverdueResettlement;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.OverdueResettlement;
using AnjuPortal.Domain.PersonalData;
using AnjuPortal.Infrastructure.PersonalData;
using Bunit;
using Bunit.Rendering;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using LedgerPage = AnjuPortal.Web.Components.Pages.Cases.CaseLedger;

namespace AnjuPortal.Web.Tests.Components.Pages.Cases;

/// <summary>
/// The "登记逾期户" dialog on the ledger page, with the real use case, the real cipher (ephemeral keys) and a SQLite
/// file. ID numbers are made up, with the GB 11643 check character computed.
/// </summary>
public sealed class HouseholdRegisterDialogTests : PortalTestContext
{
    private const string Nanguan = "220102";

    private static readonly string ValidId = "22010219800101123" + IdCardNumber.ComputeCheckCharacter("22010219800101123");

    private readonly PersonalDataCipher _cipher = new(new EphemeralDataProtectionProvider(), new BlindIndexKey(RandomNumberGenerator.GetBytes(32)));

    [Fact]
    public async Task Register_ShowsChecksumMessageUnderIdAndSavesNothing_WhenCheckCharacterWrong()
    {
        await SeedCaseAsync("NG-2016-001");
        await SignInWithCipher(Roles.CountyOperator);
        var cut = RenderLedger();
        await OpenDialogAsync(cut);

        var wrongCheck = ValidId[..17] + (ValidId[17] == '0' ? '1' : '0');
        Fill("刘淑芬", wrongCheck, "13904311234", "2019-12-31");
        Host.Find("[data-testid=household-save]").Click();

        var idField = Field("身份证号");
        Host.WaitForAssertion(() => Assert.Equal("身份证号校验位不正确，请核对后重新填写。", idField.Instance.GetErrorText()));
        Assert.Contains("身份证号校验位不正确", Host.Find("[data-testid=household-dialog]").TextContent);
        Assert.Null(Field("户主姓名").Instance.GetErrorText());
        Assert.Equal(0, await CountHouseholdsAsync());
    }

    [Fact]
    public async Task Register_ShowsAlreadyInLedgerUnderId_WhenPersonRegisteredElsewhere()
    {
        var caseId = await SeedCaseAsync("NG-2016-001");
        await using (var db = Database.CreateSystemContext())
        {
            var existing = await db.OverdueCases.SingleAsync(c => c.Id == caseId);
            db.OverdueHouseholds.Add(existing.AddHousehold("王桂兰", IdCardNumber.Parse(ValidId), null, new DateOnly(2019, 6, 30), _cipher));
            await db.SaveChangesAsync();
        }

        await SignInWithCipher(Roles.CountyOperator);
        var cut = RenderLedger();
        await OpenDialogAsync(cut);

        Fill("刘淑芬", ValidId, null, "2019-12-31");
        Host.Find("[data-testid=household-save]").Click();

        var idField = Field("身份证号");
        Host.WaitForAssertion(() => Assert.Contains("已登记在", idField.Instance.GetErrorText(), StringComparison.Ordinal));
        Assert.Equal(1, await CountHouseholdsAsync());
    }

    [Fact]
    public async Task Register_ClosesDialogAndListsMaskedIdOnly_WhenInputValid()
    {
        await SeedCaseAsync("NG-2016-001");
        await SignInWithCipher(Roles.CountyOperator);
        var cut = RenderLedger();
        await OpenDialogAsync(cut);

        Fill("刘淑芬", ValidId, "13904311234", "2019-12-31");
        Host.Find("[data-testid=household-save]").Click();

        Host.WaitForAssertion(() => Assert.Empty(Host.FindAll("[data-testid=household-dialog]")));
        cut.WaitForAssertion(() => Assert.Contains("刘淑芬", cut.Find("[data-testid=case-households]").TextContent));
        var households = cut.Find("[data-testid=case-households]").TextContent;
        Assert.Contains(IdCardNumber.Mask(ValidId), households);
        Assert.Contains("139****1234", households);
        Assert.Contains("2019-12-31", households);
        Assert.DoesNotContain(ValidId, Host.Markup);
        Assert.DoesNotContain("13904311234", Host.Markup);
        Host.WaitForAssertion(() => Assert.Contains("已登记逾期户：刘淑芬", Host.Markup));
        Assert.Equal(1, await CountHouseholdsAsync());
    }

    [Fact]
    public async Task Register_ShowsNewHouseholdOnLastPage_WhenListHasSeveralPages()
    {
        var caseId = await SeedCaseAsync("NG-2016-001");
        await using (var db = Database.CreateSystemContext())
        {
            var existing = await db.OverdueCases.SingleAsync(c => c.Id == caseId);
            for (var i = 0; i < 10; i++)
            {
                var first17 = $"22010219750601{i:D3}";
                var id = first17 + IdCardNumber.ComputeCheckCharacter(first17);
                db.OverdueHouseholds.Add(existing.AddHousehold($"原有户{i}", IdCardNumber.Parse(id), null, new DateOnly(2019, 6, 30), _cipher));
            }

            await db.SaveChangesAsync();
        }

        await SignInWithCipher(Roles.CountyOperator);
        var cut = RenderLedger();
        await OpenDialogAsync(cut);
        Assert.DoesNotContain("刘淑芬", cut.Find("[data-testid=case-households]").TextContent);

        Fill("刘淑芬", ValidId, null, "2019-12-31");
        Host.Find("[data-testid=household-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("刘淑芬", cut.Find("[data-testid=case-households]").TextContent));
        Assert.Contains(IdCardNumber.Mask(ValidId), cut.Find("[data-testid=case-households]").TextContent);
        Assert.Equal(11, await CountHouseholdsAsync());
    }

    [Fact]
    public async Task RegisterAction_IsNotOffered_WhenUserLacksEdit()
    {
        await SeedCaseAsync("NG-2016-001");
        await SignInWithCipher(Roles.ProvinceReviewer, "220000");
        var cut = RenderLedger();
        await ExpandOnlyCaseAsync(cut);

        cut.WaitForAssertion(() => Assert.Contains("逾期未安置户明细", cut.Find("[data-testid=case-households]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=household-register]"));
    }

    [Fact]
    public async Task Reveal_ShowsFullNumberOnlyInDialogAfterReasonAndAudits_WhenProvinceAdministrator()
    {
        await SeedCaseWithHouseholdAsync();
        await SignInWithCipher(Roles.ProvinceAdministrator, "220000");
        var cut = RenderLedger();
        await ExpandOnlyCaseAsync(cut);
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=household-reveal]")));

        cut.Find("[data-testid=household-reveal] button, button[data-testid=household-reveal]").Click();
        Host.WaitForAssertion(() => Assert.Single(Host.FindAll("[data-testid=reveal-dialog]")));
        Host.Find("[data-testid=reveal-confirm]").Click();
        Host.WaitForAssertion(() => Assert.Contains(PersonalDataDisclosure.ReasonRequired, Host.Markup));
        Assert.DoesNotContain(ValidId, Host.Markup);

        Host.FindComponents<MudTextField<string>>().Single(f => f.Instance.Label == "查看事由").Find("textarea").Change("与不动产登记核对身份");
        Host.Find("[data-testid=reveal-confirm]").Click();

        Host.WaitForAssertion(() => Assert.Equal(ValidId, Host.Find("[data-testid=reveal-id]").TextContent));
        Assert.Contains(IdCardNumber.Mask(ValidId), cut.Find("[data-testid=case-households]").TextContent);
        Assert.DoesNotContain(ValidId, cut.Find("[data-testid=case-households]").TextContent);
        await using var db = Database.CreateSystemContext();
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == AnjuPortal.Domain.Auditing.AuditAction.Unmask));

        Host.Find("[data-testid=reveal-close]").Click();
        Host.WaitForAssertion(() => Assert.DoesNotContain(ValidId, Host.Markup));
    }

    [Theory]
    [InlineData(Roles.ProvinceReviewer, "220000")]
    [InlineData(Roles.CountyOperator, Nanguan)]
    public async Task RevealAction_IsNotOffered_WhenUserLacksUnmask(string role, string unit)
    {
        await SeedCaseWithHouseholdAsync();
        await SignInWithCipher(role, unit);
        var cut = RenderLedger();
        await ExpandOnlyCaseAsync(cut);

        cut.WaitForAssertion(() => Assert.Contains("刘淑芬", cut.Find("[data-testid=case-households]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=household-reveal]"));
    }

    private async Task SeedCaseWithHouseholdAsync()
    {
        var caseId = await SeedCaseAsync("NG-2016-001");
        await using var db = Database.CreateSystemContext();
        var existing = await db.OverdueCases.SingleAsync(c => c.Id == caseId);
        db.OverdueHouseholds.Add(existing.AddHousehold("刘淑芬", IdCardNumber.Parse(ValidId), null, new DateOnly(2019, 6, 30), _cipher));
        await db.SaveChangesAsync();
    }

    private async Task SignInWithCipher(string role, string jurisdictionCode = Nanguan)
    {
        Services.AddSingleton<IPersonalDataCipher>(_cipher);
        await SignIn(jurisdictionCode, role);
    }

    /// <summary>The ledger page under the providers the main layout gives it: popovers, dialogs and snackbars.</summary>
    private IRenderedComponent<LedgerPage> RenderLedger()
    {
        var host = Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudDialogProvider>(1);
            builder.CloseComponent();
            builder.OpenComponent<MudSnackbarProvider>(2);
            builder.CloseComponent();
            builder.OpenComponent<LedgerPage>(3);
            builder.CloseComponent();
        });
        _host = host;
        return host.FindComponent<LedgerPage>();
    }

    private IRenderedComponent<ContainerFragment>? _host;

    /// <summary>Dialogs and snackbars render in their providers, beside the page: tests look at the whole host.</summary>
    private IRenderedComponent<ContainerFragment> Host => _host ?? throw new InvalidOperationException("Render the ledger first.");

    private async Task ExpandOnlyCaseAsync(IRenderedComponent<LedgerPage> page)
    {
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=case-row]")));
        var grid = page.FindComponent<MudDataGrid<CaseListItem>>();
        var row = grid.Instance.ServerItems.Single();
        await page.InvokeAsync(() => grid.Instance.ToggleHierarchyVisibilityAsync(row));
    }

    private async Task OpenDialogAsync(IRenderedComponent<LedgerPage> page)
    {
        await ExpandOnlyCaseAsync(page);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=household-register]")));
        page.Find("[data-testid=household-register]").Click();
        Host.WaitForAssertion(() => Assert.Single(Host.FindAll("[data-testid=household-dialog]")));
    }

    private void Fill(string name, string idNumber, string? phone, string promised)
    {
        Field("户主姓名").Find("input").Change(name);
        Field("身份证号").Find("input").Change(idNumber);
        if (phone is not null)
        {
            Field("联系电话").Find("input").Change(phone);
        }

        Host.FindComponents<MudDatePicker>().Single(f => f.Instance.Label == "承诺安置日期").Find("input").Change(promised);
    }

    private IRenderedComponent<MudTextField<string>> Field(string label)
        => Host.FindComponents<MudTextField<string>>().Single(f => f.Instance.Label == label);

    private async Task<int> SeedCaseAsync(string projectCode)
    {
        var project = await SeedProjectAsync(projectCode, Nanguan, batchYear: 2016);
        await using var db = Database.CreateSystemContext();
        db.Attach(project);
        var overdue = OverdueCase.Open(project, OverdueCategory.Started, new DateOnly(2020, 12, 31), "陈副区长");
        db.OverdueCases.Add(overdue);
        await db.SaveChangesAsync();
        return overdue.Id;
    }

    private async Task<int> CountHouseholdsAsync()
    {
        await using var db = Database.CreateSystemContext();
        return await db.OverdueHouseholds.CountAsync();
    }
}

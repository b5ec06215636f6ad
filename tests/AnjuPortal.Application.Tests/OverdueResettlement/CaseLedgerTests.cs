using AnjuPortal.Application.Common;
using AnjuPortal.Application.OverdueResettlement;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.OverdueResettlement;
using AnjuPortal.Domain.Projects;
using AnjuPortal.TestSupport;

namespace AnjuPortal.Application.Tests.OverdueResettlement;

public sealed class CaseLedgerTests : IAsyncLifetime
{
    private readonly List<string> _idNumbers = [];
    private SqliteTestDatabase _database = null!;
    private TestUser _county = null!;
    private int _ownCase;
    private int _siblingCase;

    public async Task InitializeAsync()
    {
        _database = await SqliteTestDatabase.CreateAsync();
        var nanguan = await _database.JurisdictionAsync("220102");
        var kuancheng = await _database.JurisdictionAsync("220103");
        _county = TestUser.At(nanguan, Roles.CountyOperator);
        var cipher = TestCipher.Create();
        await using var db = _database.CreateSystemContext();
        var cases = new List<OverdueCase>();
        foreach (var (code, place, category) in new[] { ("NG-0001", nanguan, OverdueCategory.Started), ("KC-0001", kuancheng, OverdueCategory.DeadKnot) })
        {
            var project = RenovationProject.Register(code, place.Id, new RenovationProject.Details(
                $"{place.Name}项目", 2016, 100, ResettlementMode.InKind, "张三", new DateOnly(2016, 4, 1), new DateOnly(2018, 10, 1)));
            var overdue = OverdueCase.Open(project, category, new DateOnly(2020, 12, 31), "李四");
            for (var i = 0; i < 3; i++)
            {
                var number = TestIdNumbers.Make(place.Code, "19600101", 10 * cases.Count + i);
                _idNumbers.Add(number);
                var household = overdue.AddHousehold($"户主{i}", IdCardNumber(number), Phone(i), new DateOnly(2018, 6, 30), cipher);
                if (i == 0)
                {
                    overdue.ResolveHousehold(household, ResolutionMethod.Monetary, new DateOnly(2020, 6, 1));
                }
            }

            db.OverdueCases.Add(overdue);
            cases.Add(overdue);
        }

        await db.SaveChangesAsync();
        (_ownCase, _siblingCase) = (cases[0].Id, cases[1].Id);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private CaseLedger LedgerFor(ICurrentUser user) => new(_database.FactoryFor(user), user);

    [Fact]
    public async Task HouseholdsAsync_ReturnsMaskedRowsOnly_WhenUserReadsOwnCase()
    {
        var page = await LedgerFor(_county).HouseholdsAsync(_ownCase, new PageRequest());

        Assert.Equal(3, page.TotalCount);
        Assert.All(page.Items, row =>
        {
            Assert.Matches("^220102\\*{8}[0-9]{3}[0-9X]$", row.IdNumberMasked);
            Assert.Matches("^138\\*{4}[0-9]{4}$", row.PhoneMasked!);
            foreach (var value in typeof(HouseholdRow).GetProperties().Select(p => p.GetValue(row)?.ToString() ?? string.Empty))
            {
                Assert.DoesNotContain(_idNumbers, n => value.Contains(n, StringComparison.Ordinal) || value.Contains(n[6..14], StringComparison.Ordinal));
                Assert.DoesNotContain("enc", value, StringComparison.OrdinalIgnoreCase);
            }
        });
        Assert.Equal(1, page.Items.Count(r => r.ResolvedOn is not null));

        // The row type itself cannot carry the full number or the ciphertext.
        Assert.DoesNotContain(typeof(HouseholdRow).GetProperties(), p => p.Name is "IdNumber" or "IdNumberCipher" or "PhoneCipher" or "IdNumberIndex");
    }

    [Fact]
    public async Task HouseholdsAsync_ReturnsNothing_WhenCaseBelongsToSiblingCounty()
    {
        var page = await LedgerFor(_county).HouseholdsAsync(_siblingCase, new PageRequest());

        Assert.Equal(0, page.TotalCount);
        Assert.Empty(page.Items);
    }

    [Fact]
    public async Task ListAsync_CountsHouseholdsWithinSubtree_WhenUserIsCountyOrCity()
    {
        var own = await LedgerFor(_county).ListAsync(new CaseFilter(), new PageRequest());
        var item = Assert.Single(own.Items);
        Assert.Equal(("NG-0001", 3, 1), (item.ProjectCode, item.Households, item.HouseholdsResolved));

        var city = TestUser.At(await _database.JurisdictionAsync("220100"), Roles.CityOperator);
        var all = await LedgerFor(city).ListAsync(new CaseFilter(), new PageRequest());
        Assert.Equal(["NG-0001", "KC-0001"], all.Items.Select(c => c.ProjectCode));

        var deadKnots = await LedgerFor(city).ListAsync(new CaseFilter(Category: OverdueCategory.DeadKnot), new PageRequest());
        Assert.Equal(["KC-0001"], deadKnots.Items.Select(c => c.ProjectCode));
    }

    private static Domain.PersonalData.IdCardNumber IdCardNumber(string number) => Domain.PersonalData.IdCardNumber.Parse(number);

    private static Domain.PersonalData.PhoneNumber Phone(int i) => Domain.PersonalData.PhoneNumber.Parse($"1381234{i:0000}");
}

using AnjuPortal.Domain.Jurisdictions;
using AnjuPortal.Domain.OverdueResettlement;
using AnjuPortal.Domain.Projects;
using AnjuPortal.Domain.Targets;
using AnjuPortal.TestSupport;

namespace AnjuPortal.Infrastructure.Tests.Tenancy;

/// <summary>
/// Data in four places of the tree: 南关区 and 宽城区 (two counties of 长春市), 长春市 itself, and 昌邑区 (a county of
/// 吉林市, another city). Each county place has a project, a ledger case and one household; every place has a target.
/// </summary>
internal sealed class TenancyScenario
{
    public required Jurisdiction Province { get; init; }
    public required Jurisdiction Changchun { get; init; }
    public required Jurisdiction Nanguan { get; init; }
    public required Jurisdiction Kuancheng { get; init; }
    public required Jurisdiction JilinCity { get; init; }
    public required Jurisdiction Changyi { get; init; }

    public required IReadOnlyDictionary<string, int> ProjectIds { get; init; }
    public required IReadOnlyDictionary<string, int> CaseIds { get; init; }
    public required IReadOnlyDictionary<string, int> HouseholdIds { get; init; }

    public static async Task<TenancyScenario> SeedAsync(TestDatabase database)
    {
        var province = await database.JurisdictionAsync("220000");
        var changchun = await database.JurisdictionAsync("220100");
        var nanguan = await database.JurisdictionAsync("220102");
        var kuancheng = await database.JurisdictionAsync("220103");
        var jilinCity = await database.JurisdictionAsync("220200");
        var changyi = await database.JurisdictionAsync("220202");

        var cipher = TestCipher.Create();
        var projects = new Dictionary<string, RenovationProject>();
        var cases = new Dictionary<string, OverdueCase>();
        var households = new Dictionary<string, OverdueHousehold>();
        await using (var db = database.CreateSystemContext())
        {
            var sequence = 100;
            foreach (var (code, place) in new[] { ("NG", nanguan), ("KC", kuancheng), ("CC", changchun), ("JL", changyi) })
            {
                var project = RenovationProject.Register($"{code}-0001", place.Id, Details($"{place.Name}棚改项目"));
                db.Projects.Add(project);
                db.AnnualTargets.Add(AnnualTarget.Create(place.Id, 2020, 1000, 500, 100));
                projects[code] = project;
                if (place.Level == JurisdictionLevel.County)
                {
                    var overdue = OverdueCase.Open(project, OverdueCategory.Started, new DateOnly(2020, 12, 31), "李四");
                    households[code] = overdue.AddHousehold("王五", TestIdNumbers.Parse(place.Code, "19700101", sequence++), null, new DateOnly(2018, 6, 30), cipher);
                    db.OverdueCases.Add(overdue);
                    cases[code] = overdue;
                }
            }

            db.AnnualTargets.Add(AnnualTarget.Create(province.Id, 2020, 18000, 9000, 10850));
            db.AnnualTargets.Add(AnnualTarget.Create(jilinCity.Id, 2020, 3000, 1500, 900));
            await db.SaveChangesAsync();
        }

        return new TenancyScenario
        {
            Province = province,
            Changchun = changchun,
            Nanguan = nanguan,
            Kuancheng = kuancheng,
            JilinCity = jilinCity,
            Changyi = changyi,
            ProjectIds = projects.ToDictionary(p => p.Key, p => p.Value.Id),
            CaseIds = cases.ToDictionary(c => c.Key, c => c.Value.Id),
            HouseholdIds = households.ToDictionary(h => h.Key, h => h.Value.Id),
        };
    }

    public static RenovationProject.Details Details(string name)
        => new(name, 2020, 100, ResettlementMode.InKind, "张三", new DateOnly(2020, 4, 1), new DateOnly(2021, 10, 1));
}

using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.OverdueResettlement;
using AnjuPortal.Domain.Projects;
using AnjuPortal.Domain.Reporting;

namespace AnjuPortal.Infrastructure.Seed.Demo;

/// <summary>
/// Reporting periods and approved monthly reports 月报 derived from the plans, one per county and prefecture-level unit
/// and month. Project lines carry the project's cumulative figures; case lines carry the households resolved in the
/// month by method, and since 1 January of the report's year (年度累计), the figure the annual target is measured against.
/// </summary>
internal static class DemoReports
{
    /// <summary>The periods of every reported month: frozen, except the latest, which is closed and awaits its snapshot.</summary>
    public static List<ReportingPeriod> NewPeriods(DemoProgramme programme, IReadOnlyCollection<(int Year, int Month)> existing)
    {
        var periods = new List<ReportingPeriod>();
        var latest = programme.ReportedMonths.Last();
        foreach (var (year, lastMonth) in programme.ReportedMonths)
        {
            for (var month = 1; month <= lastMonth; month++)
            {
                if (existing.Contains((year, month)))
                {
                    continue;
                }

                var period = ReportingPeriod.Open(year, month);
                if (year == latest.Key && month == latest.Value)
                {
                    period.Close();
                }
                else
                {
                    period.Freeze();
                }

                periods.Add(period);
            }
        }

        return periods;
    }

    /// <summary>
    /// Every county's and every prefecture-level unit's approved report of every reported month. Counties submit in
    /// the three days before the deadline (a few a day or two late, with a reason), each city submits its area two hours
    /// after its last county, and the province approves the area one to three days later. Project lines carry the
    /// plan's construction figures, the project's expropriation figures, and its money scaled to the month; the
    /// projects then take their figures from their latest report, as an approval does.
    /// </summary>
    public static List<MonthlyReport> Build(DemoProgramme programme, IReadOnlyDictionary<(int Year, int Month), ReportingPeriod> periods, DateTimeOffset now)
    {
        var random = programme.Random;
        var reports = new List<MonthlyReport>();
        foreach (var (year, lastMonth) in programme.ReportedMonths)
        {
            var projects = programme.Projects.Where(p => p.Year == year).ToLookup(p => p.County.Id);
            var yearStart = new DateOnly(year, 1, 1);

            // A case is on the year's report while any of its households was still open on 1 January.
            var cases = programme.Ledger
                .Where(b => b.OpenedYear <= year)
                .SelectMany(b => b.Cases.Select(c => (b.County, Case: c.Case!)))
                .Where(x => x.Case.Households.Any(h => h.ResolvedOn is null || h.ResolvedOn >= yearStart))
                .Select(x => (x.County, x.Case.Id, Resolved: x.Case.Households.Where(h => h.ResolvedOn >= yearStart).Select(h => (On: h.ResolvedOn!.Value, Method: h.ResolutionMethod!.Value)).ToList()))
                .ToLookup(x => x.County.Id);

            for (var month = 1; month <= lastMonth; month++)
            {
                var period = periods[(year, month)];
                var monthStart = new DateOnly(year, month, 1);
                var monthEnd = period.MonthEnd;
                var deadline = new DateTimeOffset(period.SubmissionDeadline.ToDateTime(new TimeOnly(15, 0)), ChinaTime.Offset);
                foreach (var city in programme.Tree.Cities)
                {
                    var area = new List<(MonthlyReport Report, DateTimeOffset Submitted)>();
                    foreach (var county in city.Counties)
                    {
                        var report = MonthlyReport.StartDraft(county.Id, period.Id);
                        foreach (var plan in projects[county.Id])
                        {
                            report.SetProjectLine(plan.Project.Id, FiguresOf(plan, month, lastMonth));
                        }

                        foreach (var (_, caseId, resolved) in cases[county.Id])
                        {
                            var thisMonth = resolved.Where(r => r.On >= monthStart && r.On <= monthEnd).ToList();
                            report.SetCaseLine(
                                caseId,
                                new HouseholdResolutions(
                                    thisMonth.Count(r => r.Method == ResolutionMethod.ReturnResettlement),
                                    thisMonth.Count(r => r.Method == ResolutionMethod.Monetary),
                                    thisMonth.Count(r => r.Method == ResolutionMethod.OffSite),
                                    thisMonth.Count(r => r.Method == ResolutionMethod.Transitional)),
                                resolved.Count(r => r.On < monthStart));
                        }

                        var late = random.NextDouble() < 0.03;
                        area.Add((report, late ? deadline.AddDays(random.Next(1, 3)) : deadline.AddDays(-random.Next(0, 4)).AddHours(-random.Next(0, 6))));
                    }

                    var cityReport = MonthlyReport.StartDraft(city.Id, period.Id);
                    var citySubmitted = area.Count == 0 ? deadline : area.Max(a => a.Submitted).AddHours(2);
                    area.Add((cityReport, citySubmitted));
                    var approved = citySubmitted.AddDays(random.Next(1, 4));
                    foreach (var (report, submitted) in area)
                    {
                        // Stored in UTC: PostgreSQL (timestamptz) takes no other offset.
                        var at = Min(submitted, now).ToUniversalTime();
                        var daysLate = period.DaysLate(at);
                        report.MarkApproved(at, Min(approved, now).ToUniversalTime(), daysLate, daysLate > 0 ? LateReason : null);
                        reports.Add(report);
                    }
                }

                if (month == lastMonth)
                {
                    foreach (var plan in programme.Projects.Where(p => p.Year == year))
                    {
                        plan.Project.ApplyApprovedFigures(monthEnd, FiguresOf(plan, month, lastMonth));
                    }
                }
            }
        }

        return reports;
    }

    private const string LateReason = "填报人员调整，数据核对延误，已补报。";

    /// <summary>
    /// The plan's cumulative figures at the end of <paramref name="month"/>. Money is the project's as of the last
    /// reported month, scaled back: spent with the investment, received with the months elapsed (never below spent).
    /// </summary>
    private static ProjectFigures FiguresOf(ProjectPlan plan, int month, int lastMonth)
    {
        var project = plan.Project;
        var invested = plan.Investment[lastMonth];
        var spentShare = invested == 0 ? 0m : plan.Investment[month] / invested;
        var receivedShare = (decimal)month / lastMonth;
        var funds = project.Funding.OrderBy(f => f.Source)
            .Select(f =>
            {
                var spent = Math.Round(f.Spent * spentShare, 2);
                return new FundsFigures(f.Source, Math.Max(spent, Math.Round(f.Received * receivedShare, 2)), spent);
            })
            .ToList();
        return new ProjectFigures(plan.Started[month], plan.Completed[month], plan.Investment[month], project.HouseholdsSigned, project.HouseholdsMovedOut, funds);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}

using AnjuPortal.Domain.Reporting;

namespace AnjuPortal.Infrastructure.Seed.Demo;

/// <summary>
/// Reporting periods and approved monthly reports 月报 derived from the plans, one per county and month. Project lines
/// carry the project's cumulative figures; case lines carry the households resolved since 1 January of the report's
/// year (年度累计), the figure the annual target is measured against.
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

    public static List<MonthlyReport> Build(DemoProgramme programme, IReadOnlyDictionary<(int Year, int Month), ReportingPeriod> periods, DateTimeOffset now)
    {
        var random = programme.Random;
        var reports = new List<MonthlyReport>();
        var chinaOffset = TimeSpan.FromHours(8);
        foreach (var (year, lastMonth) in programme.ReportedMonths)
        {
            var projects = programme.Projects.Where(p => p.Year == year).ToLookup(p => p.County.Id);
            var yearStart = new DateOnly(year, 1, 1);

            // A case is on the year's report while any of its households was still open on 1 January.
            var cases = programme.Ledger
                .Where(b => b.OpenedYear <= year)
                .SelectMany(b => b.Cases.Select(c => (b.County, Case: c.Case!)))
                .Where(x => x.Case.Households.Any(h => h.ResolvedOn is null || h.ResolvedOn >= yearStart))
                .Select(x => (x.County, x.Case.Id, Resolved: x.Case.Households.Where(h => h.ResolvedOn >= yearStart).Select(h => h.ResolvedOn!.Value).ToList()))
                .ToLookup(x => x.County.Id);

            for (var month = 1; month <= lastMonth; month++)
            {
                var period = periods[(year, month)];
                var monthEnd = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
                foreach (var county in programme.Tree.Counties)
                {
                    var report = MonthlyReport.StartDraft(county.Id, period.Id);
                    foreach (var plan in projects[county.Id])
                    {
                        report.SetProjectLine(plan.Project.Id, plan.Started[month], plan.Completed[month], plan.Investment[month]);
                    }

                    foreach (var (_, caseId, resolved) in cases[county.Id])
                    {
                        report.SetCaseLine(caseId, resolved.Count(d => d <= monthEnd));
                    }

                    var deadline = period.SubmissionDeadline.ToDateTime(new TimeOnly(15, 0));
                    var submitted = new DateTimeOffset(deadline.AddDays(-random.Next(0, 4)), chinaOffset);
                    var approved = submitted.AddDays(random.Next(1, 4)).AddHours(-random.Next(0, 5));
                    // Stored in UTC: PostgreSQL (timestamptz) takes no other offset.
                    report.MarkApproved(Min(submitted, now).ToUniversalTime(), Min(approved, now).ToUniversalTime());
                    reports.Add(report);
                }
            }
        }

        return reports;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}

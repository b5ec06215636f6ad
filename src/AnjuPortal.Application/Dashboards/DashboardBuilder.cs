using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Progress;

namespace AnjuPortal.Application.Dashboards;

/// <summary>
/// Turns one unit's and its children's figures (stored or summed live: the builder does not know which) into the
/// <see cref="DashboardView"/>: cards, ranking with last month's rank, trend, deadlines, early warning.
/// </summary>
internal static class DashboardBuilder
{
    public sealed record Input(
        TreeNode Unit,
        IReadOnlyList<TreeNode> Children,
        IReadOnlyList<TreeNode> Trail,
        IReadOnlySet<int> NodesWithChildren,
        int Year,
        int Month,
        IReadOnlyList<DashboardMonth> Months,
        IReadOnlyDictionary<(int Unit, int Month), ProgressFigures> Figures,
        IReadOnlyList<ProjectProgress> Projects,
        DateOnly Today,
        ConstructionCalendar Calendar,
        int Bands);

    public static DashboardView Build(Input input)
    {
        var month = input.Month;
        var unit = Progress(input, input.Unit, month);
        var children = input.Children.Select(c => (Node: c, Now: Progress(input, c, month), Before: month > 1 ? Figures(input, c, month - 1) : null)).ToList();
        var ranks = Ranking.Competition(children.Select(c => (c.Node.Id, c.Now.Started.TaskProgress)));
        var ranksBefore = Ranking.Competition(children.Where(c => c.Before is not null)
            .Select(c => (c.Node.Id, ProgressMeasures.TaskProgress(c.Before!.UnitsStarted, c.Before.PlanUnitsToStart))));
        var bands = Ranking.ByBand(children.Select(c => (c.Node.Id, (long?)c.Now.Started.Plan, c.Now.Started.TaskProgress)), input.Bands);
        var ranking = children
            .Select(c => new UnitRanking(
                c.Now,
                ranks.TryGetValue(c.Node.Id, out var r) ? r : null,
                ranksBefore.TryGetValue(c.Node.Id, out var b) ? b : null,
                bands.GetValueOrDefault(c.Node.Id),
                c.Before is null ? null : ProgressMeasures.Gap(c.Before.UnitsStarted, c.Before.PlanUnitsToStart, month - 1)))
            .OrderBy(r => r.Rank ?? int.MaxValue).ThenBy(r => r.Progress.Unit.Code, StringComparer.Ordinal)
            .ToList();

        var trend = input.Months.Where(m => m.Month <= month && input.Figures.ContainsKey((input.Unit.Id, m.Month)))
            .Select(m =>
            {
                var f = input.Figures[(input.Unit.Id, m.Month)];
                return new TrendPoint(m.Month, f.UnitsStarted, f.UnitsBasicallyCompleted, f.HouseholdsResolved, ProgressMeasures.TimeProgress(m.Month), m.Frozen);
            }).ToList();

        var yearEnd = new DateOnly(input.Year, 12, 31);
        var deadlines = new List<DeadlineStatus>
        {
            Deadline(DashboardMeasure.UnitsStarted, ReportingCalendar.StartDeadline(input.Year), unit.Started, input.Today),
            Deadline(DashboardMeasure.UnitsBasicallyCompleted, yearEnd, unit.Completed, input.Today),
            Deadline(DashboardMeasure.HouseholdsResolved, yearEnd, unit.Households, input.Today),
        };

        var watched = children.Count > 0 ? children.Select(c => c.Now).ToList() : [unit];
        var warnings = watched
            .SelectMany(u => new[]
            {
                new EarlyWarning(u.Unit, DashboardMeasure.UnitsStarted, Projection.For(u.Started.Plan, u.Started.Done, month, 9, input.Calendar)),
                new EarlyWarning(u.Unit, DashboardMeasure.UnitsBasicallyCompleted, Projection.For(u.Completed.Plan, u.Completed.Done, month, 12, input.Calendar)),
                new EarlyWarning(u.Unit, DashboardMeasure.HouseholdsResolved, Projection.For(u.Households.Plan, u.Households.Done, month, 12, input.Calendar)),
            })
            .Where(w => w.Projection.Plan > 0)
            .OrderByDescending(w => w.Projection.AtRisk).ThenByDescending(w => w.Projection.Shortfall).ThenBy(w => w.Unit.Code, StringComparer.Ordinal).ThenBy(w => w.Measure)
            .ToList();

        var frozen = input.Months.FirstOrDefault(m => m.Month == month)?.Frozen ?? false;
        return new DashboardView(
            unit, input.Year, month, frozen, ProgressMeasures.TimeProgress(month), input.Months, ranking, trend, deadlines, warnings, input.Projects,
            input.Trail.Select(n => Unit(input, n)).ToList());
    }

    public static DashboardUnit Unit(Input input, TreeNode node) => new(node.Id, node.Code, node.Name, node.Level, input.NodesWithChildren.Contains(node.Id));

    private static ProgressFigures? Figures(Input input, TreeNode node, int month) => input.Figures.GetValueOrDefault((node.Id, month));

    private static UnitProgress Progress(Input input, TreeNode node, int month)
    {
        var f = Figures(input, node, month) ?? ProgressFigures.Zero;
        return new UnitProgress(
            Unit(input, node),
            MeasureProgress.Of(f.PlanUnitsToStart, f.UnitsStarted, month),
            MeasureProgress.Of(f.PlanUnitsToComplete, f.UnitsBasicallyCompleted, month),
            MeasureProgress.Of(f.PlanHouseholdsToResolve, f.HouseholdsResolved, month),
            f.HouseholdsWaiting, f.Projects, Money(f.InvestmentCompleted), f.ReportingUnits, f.ApprovedUnits);
    }

    /// <summary>万元 with two decimals, whatever scale the provider's sum came back with (2399.7 and 2399.70 are one figure).</summary>
    private static decimal Money(decimal value) => decimal.Round(value, 2) + 0.00m;

    private static DeadlineStatus Deadline(DashboardMeasure measure, DateOnly deadline, MeasureProgress progress, DateOnly today)
        => new(measure, deadline, progress.Plan, progress.Done, progress.Remaining, deadline.DayNumber - today.DayNumber);
}

namespace AnjuPortal.Domain.Progress;

/// <summary>
/// Early warning and backward scheduling 预警与倒排工期 for one measure of one unit, as of the end of a month:
/// the figure projected for the deadline at the pace so far (weighted by the construction calendar), and the pace each
/// remaining month must reach to meet the plan by the deadline. A unit is at risk when the projection falls short.
/// </summary>
public sealed record Projection(
    long Plan,
    long Done,
    int AsOfMonth,
    int DeadlineMonth,
    long Projected,
    long Remaining,
    IReadOnlyList<MonthlyPace> RequiredPace)
{
    /// <summary>The projection falls short of the plan (and the plan is not met already).</summary>
    public bool AtRisk => Remaining > 0 && Projected < Plan;

    /// <summary>How far the projection falls short, as a share of the plan (0 when on track): sorts units at risk first.</summary>
    public decimal Shortfall => Plan > 0 && Projected < Plan ? (decimal)(Plan - Projected) / Plan : 0m;

    /// <summary>
    /// Projects <paramref name="done"/> (cumulative at the end of <paramref name="asOfMonth"/>) to the end of
    /// <paramref name="deadlineMonth"/>: the pace so far per unit of calendar weight, carried through the weight of the
    /// months left. Before any weighted month has passed there is no pace to carry: the projection is what is done.
    /// The required pace splits what remains over the remaining months in proportion to their weight, rounded up so
    /// that the months add up to at least what remains; a deadline already passed leaves no month to do it in.
    /// </summary>
    public static Projection For(long plan, long done, int asOfMonth, int deadlineMonth, ConstructionCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentOutOfRangeException.ThrowIfNegative(plan);
        ArgumentOutOfRangeException.ThrowIfNegative(done);
        ArgumentOutOfRangeException.ThrowIfLessThan(asOfMonth, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(asOfMonth, 12);
        ArgumentOutOfRangeException.ThrowIfLessThan(deadlineMonth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(deadlineMonth, 12);

        var elapsed = calendar.Elapsed(asOfMonth);
        var ahead = deadlineMonth > asOfMonth ? calendar.Between(asOfMonth, deadlineMonth) : 0m;
        // Rounded to six places before the floor, so that a ratio like (3/7) / (3/7) counts as the whole it is.
        var projected = elapsed > 0 ? done + (long)Math.Floor(Math.Round(done * ahead / elapsed, 6)) : done;
        var remaining = Math.Max(0, plan - done);

        var pace = new List<MonthlyPace>();
        if (remaining > 0 && deadlineMonth > asOfMonth)
        {
            var months = Enumerable.Range(asOfMonth + 1, deadlineMonth - asOfMonth).ToList();
            // No weight left before the deadline (a winter deadline): the work is spread evenly over the months left.
            var weights = ahead > 0 ? months.Select(calendar.Weight).ToList() : months.Select(_ => 1m).ToList();
            var total = weights.Sum();
            pace.AddRange(months.Select((m, i) => new MonthlyPace(m, (long)Math.Ceiling(remaining * weights[i] / total))));
        }

        return new Projection(plan, done, asOfMonth, deadlineMonth, projected, remaining, pace);
    }
}

/// <summary>The figure month <paramref name="Month"/> must add (not cumulative) to stay on the backward schedule.</summary>
public sealed record MonthlyPace(int Month, long Required);

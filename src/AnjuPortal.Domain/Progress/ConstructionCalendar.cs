using AnjuPortal.Domain.Common;

namespace AnjuPortal.Domain.Progress;

/// <summary>
/// The construction calendar of a cold region 施工季: how much of a year's work each month can carry. Jilin builds
/// from April to October; the default gives those seven months equal weight and the winter none. Used for projections
/// and the pace still required (倒排工期), never for the headline time progress, which stays calendar months over twelve.
/// </summary>
public sealed class ConstructionCalendar
{
    private readonly decimal[] _weights;
    private readonly decimal _total;

    /// <param name="weights">Twelve non-negative weights, January first, not all zero (any scale: they are normalised).</param>
    public ConstructionCalendar(IReadOnlyList<decimal> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Count != 12 || weights.Any(w => w < 0) || weights.Sum() <= 0)
        {
            throw new DomainException(DomainText.Named("ConstructionCalendarInvalid"));
        }

        _weights = [.. weights];
        _total = _weights.Sum();
    }

    /// <summary>April–October carry the work equally; November to March none.</summary>
    public static ConstructionCalendar ColdRegion { get; } = new([0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 0, 0]);

    /// <summary>Every month equal: the projection then follows calendar time.</summary>
    public static ConstructionCalendar Even { get; } = new([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);

    /// <summary>The share of the year's work month <paramref name="month"/> (1–12) carries; the twelve add up to 1.</summary>
    public decimal Weight(int month) => _weights[MonthIndex(month)] / _total;

    /// <summary>The share of the year's work the months up to and including <paramref name="month"/> carry (0 for month 0).</summary>
    public decimal Elapsed(int month) => month == 0 ? 0m : _weights.Take(MonthIndex(month) + 1).Sum() / _total;

    /// <summary>The share of the year's work the months after <paramref name="fromMonth"/> up to and including <paramref name="toMonth"/> carry.</summary>
    public decimal Between(int fromMonth, int toMonth)
        => toMonth <= fromMonth ? 0m : _weights.Skip(fromMonth).Take(toMonth - fromMonth).Sum() / _total;

    private static int MonthIndex(int month)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        return month - 1;
    }
}

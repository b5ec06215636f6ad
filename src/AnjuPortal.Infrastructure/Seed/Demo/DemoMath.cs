namespace AnjuPortal.Infrastructure.Seed.Demo;

/// <summary>Small deterministic helpers for spreading totals; every random choice goes through the seeded <see cref="Random"/>.</summary>
internal static class DemoMath
{
    /// <summary>Splits <paramref name="total"/> in proportion to <paramref name="weights"/> (largest remainder): the parts add up exactly.</summary>
    public static int[] Apportion(int total, IReadOnlyList<double> weights)
    {
        var parts = new int[weights.Count];
        var sum = weights.Sum();
        if (total <= 0 || sum <= 0)
        {
            return parts;
        }

        var remainders = new double[weights.Count];
        for (var i = 0; i < weights.Count; i++)
        {
            var exact = total * weights[i] / sum;
            parts[i] = (int)Math.Floor(exact);
            remainders[i] = exact - parts[i];
        }

        var left = total - parts.Sum();
        foreach (var i in Enumerable.Range(0, weights.Count).OrderByDescending(i => remainders[i]).ThenBy(i => i).Take(left))
        {
            parts[i]++;
        }

        return parts;
    }

    /// <summary>
    /// Moves <paramref name="values"/> by one unit at a time, largest capacity first, until they add up to
    /// <paramref name="total"/>, keeping each between <paramref name="floor"/> and <paramref name="ceiling"/>.
    /// </summary>
    public static void FixTotal(int[] values, int total, IReadOnlyList<int> floor, IReadOnlyList<int> ceiling)
    {
        var order = Enumerable.Range(0, values.Length).OrderByDescending(i => ceiling[i]).ThenBy(i => i).ToArray();
        var guard = 0;
        while (values.Sum() != total)
        {
            var step = values.Sum() < total ? 1 : -1;
            var moved = false;
            foreach (var i in order)
            {
                if (values.Sum() == total)
                {
                    break;
                }

                if (values[i] + step >= floor[i] && values[i] + step <= ceiling[i])
                {
                    values[i] += step;
                    moved = true;
                }
            }

            if (!moved || ++guard > 100_000)
            {
                throw new InvalidOperationException($"Demo figures cannot reach the total {total} within their bounds.");
            }
        }
    }

    public static double Between(this Random random, double min, double max) => min + (random.NextDouble() * (max - min));

    public static DateOnly DayIn(this Random random, int year, int month)
        => new(year, month, random.Next(1, DateTime.DaysInMonth(year, month) + 1));

    public static DateOnly DayBetween(this Random random, DateOnly first, DateOnly last)
        => DateOnly.FromDayNumber(random.Next(first.DayNumber, last.DayNumber + 1));

    /// <summary>Picks an index with the given weights.</summary>
    public static int Pick(this Random random, IReadOnlyList<double> weights)
    {
        var roll = random.NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Count; i++)
        {
            roll -= weights[i];
            if (roll < 0)
            {
                return i;
            }
        }

        return weights.Count - 1;
    }

    public static void ShuffleInPlace<T>(this Random random, IList<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}

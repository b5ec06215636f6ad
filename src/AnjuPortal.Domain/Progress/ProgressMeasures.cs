namespace AnjuPortal.Domain.Progress;

/// <summary>
/// The two numbers a provincial reader compares first: 时间进度 time progress (calendar months elapsed over twelve,
/// as officials quote it: end of June = 50 %) and 任务进度 task progress (cumulative over the annual plan), and the gap
/// between them in percentage points. Percentages have one decimal, rounded half away from zero, as the circulated
/// tables print them: end of June 2020, 7,471 of 18,002 units started = 41.5 % against 50 % time progress, gap −8.5.
/// </summary>
public static class ProgressMeasures
{
    /// <summary>Time progress at the end of <paramref name="month"/> (1–12), in percent, one decimal: month ÷ 12.</summary>
    public static decimal TimeProgress(int month)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        return Percent(month, 12)!.Value;
    }

    /// <summary>Task progress: <paramref name="done"/> over <paramref name="plan"/> in percent, one decimal; none without a plan above zero.</summary>
    public static decimal? TaskProgress(long done, long? plan) => Percent(done, plan);

    /// <summary>Task progress minus time progress, in percentage points (negative: behind); none without a plan.</summary>
    public static decimal? Gap(long done, long? plan, int month)
        => TaskProgress(done, plan) is { } task ? task - TimeProgress(month) : null;

    /// <summary><paramref name="part"/> over <paramref name="whole"/> × 100, one decimal, half away from zero; none when the whole is not above zero.</summary>
    public static decimal? Percent(long part, long? whole)
        => whole is > 0 ? Math.Round(100m * part / whole.Value, 1, MidpointRounding.AwayFromZero) : null;
}

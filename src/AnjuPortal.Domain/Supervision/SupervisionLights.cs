using AnjuPortal.Domain.Common;

namespace AnjuPortal.Domain.Supervision;

/// <summary>The deadline light of a supervision item 督办事项. Labels: DomainText <c>SupervisionLight_*</c>.</summary>
public enum SupervisionLight
{
    /// <summary>已销项: a closed item shows no light (grey).</summary>
    None = 0,
    /// <summary>绿灯: the deadline is further away than the yellow window.</summary>
    Green = 1,
    /// <summary>黄灯: the deadline is within the window (the deadline day itself included).</summary>
    Yellow = 2,
    /// <summary>红灯: the deadline has passed and the item is not closed.</summary>
    Red = 3,
}

/// <summary>
/// 黄灯、红灯 as deadlines near and pass: a pure function of the deadline, the day in China and whether the item is
/// closed. The deadline day is the last day to act, so it is still yellow; the day after it is red.
/// </summary>
public static class SupervisionLights
{
    public const int DefaultYellowWindowDays = 7;

    /// <summary>The light on <paramref name="today"/> (a China calendar day).</summary>
    public static SupervisionLight Of(DateOnly deadline, DateOnly today, bool closed, int yellowWindowDays = DefaultYellowWindowDays)
    {
        if (closed)
        {
            return SupervisionLight.None;
        }

        var daysLeft = deadline.DayNumber - today.DayNumber;
        return daysLeft < 0 ? SupervisionLight.Red
            : daysLeft <= Math.Max(yellowWindowDays, 0) ? SupervisionLight.Yellow
            : SupervisionLight.Green;
    }

    /// <summary>The light at the instant <paramref name="now"/>, read as a day in China time.</summary>
    public static SupervisionLight Of(DateOnly deadline, DateTimeOffset now, bool closed, int yellowWindowDays = DefaultYellowWindowDays)
        => Of(deadline, ChinaTime.DateOf(now), closed, yellowWindowDays);

    /// <summary>Days until the deadline (negative once it has passed).</summary>
    public static int DaysLeft(DateOnly deadline, DateOnly today) => deadline.DayNumber - today.DayNumber;

    /// <summary>The last deadline that is still green today: a query for yellow is "deadline in [today, this]".</summary>
    public static DateOnly LastYellowDeadline(DateOnly today, int yellowWindowDays = DefaultYellowWindowDays) => today.AddDays(Math.Max(yellowWindowDays, 0));
}

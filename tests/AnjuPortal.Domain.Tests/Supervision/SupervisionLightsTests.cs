using AnjuPortal.Domain.Supervision;

namespace AnjuPortal.Domain.Tests.Supervision;

/// <summary>The escalation lights with worked dates: deadline 2026-12-15, yellow window 7 days.</summary>
public sealed class SupervisionLightsTests
{
    private static readonly DateOnly Deadline = new(2026, 12, 15);

    [Theory]
    [InlineData("2026-12-01", SupervisionLight.Green)]  // 14 days left
    [InlineData("2026-12-07", SupervisionLight.Green)]  // 8 days left: one day before the yellow window
    [InlineData("2026-12-08", SupervisionLight.Yellow)] // 7 days left: the window opens
    [InlineData("2026-12-14", SupervisionLight.Yellow)]
    [InlineData("2026-12-15", SupervisionLight.Yellow)] // the deadline day itself is still the last day to act
    [InlineData("2026-12-16", SupervisionLight.Red)]    // the day after: passed
    [InlineData("2027-03-01", SupervisionLight.Red)]
    public void Of_GivesLight_ByDaysLeftInChina(string today, SupervisionLight expected)
    {
        Assert.Equal(expected, SupervisionLights.Of(Deadline, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture), closed: false));
    }

    [Theory]
    [InlineData("2026-12-01")]
    [InlineData("2026-12-15")]
    [InlineData("2027-01-20")] // closed after the deadline: no red light
    public void Of_GivesNoLight_WhenClosed(string today)
    {
        Assert.Equal(SupervisionLight.None, SupervisionLights.Of(Deadline, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture), closed: true));
    }

    [Fact]
    public void Of_ReadsTheInstantInChinaTime()
    {
        // 2026-12-15 16:30 UTC is 00:30 on the 16th in Changchun: the deadline has passed there.
        Assert.Equal(SupervisionLight.Red, SupervisionLights.Of(Deadline, new DateTimeOffset(2026, 12, 15, 16, 30, 0, TimeSpan.Zero), closed: false));
        // 2026-12-15 15:59 UTC is 23:59 on the 15th: still the deadline day.
        Assert.Equal(SupervisionLight.Yellow, SupervisionLights.Of(Deadline, new DateTimeOffset(2026, 12, 15, 15, 59, 0, TimeSpan.Zero), closed: false));
    }

    [Theory]
    [InlineData(3, "2026-12-11", SupervisionLight.Green)]
    [InlineData(3, "2026-12-12", SupervisionLight.Yellow)]
    [InlineData(0, "2026-12-14", SupervisionLight.Green)]
    [InlineData(0, "2026-12-15", SupervisionLight.Yellow)]
    public void Of_UsesTheConfiguredWindow(int window, string today, SupervisionLight expected)
    {
        Assert.Equal(expected, SupervisionLights.Of(Deadline, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture), closed: false, window));
    }
}

using AnjuPortal.Domain.Common;

namespace AnjuPortal.Domain.Tests.Common;

public sealed class ChinaTimeTests
{
    [Fact]
    public void DateOf_IsTheBeijingCalendarDay_NotTheUtcOne()
    {
        Assert.Equal(new DateOnly(2020, 7, 6), ChinaTime.DateOf(new DateTimeOffset(2020, 7, 5, 16, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateOnly(2020, 7, 5), ChinaTime.DateOf(new DateTimeOffset(2020, 7, 5, 15, 59, 59, TimeSpan.Zero)));
    }

    [Fact]
    public void StartOf_IsMidnightInBeijing()
        => Assert.Equal(new DateTimeOffset(2020, 7, 5, 16, 0, 0, TimeSpan.Zero), ChinaTime.StartOf(new DateOnly(2020, 7, 6)));
}

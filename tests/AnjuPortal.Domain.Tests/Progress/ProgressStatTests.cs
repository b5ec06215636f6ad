using AnjuPortal.Domain.Progress;

namespace AnjuPortal.Domain.Tests.Progress;

public sealed class ProgressStatTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 2, 0, 0, TimeSpan.Zero);

    private static ProgressFigures Figures(long started) => new(100, 80, 50, 3, started, 10, 12.5m, 20, 30, 4, 4);

    [Fact]
    public void AFrozenRow_IsNeverRecomputed()
    {
        var row = ProgressStat.Create(7, 2026, 9);
        row.Set(Figures(40), freeze: true, Now);

        Assert.Throws<InvalidOperationException>(() => row.Set(Figures(41), freeze: false, Now));
        Assert.Equal(40, row.UnitsStarted);
        Assert.True(row.Frozen);
    }

    [Fact]
    public void AnOpenRow_TakesNewFigures_AndGivesThemBack()
    {
        var row = ProgressStat.Create(7, 2026, 10);
        row.Set(Figures(40), freeze: false, Now);
        row.Set(Figures(55), freeze: false, Now);

        Assert.Equal(Figures(55), row.Figures);
        Assert.False(row.Frozen);
    }

    [Fact]
    public void FiguresAdd_FieldByField()
    {
        var sum = Figures(40) + Figures(2);

        Assert.Equal(new ProgressFigures(200, 160, 100, 6, 42, 20, 25.0m, 40, 60, 8, 8), sum);
        Assert.Equal(Figures(40), ProgressFigures.Zero + Figures(40));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(13)]
    public void AMonthOutsideTheYear_IsRefused(int month)
        => Assert.Throws<Common.DomainException>(() => ProgressStat.Create(7, 2026, month));
}

using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Targets;

namespace AnjuPortal.Domain.Tests.Targets;

public sealed class AnnualTargetTests
{
    [Fact]
    public void Create_StoresFigures_WhenValid()
    {
        var target = AnnualTarget.Create(3, 2020, 18000, 9000, 10850);

        Assert.Equal((3, 2020, 18000, 9000, 10850), (target.JurisdictionId, target.Year, target.UnitsToStart, target.UnitsToComplete, target.OverdueHouseholdsToResolve));
    }

    [Theory]
    [InlineData(-1, 0, 0, nameof(AnnualTarget.UnitsToStart), "开工目标套数不能为负数（填写的是 -1）。")]
    [InlineData(0, -2, 0, nameof(AnnualTarget.UnitsToComplete), "基本建成目标套数不能为负数（填写的是 -2）。")]
    [InlineData(0, 0, -3, nameof(AnnualTarget.OverdueHouseholdsToResolve), "逾期未安置解决目标户数不能为负数（填写的是 -3）。")]
    public void Create_ThrowsNegativeMessage_WhenFigureIsNegative(int start, int complete, int resolve, string field, string message)
    {
        var ex = Assert.Throws<DomainException>(() => AnnualTarget.Create(3, 2020, start, complete, resolve));

        Assert.Equal(message, ex.Message);
        Assert.Equal(field, ex.Field);
    }

    [Theory]
    [InlineData(1999)]
    [InlineData(2101)]
    public void Create_ThrowsYearMessage_WhenYearIsOutOfRange(int year)
        => Assert.Equal("Year", Assert.Throws<DomainException>(() => AnnualTarget.Create(3, year, 1, 1, 1)).Field);

    [Fact]
    public void Revise_ReplacesFigures_WhenValid()
    {
        var target = AnnualTarget.Create(3, 2020, 100, 50, 10);

        target.Revise(120, 60, 12);

        Assert.Equal((120, 60, 12), (target.UnitsToStart, target.UnitsToComplete, target.OverdueHouseholdsToResolve));
    }
}

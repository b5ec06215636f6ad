using AnjuPortal.Application.Reporting;
using AnjuPortal.Domain.Projects;
using AnjuPortal.Web.Components.Pages.Reports;

namespace AnjuPortal.Web.Tests.Components.Pages.Reports;

/// <summary>The entry table's cell names: every figure reachable by its name, nothing else, and only figures of zero or more.</summary>
public sealed class EntryCellsTests
{
    private readonly Dictionary<int, ProjectLineInput> _projects = new() { [7] = new ProjectLineInput { ProjectId = 7 } };
    private readonly Dictionary<int, CaseLineInput> _cases = new() { [3] = new CaseLineInput { CaseId = 3 } };

    [Theory]
    [InlineData("UnitsStarted", "165")]
    [InlineData("UnitsBasicallyCompleted", "12")]
    [InlineData("InvestmentCompleted", "912.50")]
    [InlineData("HouseholdsSigned", "80")]
    [InlineData("HouseholdsMovedOut", "71")]
    public void EachProjectFigure_IsSetByItsName(string field, string text)
    {
        Assert.Equal(CellEdit.Applied, Apply(EntryCells.Project(7, field), text, out var projectId, out var caseId));

        Assert.Equal(7, projectId);
        Assert.Null(caseId);
        var line = _projects[7];
        var value = field switch
        {
            "UnitsStarted" => line.UnitsStarted,
            "UnitsBasicallyCompleted" => line.UnitsBasicallyCompleted,
            "InvestmentCompleted" => line.InvestmentCompleted,
            "HouseholdsSigned" => line.HouseholdsSigned,
            _ => (decimal)line.HouseholdsMovedOut,
        };
        Assert.Equal(decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Fact]
    public void FundsFigures_AreAddedForTheirSource_AndKeptApart()
    {
        Assert.Equal(CellEdit.Applied, Apply("P7." + EntryCells.Funds(FundingSource.SpecialBonds, spent: false), "500", out _, out _));
        Assert.Equal(CellEdit.Applied, Apply("P7." + EntryCells.Funds(FundingSource.SpecialBonds, spent: true), "400.25", out _, out _));
        Assert.Equal(CellEdit.Applied, Apply("P7." + EntryCells.Funds(FundingSource.CentralSubsidy, spent: true), "3", out _, out _));

        var bonds = Assert.Single(_projects[7].Funds, f => f.Source == FundingSource.SpecialBonds);
        Assert.Equal((500m, 400.25m), (bonds.Received, bonds.Spent));
        var central = Assert.Single(_projects[7].Funds, f => f.Source == FundingSource.CentralSubsidy);
        Assert.Equal((0m, 3m), (central.Received, central.Spent));
    }

    [Theory]
    [InlineData("ReturnResettlement")]
    [InlineData("Monetary")]
    [InlineData("OffSite")]
    [InlineData("Transitional")]
    public void EachCaseFigure_IsSetByItsName(string field)
    {
        Assert.Equal(CellEdit.Applied, Apply(EntryCells.Case(3, field), "2", out var projectId, out var caseId));

        Assert.Null(projectId);
        Assert.Equal(3, caseId);
        var line = _cases[3];
        Assert.Equal(2, line.ReturnResettlement + line.Monetary + line.OffSite + line.Transitional);
    }

    [Theory]
    [InlineData("P7.UnitsStarted", "-1")]
    [InlineData("P7.UnitsStarted", "1.5")]
    [InlineData("P7.UnitsStarted", "abc")]
    [InlineData("P7.InvestmentCompleted", "-0.01")]
    [InlineData("P7.Funds.SpecialBonds.Spent", "十")]
    [InlineData("C3.Monetary", "99999999999")]
    public void AFigureBelowZero_OrNotANumber_IsInvalid_AndLeavesTheLine(string name, string text)
    {
        Assert.Equal(CellEdit.Invalid, Apply(name, text, out _, out _));

        Assert.Equal(0, _projects[7].UnitsStarted);
        Assert.Equal(0m, _projects[7].InvestmentCompleted);
        Assert.Empty(_projects[7].Funds);
        Assert.Equal(0, _cases[3].Monetary);
    }

    [Fact]
    public void AnEmptyCell_IsZero()
    {
        _projects[7].UnitsStarted = 5;

        Assert.Equal(CellEdit.Applied, Apply("P7.UnitsStarted", " ", out _, out _));
        Assert.Equal(0, _projects[7].UnitsStarted);
    }

    [Theory]
    [InlineData("")]
    [InlineData("P")]
    [InlineData("P.UnitsStarted")]
    [InlineData("P8.UnitsStarted")]
    [InlineData("C7.Monetary")]
    [InlineData("X7.UnitsStarted")]
    [InlineData("P7.Households")]
    [InlineData("P7.Funds.SpecialBonds")]
    [InlineData("P7.Funds.1.Received")]
    [InlineData("P7.Funds.Nothing.Received")]
    [InlineData("P7.Funds.SpecialBonds.Paid")]
    [InlineData("P-7.UnitsStarted")]
    [InlineData("C3.ReturnResettlement.Extra")]
    public void ANameOfNoCellOnTheReport_IsUnknown_AndChangesNothing(string name)
    {
        Assert.Equal(CellEdit.Unknown, Apply(name, "1", out var projectId, out var caseId));

        Assert.Null(projectId);
        Assert.Null(caseId);
        Assert.Equal(0, _projects[7].UnitsStarted);
        Assert.Empty(_projects[7].Funds);
        Assert.Equal(0, _cases[3].ReturnResettlement);
    }

    private CellEdit Apply(string name, string text, out int? projectId, out int? caseId)
        => EntryCells.Apply(name, text, _projects, _cases, out projectId, out caseId);
}

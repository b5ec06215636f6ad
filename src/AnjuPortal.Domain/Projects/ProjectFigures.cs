namespace AnjuPortal.Domain.Projects;

/// <summary>Cumulative money of one funding source 资金来源, in 万元: received 到位 and spent 支出.</summary>
public sealed record FundsFigures(FundingSource Source, decimal Received, decimal Spent);

/// <summary>
/// The cumulative figures of a project that a monthly report carries 累计数: units started 开工 and basically completed
/// 基本建成, investment completed 完成投资 (万元), expropriation agreements signed 签约 and households moved out 搬迁,
/// and money received and spent by source.
/// </summary>
public sealed record ProjectFigures(
    int UnitsStarted,
    int UnitsBasicallyCompleted,
    decimal InvestmentCompleted,
    int HouseholdsSigned,
    int HouseholdsMovedOut,
    IReadOnlyList<FundsFigures> Funds)
{
    public static ProjectFigures Zero { get; } = new(0, 0, 0m, 0, 0, []);

    /// <summary>The money of <paramref name="source"/>; nothing received or spent when the source has no line.</summary>
    public FundsFigures FundsOf(FundingSource source) => Funds.FirstOrDefault(f => f.Source == source) ?? new FundsFigures(source, 0m, 0m);

    /// <summary>What the project register holds now (the figures of its latest approved report, or what was registered).</summary>
    public static ProjectFigures Of(RenovationProject project)
    {
        ArgumentNullException.ThrowIfNull(project);
        return new ProjectFigures(
            project.UnitsStarted,
            project.UnitsBasicallyCompleted,
            0m,
            project.HouseholdsSigned,
            project.HouseholdsMovedOut,
            project.Funding.OrderBy(f => f.Source).Select(f => new FundsFigures(f.Source, f.Received, f.Spent)).ToList());
    }
}

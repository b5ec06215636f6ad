using System.Text.RegularExpressions;
using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Jurisdictions;

namespace AnjuPortal.Domain.Projects;

/// <summary>
/// A shantytown renovation project 棚改项目: one file per project 一项一案. Progress figures are cumulative
/// and never go down; the stage moves forward one step at a time.
/// </summary>
public sealed partial class RenovationProject : AggregateRoot, ITenantOwned
{
    private readonly List<ProjectFunding> _funding = [];

    private RenovationProject()
    {
        Code = string.Empty;
        Name = string.Empty;
        ResponsibleOfficial = string.Empty;
    }

    /// <summary>项目编号, unique across the whole tree.</summary>
    public string Code { get; private set; }
    public string Name { get; private set; }
    public int JurisdictionId { get; private set; }
    public Jurisdiction? Jurisdiction { get; private set; }

    /// <summary>批次年度: the year whose plan the project belongs to.</summary>
    public int BatchYear { get; private set; }
    public int PlannedUnits { get; private set; }
    public ResettlementMode ResettlementMode { get; private set; }
    public ProjectStage Stage { get; private set; }

    /// <summary>责任人: the official answerable for the project.</summary>
    public string ResponsibleOfficial { get; private set; }
    public DateOnly PlannedStartDate { get; private set; }
    public DateOnly PlannedCompletionDate { get; private set; }
    public DateOnly? ActualStartDate { get; private set; }

    /// <summary>累计开工套数</summary>
    public int UnitsStarted { get; private set; }

    /// <summary>累计基本建成套数</summary>
    public int UnitsBasicallyCompleted { get; private set; }

    /// <summary>应征收户数 / 已签约 / 已搬迁</summary>
    public int HouseholdsToExpropriate { get; private set; }
    public int HouseholdsSigned { get; private set; }
    public int HouseholdsMovedOut { get; private set; }

    public IReadOnlyCollection<ProjectFunding> Funding => _funding;

    /// <summary>
    /// The last day of the month whose approved monthly report the progress figures come from (null until a report
    /// is approved). An approved correction of an older month does not overwrite a later month's figures.
    /// </summary>
    public DateOnly? ProgressAsOf { get; private set; }

    /// <summary>The details a clerk enters when registering or correcting a project.</summary>
    public sealed record Details(
        string Name,
        int BatchYear,
        int PlannedUnits,
        ResettlementMode ResettlementMode,
        string ResponsibleOfficial,
        DateOnly PlannedStartDate,
        DateOnly PlannedCompletionDate);

    public static RenovationProject Register(string code, int jurisdictionId, Details details)
    {
        var trimmed = code?.Trim().ToUpperInvariant() ?? string.Empty;
        if (!CodePattern().IsMatch(trimmed))
        {
            throw new DomainException(DomainText.ProjectCodeFormat, nameof(Code));
        }

        var project = new RenovationProject { Code = trimmed, JurisdictionId = jurisdictionId, Stage = ProjectStage.Approval };
        project.Revise(details);
        return project;
    }

    public void Revise(Details details)
    {
        ArgumentNullException.ThrowIfNull(details);
        var name = Guard.Required(details.Name, nameof(Name), "项目名称", 100);
        var year = ReportingCalendar.ValidYear(details.BatchYear);
        var planned = Guard.NotNegative(details.PlannedUnits, nameof(PlannedUnits), "计划套数");
        if (planned < UnitsStarted)
        {
            throw new DomainException(DomainText.Format(DomainText.ExceedsPlanned, "已开工套数", UnitsStarted, planned), nameof(PlannedUnits));
        }

        var official = Guard.Required(details.ResponsibleOfficial, nameof(ResponsibleOfficial), "责任人", 50);
        if (details.PlannedCompletionDate < details.PlannedStartDate)
        {
            throw new DomainException(
                DomainText.Format(DomainText.DateOrder, "计划完工日期", details.PlannedCompletionDate.ToDateTime(TimeOnly.MinValue), "计划开工日期", details.PlannedStartDate.ToDateTime(TimeOnly.MinValue)),
                nameof(PlannedCompletionDate));
        }

        Name = name;
        BatchYear = year;
        PlannedUnits = planned;
        ResettlementMode = details.ResettlementMode;
        ResponsibleOfficial = official;
        PlannedStartDate = details.PlannedStartDate;
        PlannedCompletionDate = details.PlannedCompletionDate;
    }

    /// <summary>Moves to the next stage. Skipping a stage or going back is refused; a stage reached is a fact on the record.</summary>
    public void AdvanceStage(ProjectStage next, DateOnly on)
    {
        if (next <= Stage)
        {
            throw new DomainException(DomainText.Format(DomainText.StageBackwards, DomainText.Of(Stage)), nameof(Stage));
        }

        if (next != Stage + 1)
        {
            throw new DomainException(DomainText.Format(DomainText.StageSkip, DomainText.Of(Stage), DomainText.Of(Stage + 1), DomainText.Of(next)), nameof(Stage));
        }

        Stage = next;
        if (next == ProjectStage.UnderConstruction)
        {
            ActualStartDate ??= on;
        }
    }

    /// <summary>Records cumulative construction progress (from an approved monthly report).</summary>
    public void RecordProgress(int unitsStarted, int unitsBasicallyCompleted)
    {
        Guard.NotNegative(unitsStarted, nameof(UnitsStarted), "累计开工套数");
        Guard.NotNegative(unitsBasicallyCompleted, nameof(UnitsBasicallyCompleted), "累计基本建成套数");
        if (unitsStarted < UnitsStarted)
        {
            throw new DomainException(DomainText.Format(DomainText.CumulativeDecrease, "累计开工套数", UnitsStarted, unitsStarted), nameof(UnitsStarted));
        }

        if (unitsBasicallyCompleted < UnitsBasicallyCompleted)
        {
            throw new DomainException(DomainText.Format(DomainText.CumulativeDecrease, "累计基本建成套数", UnitsBasicallyCompleted, unitsBasicallyCompleted), nameof(UnitsBasicallyCompleted));
        }

        if (unitsStarted > PlannedUnits)
        {
            throw new DomainException(DomainText.Format(DomainText.ExceedsPlanned, "累计开工套数", unitsStarted, PlannedUnits), nameof(UnitsStarted));
        }

        if (unitsBasicallyCompleted > unitsStarted)
        {
            throw new DomainException(DomainText.Format(DomainText.CompletedExceedsStarted, unitsBasicallyCompleted, unitsStarted), nameof(UnitsBasicallyCompleted));
        }

        UnitsStarted = unitsStarted;
        UnitsBasicallyCompleted = unitsBasicallyCompleted;
    }

    /// <summary>
    /// Takes over the figures of an approved monthly report 月报 for the month ending <paramref name="asOf"/>: units
    /// started and basically completed, agreements signed, households moved out, money received and spent per
    /// source (allocated money stays as registered). The report's rules were checked when it was submitted; the
    /// register's own invariants are checked again here. Unlike <see cref="RecordProgress"/> a figure may go down:
    /// an approved correction 更正 is the truth for its month. Returns false, changing nothing, when the register
    /// already holds the figures of a later month.
    /// </summary>
    public bool ApplyApprovedFigures(DateOnly asOf, ProjectFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        if (ProgressAsOf is { } current && current > asOf)
        {
            return false;
        }

        Guard.NotNegative(figures.UnitsStarted, nameof(UnitsStarted), "累计开工套数");
        Guard.NotNegative(figures.UnitsBasicallyCompleted, nameof(UnitsBasicallyCompleted), "累计基本建成套数");
        Guard.NotNegative(figures.HouseholdsSigned, nameof(HouseholdsSigned), "已签约户数");
        Guard.NotNegative(figures.HouseholdsMovedOut, nameof(HouseholdsMovedOut), "已搬迁户数");
        if (figures.UnitsStarted > PlannedUnits)
        {
            throw new DomainException(DomainText.Format(DomainText.ExceedsPlanned, "累计开工套数", figures.UnitsStarted, PlannedUnits), nameof(UnitsStarted));
        }

        if (figures.UnitsBasicallyCompleted > figures.UnitsStarted)
        {
            throw new DomainException(DomainText.Format(DomainText.CompletedExceedsStarted, figures.UnitsBasicallyCompleted, figures.UnitsStarted), nameof(UnitsBasicallyCompleted));
        }

        if (figures.HouseholdsSigned > HouseholdsToExpropriate || figures.HouseholdsMovedOut > figures.HouseholdsSigned)
        {
            throw new DomainException(DomainText.Format(DomainText.ExpropriationOrder, HouseholdsToExpropriate, figures.HouseholdsSigned, figures.HouseholdsMovedOut), nameof(HouseholdsSigned));
        }

        foreach (var funds in figures.Funds)
        {
            var label = DomainText.Of(funds.Source);
            Guard.NotNegative(funds.Received, nameof(ProjectFunding.Received), label + "到位金额");
            Guard.NotNegative(funds.Spent, nameof(ProjectFunding.Spent), label + "支出金额");
            if (funds.Spent > funds.Received)
            {
                throw new DomainException(DomainText.Format(DomainText.SpentExceedsReceived, label, funds.Spent, funds.Received), nameof(ProjectFunding.Spent));
            }
        }

        UnitsStarted = figures.UnitsStarted;
        UnitsBasicallyCompleted = figures.UnitsBasicallyCompleted;
        HouseholdsSigned = figures.HouseholdsSigned;
        HouseholdsMovedOut = figures.HouseholdsMovedOut;
        foreach (var funds in figures.Funds)
        {
            var allocated = _funding.FirstOrDefault(f => f.Source == funds.Source)?.Allocated ?? 0m;
            SetFunding(funds.Source, allocated, funds.Received, funds.Spent);
        }

        ProgressAsOf = asOf;
        return true;
    }

    /// <summary>Records expropriation 房屋征收 progress: moved out ≤ signed ≤ households to expropriate.</summary>
    public void RecordExpropriation(int householdsToExpropriate, int signed, int movedOut)
    {
        Guard.NotNegative(householdsToExpropriate, nameof(HouseholdsToExpropriate), "应征收户数");
        Guard.NotNegative(signed, nameof(HouseholdsSigned), "已签约户数");
        Guard.NotNegative(movedOut, nameof(HouseholdsMovedOut), "已搬迁户数");
        if (signed > householdsToExpropriate || movedOut > signed)
        {
            throw new DomainException(DomainText.Format(DomainText.ExpropriationOrder, householdsToExpropriate, signed, movedOut), nameof(HouseholdsSigned));
        }

        HouseholdsToExpropriate = householdsToExpropriate;
        HouseholdsSigned = signed;
        HouseholdsMovedOut = movedOut;
    }

    /// <summary>Sets the money of one source, in 万元 (ten thousand yuan): allocated 下达, received 到位, spent 支出.</summary>
    public void SetFunding(FundingSource source, decimal allocated, decimal received, decimal spent)
    {
        var line = _funding.FirstOrDefault(f => f.Source == source);
        if (line is null)
        {
            // Validate before adding: a refused amount must not leave an empty line behind to be saved later.
            line = new ProjectFunding(source);
            line.Set(allocated, received, spent);
            _funding.Add(line);
            return;
        }

        line.Set(allocated, received, spent);
    }

    [GeneratedRegex("^[A-Z0-9][A-Z0-9-]{3,31}$")]
    private static partial Regex CodePattern();
}

/// <summary>Money of one funding source for one project, in 万元.</summary>
public sealed class ProjectFunding
{
    private ProjectFunding() { }

    internal ProjectFunding(FundingSource source) => Source = source;

    public int Id { get; private set; }
    public int ProjectId { get; private set; }
    public FundingSource Source { get; private set; }
    public decimal Allocated { get; private set; }
    public decimal Received { get; private set; }
    public decimal Spent { get; private set; }

    internal void Set(decimal allocated, decimal received, decimal spent)
    {
        var label = DomainText.Of(Source);
        Guard.NotNegative(allocated, nameof(Allocated), label + "下达金额");
        Guard.NotNegative(received, nameof(Received), label + "到位金额");
        Guard.NotNegative(spent, nameof(Spent), label + "支出金额");
        if (spent > received)
        {
            throw new DomainException(DomainText.Format(DomainText.SpentExceedsReceived, label, spent, received), nameof(Spent));
        }

        Allocated = allocated;
        Received = received;
        Spent = spent;
    }
}

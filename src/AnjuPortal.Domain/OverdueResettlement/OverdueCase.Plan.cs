using AnjuPortal.Domain.Common;

namespace AnjuPortal.Domain.OverdueResettlement;

/// <summary>
/// One plan per case 一项一案: the measures 化解措施, the responsible official 包保领导 and dated milestones. A milestone
/// past its date without completion turns the case amber, then red (<see cref="AlertFor"/>).
/// </summary>
public sealed partial class OverdueCase
{
    public const int MeasuresMaxLength = 2000;

    /// <summary>A milestone overdue by at most this many days turns the case amber 黄灯; longer, red 红灯.</summary>
    public const int AmberMaxDaysOverdue = 30;

    private readonly List<CaseMilestone> _milestones = [];

    /// <summary>化解措施</summary>
    public string? Measures { get; private set; }

    public IReadOnlyCollection<CaseMilestone> Milestones => _milestones;

    public void EditPlan(string? measures, string responsibleOfficial)
    {
        EnsureOpen();
        var text = string.IsNullOrWhiteSpace(measures) ? null : measures.Trim();
        if (text is { Length: > MeasuresMaxLength })
        {
            throw new DomainException(DomainText.Format(DomainText.TooLong, DomainText.Named("CaseField_Measures"), MeasuresMaxLength), nameof(Measures));
        }

        ResponsibleOfficial = Guard.Required(responsibleOfficial, nameof(ResponsibleOfficial), "包保领导", 50);
        Measures = text;
    }

    public CaseMilestone AddMilestone(string title, DateOnly dueDate)
    {
        EnsureOpen();
        var milestone = new CaseMilestone(Guard.Required(title, nameof(CaseMilestone.Title), DomainText.Named("CaseField_MilestoneTitle"), CaseMilestone.TitleMaxLength), dueDate);
        _milestones.Add(milestone);
        return milestone;
    }

    public void CompleteMilestone(CaseMilestone milestone, DateOnly completedOn)
    {
        ArgumentNullException.ThrowIfNull(milestone);
        EnsureOpen();
        if (!_milestones.Contains(milestone))
        {
            throw new DomainException(DomainText.MilestoneNotFound, nameof(CaseMilestone));
        }

        milestone.Complete(completedOn);
    }

    /// <summary>The case's warning light on <paramref name="today"/> (China date).</summary>
    public CaseAlert Alert(DateOnly today)
        => AlertFor(Status, TargetDate, _milestones.Where(m => m.CompletedOn is null).Select(m => (DateOnly?)m.DueDate).Min(), today);

    /// <summary>
    /// The one rule of the warning light 预警灯, also used by the ledger's queries (which fetch the earliest open
    /// milestone date): a case no longer open 推进中 is green; red when the target date has passed or a milestone is
    /// overdue by more than <see cref="AmberMaxDaysOverdue"/> days; amber when a milestone is overdue by 1 to
    /// <see cref="AmberMaxDaysOverdue"/> days; otherwise green. A milestone due today is not overdue yet.
    /// </summary>
    /// <param name="earliestOpenDue">The due date of the earliest milestone not yet completed, or null.</param>
    public static CaseAlert AlertFor(CaseStatus status, DateOnly targetDate, DateOnly? earliestOpenDue, DateOnly today)
    {
        if (status != CaseStatus.Open)
        {
            return CaseAlert.Green;
        }

        if (targetDate < today)
        {
            return CaseAlert.Red;
        }

        if (earliestOpenDue is not { } due || due >= today)
        {
            return CaseAlert.Green;
        }

        return today.DayNumber - due.DayNumber > AmberMaxDaysOverdue ? CaseAlert.Red : CaseAlert.Amber;
    }
}

/// <summary>A dated step of a case's plan 节点: what, by when, and when it was done.</summary>
public sealed class CaseMilestone
{
    public const int TitleMaxLength = 200;

    private CaseMilestone() => Title = string.Empty;

    internal CaseMilestone(string title, DateOnly dueDate)
    {
        Title = title;
        DueDate = dueDate;
    }

    public int Id { get; private set; }
    public string Title { get; private set; }
    public DateOnly DueDate { get; private set; }
    public DateOnly? CompletedOn { get; private set; }

    public bool IsOverdue(DateOnly today) => CompletedOn is null && DueDate < today;

    internal void Complete(DateOnly on)
    {
        if (CompletedOn is { } done)
        {
            throw new DomainException(DomainText.Format(DomainText.MilestoneAlreadyCompleted, Title, done.ToDateTime(TimeOnly.MinValue)), nameof(CompletedOn));
        }

        CompletedOn = on;
    }
}

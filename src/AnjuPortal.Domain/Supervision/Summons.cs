using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Jurisdictions;

namespace AnjuPortal.Domain.Supervision;

/// <summary>拟约谈 → 已约谈 (recorded), or 已取消 with a reason. Labels: DomainText <c>SummonsStatus_*</c>.</summary>
public enum SummonsStatus
{
    Planned = 0,
    Held = 1,
    Cancelled = 2,
}

/// <summary>What planning a summons needs.</summary>
public sealed record SummonsPlan(
    string? Reason,
    DateTimeOffset ScheduledAt,
    string? Place,
    string? Organiser,
    int? RankingYear = null,
    int? RankingMonth = null,
    int? CaseId = null);

/// <summary>A commitment 表态/整改承诺 made at a summons, with its optional due date.</summary>
public sealed class SummonsCommitment
{
    public const int TextMaxLength = 500;

    private SummonsCommitment() { }

    public SummonsCommitment(string text, DateOnly? dueOn)
    {
        Text = Guard.Required(text, "Commitments", DomainText.Named("Label_SummonsCommitment"), TextMaxLength);
        DueOn = dueOn;
    }

    public int Id { get; private set; }
    public string Text { get; private set; } = string.Empty;
    public DateOnly? DueOn { get; private set; }
}

/// <summary>
/// A summons 约谈: the province calls a city or county (the summoned unit, which owns the row and so sees its own
/// summons) to account for a problem: why (free text, optionally a month's ranking or a ledger case), when and where,
/// who organises it; once held, who attended (names and posts) and what they committed to 表态/整改承诺.
/// </summary>
public sealed class Summons : AggregateRoot, ITenantOwned
{
    public const int ReasonMaxLength = 2000;
    public const int PlaceMaxLength = 200;
    public const int OrganiserMaxLength = 100;
    public const int AttendeesMaxLength = 2000;
    public const int NotesMaxLength = 4000;
    public const int CancelReasonMaxLength = 500;
    public const int ActorMaxLength = 256;
    public const int MaxCommitments = 30;

    private readonly List<SummonsCommitment> _commitments = [];

    private Summons() { }

    /// <summary>The summoned unit 被约谈单位.</summary>
    public int JurisdictionId { get; private set; }
    public Jurisdiction? Jurisdiction { get; private set; }

    /// <summary>The unit that summons (the province).</summary>
    public int IssuerUnitId { get; private set; }

    public string Reason { get; private set; } = string.Empty;

    /// <summary>The month of the ranking the summons refers to (both set or neither).</summary>
    public int? RankingYear { get; private set; }
    public int? RankingMonth { get; private set; }

    /// <summary>The ledger case 台账项目 the summons refers to, if any (a reference, not a relation).</summary>
    public int? CaseId { get; private set; }

    /// <summary>约谈时间 (UTC).</summary>
    public DateTimeOffset ScheduledAt { get; private set; }
    public string Place { get; private set; } = string.Empty;

    /// <summary>组织单位/约谈人, e.g. 省住建厅副厅长 张三.</summary>
    public string Organiser { get; private set; } = string.Empty;
    public SummonsStatus Status { get; private set; }

    /// <summary>参加人员: one person a line, name and post.</summary>
    public string? Attendees { get; private set; }

    /// <summary>约谈情况: what was said, beyond the commitments.</summary>
    public string? Notes { get; private set; }
    public DateTimeOffset? RecordedAt { get; private set; }
    public string? RecordedBy { get; private set; }
    public string? CancelReason { get; private set; }
    public DateTimeOffset? CancelledAt { get; private set; }

    public IReadOnlyCollection<SummonsCommitment> Commitments => _commitments;

    /// <summary>拟约谈: a summons of a city or county, planned by a unit above it.</summary>
    public static Summons Plan(int unitId, JurisdictionLevel unitLevel, int issuerUnitId, JurisdictionLevel issuerLevel, SummonsPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (unitLevel is not (JurisdictionLevel.Prefecture or JurisdictionLevel.County) || unitLevel <= issuerLevel)
        {
            throw new DomainException(DomainText.Named("SummonsUnitLevel"), "Unit");
        }

        var summons = new Summons { JurisdictionId = unitId, IssuerUnitId = issuerUnitId, Status = SummonsStatus.Planned };
        summons.Apply(plan);
        return summons;
    }

    /// <summary>Changes the plan while the summons is still planned.</summary>
    public void Replan(SummonsPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        EnsurePlanned();
        Apply(plan);
    }

    /// <summary>记录约谈情况: who attended, what they committed to; the summons is held.</summary>
    public void Record(string? attendees, IReadOnlyCollection<SummonsCommitment> commitments, string? notes, DateTimeOffset at, string by)
    {
        ArgumentNullException.ThrowIfNull(commitments);
        EnsurePlanned();
        var people = Guard.Required(NormaliseLines(attendees), "Attendees", DomainText.Named("Label_SummonsAttendees"), AttendeesMaxLength);
        if (commitments.Count == 0)
        {
            throw new DomainException(DomainText.Named("SummonsCommitmentRequired"), "Commitments");
        }

        if (commitments.Count > MaxCommitments)
        {
            throw new DomainException(DomainText.Format(DomainText.Named("SummonsTooManyCommitments"), MaxCommitments), "Commitments");
        }

        var trimmedNotes = notes?.Trim();
        if (trimmedNotes is { Length: > NotesMaxLength })
        {
            throw new DomainException(DomainText.Format(DomainText.TooLong, DomainText.Named("Label_SummonsNotes"), NotesMaxLength), "Notes");
        }

        Attendees = people;
        Notes = string.IsNullOrEmpty(trimmedNotes) ? null : trimmedNotes;
        _commitments.Clear();
        _commitments.AddRange(commitments);
        Status = SummonsStatus.Held;
        RecordedAt = at;
        RecordedBy = Actor(by);
    }

    /// <summary>取消 a planned summons, with a reason.</summary>
    public void Cancel(string? reason, DateTimeOffset at)
    {
        EnsurePlanned();
        CancelReason = Guard.Required(reason, "CancelReason", DomainText.Named("Label_SummonsCancelReason"), CancelReasonMaxLength);
        CancelledAt = at;
        Status = SummonsStatus.Cancelled;
    }

    private void EnsurePlanned()
    {
        if (Status != SummonsStatus.Planned)
        {
            throw new DomainException(DomainText.Format(DomainText.Named("SummonsNotPlanned"), DomainText.Of(Status)));
        }
    }

    private void Apply(SummonsPlan plan)
    {
        Reason = Guard.Required(plan.Reason, "Reason", DomainText.Named("Label_SummonsReason"), ReasonMaxLength);
        Place = Guard.Required(plan.Place, "Place", DomainText.Named("Label_SummonsPlace"), PlaceMaxLength);
        Organiser = Guard.Required(plan.Organiser, "Organiser", DomainText.Named("Label_SummonsOrganiser"), OrganiserMaxLength);
        if (plan.ScheduledAt == default)
        {
            throw new DomainException(DomainText.Format(DomainText.Required, DomainText.Named("Label_SummonsScheduledAt")), "ScheduledAt");
        }

        if ((plan.RankingYear is null) != (plan.RankingMonth is null))
        {
            throw new DomainException(DomainText.Named("SummonsRankingMonth"), "Ranking");
        }

        if (plan.RankingYear is { } year)
        {
            ReportingCalendar.ValidYear(year);
            ReportingCalendar.ValidMonth(plan.RankingMonth!.Value);
        }

        ScheduledAt = plan.ScheduledAt.ToUniversalTime();
        RankingYear = plan.RankingYear;
        RankingMonth = plan.RankingMonth;
        CaseId = plan.CaseId is > 0 ? plan.CaseId : null;
    }

    private static string NormaliseLines(string? text)
        => string.Join('\n', (text ?? string.Empty).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));

    private static string Actor(string by) => string.IsNullOrWhiteSpace(by) ? "system" : SupervisionItem.Cut(by.Trim(), ActorMaxLength);
}

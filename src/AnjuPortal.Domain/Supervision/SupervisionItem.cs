using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Jurisdictions;
using AnjuPortal.Domain.OverdueResettlement;

namespace AnjuPortal.Domain.Supervision;

/// <summary>Where a supervision item 督办事项 came from. Labels: DomainText <c>SupervisionSource_*</c>.</summary>
public enum SupervisionSource
{
    /// <summary>省级督查</summary>
    ProvincialInspection = 0,
    /// <summary>国务院大督查</summary>
    StateCouncilInspection = 1,
    /// <summary>审计发现</summary>
    AuditFinding = 2,
    /// <summary>群众举报投诉: opened from a complaint (the source reference holds its number 投诉编号).</summary>
    Complaint = 3,
    /// <summary>其他</summary>
    Other = 4,
}

/// <summary>How hard the issuer presses 督办层级; only ever raised. Labels: DomainText <c>SupervisionLevel_*</c>.</summary>
public enum SupervisionLevel
{
    /// <summary>点对点指导</summary>
    PointGuidance = 0,
    /// <summary>重点跟踪</summary>
    KeyTracking = 1,
    /// <summary>现场督办</summary>
    OnSite = 2,
}

/// <summary>待整改 → 待审核 (a rectification report is in) → 已销项; a return sends it back to 待整改. Labels: DomainText <c>SupervisionStatus_*</c>.</summary>
public enum SupervisionStatus
{
    Open = 0,
    Reported = 1,
    Closed = 2,
}

/// <summary>A step of an item's timeline. Labels: DomainText <c>SupervisionStepKind_*</c>.</summary>
public enum SupervisionStepKind
{
    /// <summary>交办: the issuer opens the item.</summary>
    Opened = 0,
    /// <summary>提级督办: the level is raised.</summary>
    LevelRaised = 1,
    /// <summary>报送整改报告: the responsible unit reports, with evidence.</summary>
    Reported = 2,
    /// <summary>退回: the issuer sends the report back with a reason.</summary>
    Returned = 3,
    /// <summary>销项: the issuer accepts the rectification and closes the item.</summary>
    Closed = 4,
}

/// <summary>Who takes a step: the account, its unit and the unit's level.</summary>
public sealed record SupervisionActor(string UserName, int UnitId, string UnitName, JurisdictionLevel Level);

/// <summary>What opening an item needs (the form, or the complaints desk calling the use case).</summary>
public sealed record SupervisionItemContent(
    string? Title,
    SupervisionSource Source,
    string? SourceReference,
    SupervisionLevel Level,
    DateOnly Deadline,
    string? Requirements);

/// <summary>
/// A supervision item 督办事项: a problem the province (the issuer) hands to a city or county (the responsible unit,
/// which owns the row so it sees its own items) with a source, a level, a deadline and requirements. The unit answers
/// with rectification reports 整改报告 and evidence; the issuer returns a report with a reason or accepts it and closes
/// the item 销项. Every step is a <see cref="SupervisionStep"/> kept for ever. Methods expect <see cref="Steps"/> loaded.
/// </summary>
public sealed class SupervisionItem : AggregateRoot, ITenantOwned
{
    public const int TitleMaxLength = 200;
    public const int SourceReferenceMaxLength = 100;
    public const int RequirementsMaxLength = 4000;
    public const int UnitNameMaxLength = 100;

    private readonly List<SupervisionStep> _steps = [];

    private SupervisionItem() { }

    /// <summary>The responsible unit 责任单位.</summary>
    public int JurisdictionId { get; private set; }
    public Jurisdiction? Jurisdiction { get; private set; }

    /// <summary>The issuing unit 交办单位 (the province): only it returns and closes.</summary>
    public int IssuerUnitId { get; private set; }
    public string IssuerUnitName { get; private set; } = string.Empty;

    public string Title { get; private set; } = string.Empty;
    public SupervisionSource Source { get; private set; }

    /// <summary>The source's own reference, e.g. 投诉编号, an inspection's 问题清单 number, an audit report's number.</summary>
    public string? SourceReference { get; private set; }
    public SupervisionLevel Level { get; private set; }

    /// <summary>整改时限 (a China calendar day; the last day to act).</summary>
    public DateOnly Deadline { get; private set; }

    /// <summary>督办要求: what the unit must do.</summary>
    public string Requirements { get; private set; } = string.Empty;
    public SupervisionStatus Status { get; private set; }
    public DateTimeOffset OpenedAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }

    public IReadOnlyCollection<SupervisionStep> Steps => _steps;

    public bool IsClosed => Status == SupervisionStatus.Closed;

    public SupervisionLight Light(DateOnly today, int yellowWindowDays = SupervisionLights.DefaultYellowWindowDays)
        => SupervisionLights.Of(Deadline, today, IsClosed, yellowWindowDays);

    /// <summary>交办: the issuer (a province or city) opens an item for a unit below it, with a deadline not in the past.</summary>
    public static SupervisionItem Open(int responsibleUnitId, JurisdictionLevel responsibleLevel, SupervisionItemContent content, SupervisionActor issuer, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(issuer);
        if (responsibleLevel is not (JurisdictionLevel.Prefecture or JurisdictionLevel.County) || responsibleLevel <= issuer.Level)
        {
            throw new DomainException(DomainText.Named("SupervisionUnitBelowIssuer"), "ResponsibleUnit");
        }

        if (!Enum.IsDefined(content.Source))
        {
            throw new DomainException(DomainText.Format(DomainText.Required, DomainText.Named("Label_SupervisionSource")), "Source");
        }

        if (!Enum.IsDefined(content.Level))
        {
            throw new DomainException(DomainText.Format(DomainText.Required, DomainText.Named("Label_SupervisionLevel")), "Level");
        }

        if (content.Deadline < ChinaTime.DateOf(at))
        {
            throw new DomainException(DomainText.Named("SupervisionDeadlinePast"), "Deadline");
        }

        var reference = content.SourceReference?.Trim();
        if (reference is { Length: > SourceReferenceMaxLength })
        {
            throw new DomainException(DomainText.Format(DomainText.TooLong, DomainText.Named("Label_SupervisionSourceReference"), SourceReferenceMaxLength), "SourceReference");
        }

        var item = new SupervisionItem
        {
            JurisdictionId = responsibleUnitId,
            IssuerUnitId = issuer.UnitId,
            IssuerUnitName = Cut(issuer.UnitName, UnitNameMaxLength),
            Title = Guard.Required(content.Title, "Title", DomainText.Named("Label_SupervisionTitle"), TitleMaxLength),
            Source = content.Source,
            SourceReference = string.IsNullOrEmpty(reference) ? null : reference,
            Level = content.Level,
            Deadline = content.Deadline,
            Requirements = Guard.Required(content.Requirements, "Requirements", DomainText.Named("Label_SupervisionRequirements"), RequirementsMaxLength),
            Status = SupervisionStatus.Open,
            OpenedAt = at,
        };
        item.AddStep(SupervisionStepKind.Opened, issuer, at, null, content.Level, []);
        return item;
    }

    /// <summary>提级督办: the issuer raises the level (never lowers it) while the item is not closed; the reason is optional.</summary>
    public SupervisionStep RaiseLevel(SupervisionLevel level, string? reason, SupervisionActor actor, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(actor);
        EnsureNotClosed();
        EnsureIssuer(actor);
        if (!Enum.IsDefined(level) || level <= Level)
        {
            throw new DomainException(DomainText.Format(DomainText.Named("SupervisionLevelNotHigher"), DomainText.Of(Level)), "Level");
        }

        var text = Optional(reason, "Reason", DomainText.Named("Label_SupervisionRaiseReason"));
        Level = level;
        return AddStep(SupervisionStepKind.LevelRaised, actor, at, text, level, []);
    }

    /// <summary>
    /// The checks of <see cref="Report"/> that need no stored file: the item is open (not awaiting review, not closed),
    /// the reporter is the responsible unit, there is a text and at least one evidence file.
    /// </summary>
    public void EnsureCanReport(string? text, int evidenceCount, SupervisionActor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        EnsureNotClosed();
        if (Status == SupervisionStatus.Reported)
        {
            throw new DomainException(DomainText.Named("SupervisionAlreadyReported"));
        }

        if (actor.UnitId != JurisdictionId)
        {
            throw new DomainException(DomainText.Named("SupervisionReportByResponsibleUnit"));
        }

        Guard.Required(text, "Report", DomainText.Named("Label_SupervisionReport"), SupervisionStep.TextMaxLength);
        if (evidenceCount == 0)
        {
            throw new DomainException(DomainText.Named("SupervisionEvidenceRequired"), "Evidence");
        }
    }

    /// <summary>报送整改报告 with evidence: the item awaits the issuer's review.</summary>
    public SupervisionStep Report(string text, IReadOnlyCollection<EvidenceFile> evidence, SupervisionActor actor, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        EnsureCanReport(text, evidence.Count, actor);
        Status = SupervisionStatus.Reported;
        return AddStep(SupervisionStepKind.Reported, actor, at, text.Trim(), null, evidence);
    }

    /// <summary>退回: the issuer sends the report back with a reason; the item is open again.</summary>
    public SupervisionStep Return(string? reason, SupervisionActor actor, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(actor);
        EnsureReviewable(actor);
        var text = Guard.Required(reason, "Reason", DomainText.Named("Label_SupervisionReturnReason"), SupervisionStep.TextMaxLength);
        Status = SupervisionStatus.Open;
        return AddStep(SupervisionStepKind.Returned, actor, at, text, null, []);
    }

    /// <summary>销项: the issuer accepts the rectification report and closes the item, with an optional opinion.</summary>
    public SupervisionStep Close(string? opinion, SupervisionActor actor, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(actor);
        EnsureReviewable(actor);
        var text = Optional(opinion, "Opinion", DomainText.Named("Label_SupervisionCloseOpinion"));
        Status = SupervisionStatus.Closed;
        ClosedAt = at;
        return AddStep(SupervisionStepKind.Closed, actor, at, text, null, []);
    }

    private void EnsureReviewable(SupervisionActor actor)
    {
        if (actor.UnitId == JurisdictionId)
        {
            throw new DomainException(DomainText.Named("SupervisionOwnItem"));
        }

        EnsureNotClosed();
        EnsureIssuer(actor);
        if (Status != SupervisionStatus.Reported)
        {
            throw new DomainException(DomainText.Named("SupervisionNoReport"));
        }
    }

    private void EnsureIssuer(SupervisionActor actor)
    {
        if (actor.UnitId != IssuerUnitId)
        {
            throw new DomainException(DomainText.Format(DomainText.Named("SupervisionByIssuerOnly"), IssuerUnitName));
        }
    }

    private void EnsureNotClosed()
    {
        if (IsClosed)
        {
            throw new DomainException(DomainText.Named("SupervisionClosed"));
        }
    }

    private static string? Optional(string? value, string field, string label)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        return trimmed.Length <= SupervisionStep.TextMaxLength
            ? trimmed
            : throw new DomainException(DomainText.Format(DomainText.TooLong, label, SupervisionStep.TextMaxLength), field);
    }

    internal static string Cut(string value, int max) => value.Length > max ? value[..max] : value;

    private SupervisionStep AddStep(SupervisionStepKind kind, SupervisionActor actor, DateTimeOffset at, string? text, SupervisionLevel? level, IEnumerable<EvidenceFile> evidence)
    {
        var step = SupervisionStep.Create(this, kind, actor, at, text, level, evidence);
        _steps.Add(step);
        return step;
    }
}

/// <summary>One step of an item's timeline: what, by whom, from which unit, when, with which text, level or evidence.</summary>
public sealed class SupervisionStep : Entity, ITenantOwned
{
    public const int TextMaxLength = 2000;
    public const int UserNameMaxLength = 256;

    private readonly List<SupervisionAttachment> _attachments = [];

    private SupervisionStep() { }

    public int ItemId { get; private set; }
    public SupervisionItem? Item { get; private set; }
    public int JurisdictionId { get; private set; }
    public Jurisdiction? Jurisdiction { get; private set; }
    public SupervisionStepKind Kind { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string ActorName { get; private set; } = string.Empty;
    public int UnitId { get; private set; }
    public string UnitName { get; private set; } = string.Empty;

    /// <summary>The report 整改情况, the return reason, the closing opinion or the reason for raising the level.</summary>
    public string? Text { get; private set; }

    /// <summary>The level set by this step (opening, raising).</summary>
    public SupervisionLevel? Level { get; private set; }

    public IReadOnlyCollection<SupervisionAttachment> Attachments => _attachments;

    internal static SupervisionStep Create(SupervisionItem item, SupervisionStepKind kind, SupervisionActor actor, DateTimeOffset at, string? text, SupervisionLevel? level, IEnumerable<EvidenceFile> evidence)
    {
        var step = new SupervisionStep
        {
            Item = item,
            ItemId = item.Id,
            JurisdictionId = item.JurisdictionId,
            Kind = kind,
            At = at,
            ActorName = SupervisionItem.Cut(actor.UserName, UserNameMaxLength),
            UnitId = actor.UnitId,
            UnitName = SupervisionItem.Cut(actor.UnitName, SupervisionItem.UnitNameMaxLength),
            Text = text,
            Level = level,
        };
        foreach (var file in evidence)
        {
            step._attachments.Add(SupervisionAttachment.Create(step, file));
        }

        return step;
    }
}

/// <summary>An evidence file of a rectification report, kept in the ledger's evidence file store under a generated key.</summary>
public sealed class SupervisionAttachment : Entity, ITenantOwned
{
    private SupervisionAttachment() { }

    public int StepId { get; private set; }
    public SupervisionStep? Step { get; private set; }
    public int JurisdictionId { get; private set; }
    public Jurisdiction? Jurisdiction { get; private set; }
    public string StorageKey { get; private set; } = string.Empty;
    public string FileName { get; private set; } = string.Empty;
    public EvidenceFileType FileType { get; private set; }
    public long SizeBytes { get; private set; }
    public string Sha256 { get; private set; } = string.Empty;

    internal static SupervisionAttachment Create(SupervisionStep step, EvidenceFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Sha256.Length != EvidenceAttachment.Sha256Length || file.StorageKey.Length is 0 or > EvidenceAttachment.StorageKeyMaxLength || file.SizeBytes <= 0)
        {
            throw new ArgumentException("Evidence must be stored and hashed before it is attached.", nameof(file));
        }

        return new SupervisionAttachment
        {
            Step = step,
            JurisdictionId = step.JurisdictionId,
            StorageKey = file.StorageKey,
            FileName = SupervisionItem.Cut(file.FileName, EvidenceAttachment.FileNameMaxLength),
            FileType = file.FileType,
            SizeBytes = file.SizeBytes,
            Sha256 = file.Sha256,
        };
    }
}

using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Jurisdictions;

namespace AnjuPortal.Domain.OverdueResettlement;

/// <summary>A step of crossing a case off the ledger 销号. Every step is kept for ever and shown as the case's timeline.</summary>
public enum ClosureStepKind
{
    /// <summary>申请销号: the city applies, with a statement and evidence.</summary>
    Applied = 0,
    /// <summary>退回: the province sends the application back with a reason; the case is open again.</summary>
    Returned = 1,
    /// <summary>核验销号: the province has verified the evidence and crosses the case off.</summary>
    Closed = 2,
    /// <summary>重新打开: the province reopens a closed case with a reason.</summary>
    Reopened = 3,
}

/// <summary>The file types accepted as evidence 证明材料. The served Content-Type comes from here, never from the upload.</summary>
public enum EvidenceFileType
{
    /// <summary>PDF 文档</summary>
    Pdf = 0,
    /// <summary>JPEG 图片</summary>
    Jpeg = 1,
    /// <summary>PNG 图片</summary>
    Png = 2,
    /// <summary>Word 文档 (.docx)</summary>
    Docx = 3,
    /// <summary>Excel 表格 (.xlsx)</summary>
    Xlsx = 4,
    /// <summary>OFD 版式文件 (the national standard for electronic official documents, GB/T 33190)</summary>
    Ofd = 5,
}

/// <summary>Who takes a closing step: the account, its unit and the unit's level (the rules turn on the level).</summary>
public sealed record ClosureActor(string UserName, int UnitId, string UnitName, JurisdictionLevel Level);

/// <summary>An evidence file already checked and stored; what the step records of it.</summary>
public sealed record EvidenceFile(string StorageKey, string FileName, EvidenceFileType FileType, long SizeBytes, string Sha256);

/// <summary>
/// One step of the 销号 workflow of a case: what was done, by whom, from which unit, when, with which statement or
/// reason, and (for an application) which evidence. Filed under the case's unit, so the tree's filter applies.
/// </summary>
public sealed class CaseClosureStep : Entity, ITenantOwned
{
    public const int TextMaxLength = 1000;
    public const int UserNameMaxLength = 256;
    public const int UnitNameMaxLength = 100;

    private readonly List<EvidenceAttachment> _attachments = [];

    private CaseClosureStep()
    {
        ActorName = string.Empty;
        UnitName = string.Empty;
    }

    public int CaseId { get; private set; }
    public OverdueCase? Case { get; private set; }
    public int JurisdictionId { get; private set; }
    public Jurisdiction? Jurisdiction { get; private set; }
    public ClosureStepKind Kind { get; private set; }

    /// <summary>When the step was taken (UTC).</summary>
    public DateTimeOffset At { get; private set; }

    /// <summary>The account that took the step.</summary>
    public string ActorName { get; private set; }

    /// <summary>The unit that took the step (the applicant city, the reviewing province).</summary>
    public int UnitId { get; private set; }
    public string UnitName { get; private set; }

    /// <summary>The statement of an application 申请说明, the reason of a return or reopening, the opinion of a closing 核验意见.</summary>
    public string? Text { get; private set; }

    public IReadOnlyCollection<EvidenceAttachment> Attachments => _attachments;

    internal static CaseClosureStep Create(OverdueCase overdueCase, ClosureStepKind kind, ClosureActor actor, DateTimeOffset at, string? text, IEnumerable<EvidenceFile> evidence)
    {
        var step = new CaseClosureStep
        {
            Case = overdueCase,
            CaseId = overdueCase.Id,
            JurisdictionId = overdueCase.JurisdictionId,
            Kind = kind,
            At = at,
            ActorName = actor.UserName.Length > UserNameMaxLength ? actor.UserName[..UserNameMaxLength] : actor.UserName,
            UnitId = actor.UnitId,
            UnitName = actor.UnitName.Length > UnitNameMaxLength ? actor.UnitName[..UnitNameMaxLength] : actor.UnitName,
            Text = text,
        };
        foreach (var file in evidence)
        {
            step._attachments.Add(EvidenceAttachment.Create(step, file));
        }

        return step;
    }
}

/// <summary>
/// An evidence file 证明材料 of a closure application: stored under a generated key (never the user's file name), with
/// its sanitised original name, its checked type, its size and its SHA-256 as metadata.
/// </summary>
public sealed class EvidenceAttachment : Entity, ITenantOwned
{
    public const int StorageKeyMaxLength = 64;
    public const int FileNameMaxLength = 200;
    public const int Sha256Length = 64;

    private EvidenceAttachment()
    {
        StorageKey = string.Empty;
        FileName = string.Empty;
        Sha256 = string.Empty;
    }

    public int StepId { get; private set; }
    public CaseClosureStep? Step { get; private set; }
    public int JurisdictionId { get; private set; }
    public Jurisdiction? Jurisdiction { get; private set; }

    /// <summary>The key the file store knows the content by (a generated id).</summary>
    public string StorageKey { get; private set; }

    /// <summary>The original file name, sanitised: shown and offered on download, never used as a path.</summary>
    public string FileName { get; private set; }
    public EvidenceFileType FileType { get; private set; }
    public long SizeBytes { get; private set; }

    /// <summary>SHA-256 of the content (64 lowercase hex digits), shown on the timeline so a copy can be checked.</summary>
    public string Sha256 { get; private set; }

    internal static EvidenceAttachment Create(CaseClosureStep step, EvidenceFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Sha256.Length != Sha256Length || file.StorageKey.Length is 0 or > StorageKeyMaxLength || file.SizeBytes <= 0)
        {
            throw new ArgumentException("Evidence must be stored and hashed before it is attached.", nameof(file));
        }

        return new EvidenceAttachment
        {
            Step = step,
            JurisdictionId = step.JurisdictionId,
            StorageKey = file.StorageKey,
            FileName = file.FileName.Length > FileNameMaxLength ? file.FileName[..FileNameMaxLength] : file.FileName,
            FileType = file.FileType,
            SizeBytes = file.SizeBytes,
            Sha256 = file.Sha256,
        };
    }
}

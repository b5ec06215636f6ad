using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Jurisdictions;

namespace AnjuPortal.Domain.Supervision;

/// <summary>Kind of official notice 通报/通知 the supervisors send down the tree. Labels: DomainText <c>NoticeKind_*</c>.</summary>
public enum NoticeKind
{
    /// <summary>月通报: the monthly circulated notice drafted from the frozen month.</summary>
    MonthlyCirculation = 0,
    /// <summary>通报表扬</summary>
    Commendation = 1,
    /// <summary>通报批评</summary>
    Criticism = 2,
    /// <summary>约谈通知</summary>
    SummonsNotice = 3,
    /// <summary>督办函</summary>
    SupervisionLetter = 4,
}

/// <summary>Where a notice stands: 草稿 → 已审批 (签批) → 已印发 (numbered). Labels: DomainText <c>NoticeStatus_*</c>.</summary>
public enum NoticeStatus
{
    Draft = 0,
    Approved = 1,
    Issued = 2,
}

/// <summary>
/// An official notice 公文 in the GB/T 9704-2012 sense: kind, title 标题, main recipients 主送机关, body 正文 (plain
/// paragraphs; lines beginning 一、 are first-level headings, （一） second-level), issuing office 发文机关, date 成文日期
/// and copy-to list 抄送. A supervisor drafts and edits it; a province administrator approves it (签批); it is issued
/// with the next number of the register (<see cref="DocumentNumber"/>), after which it never changes. Editing an
/// approved notice voids the approval. Owned by the issuing jurisdiction (the province).
/// </summary>
public sealed partial class OfficialNotice : AggregateRoot, ITenantOwned
{
    public const int TitleMaxLength = 200;
    public const int RecipientsMaxLength = 500;
    public const int BodyMaxLength = 30000;
    public const int OfficeMaxLength = 100;
    public const int CopyToMaxLength = 500;
    public const int ActorMaxLength = 256;

    private OfficialNotice() { }

    public int JurisdictionId { get; private set; }

    public Jurisdiction? Jurisdiction { get; private set; }

    public NoticeKind Kind { get; private set; }

    /// <summary>标题, e.g. 关于2026年10月全省棚户区改造和解决棚改逾期未安置问题工作进展情况的通报.</summary>
    public string Title { get; private set; } = string.Empty;

    /// <summary>主送机关, e.g. 各市（州）人民政府，长白山管委会，各县（市）人民政府.</summary>
    public string MainRecipients { get; private set; } = string.Empty;

    /// <summary>正文 as plain text, one paragraph a line (see <see cref="NoticeBody"/>).</summary>
    public string Body { get; private set; } = string.Empty;

    /// <summary>发文机关署名, e.g. 吉林省保障性安居工程领导小组办公室 (its prefix comes from configuration at issue).</summary>
    public string IssuingOffice { get; private set; } = string.Empty;

    /// <summary>抄送机关, separated by 、 or ， or new lines; empty when there are none.</summary>
    public string CopyTo { get; private set; } = string.Empty;

    /// <summary>成文日期: set in the draft, or the day of issue (China time) when left empty.</summary>
    public DateOnly? DocumentDate { get; private set; }

    public NoticeStatus Status { get; private set; }

    public DateTimeOffset? ApprovedAt { get; private set; }

    public string? ApprovedBy { get; private set; }

    public DateTimeOffset? IssuedAt { get; private set; }

    public string? IssuedBy { get; private set; }

    /// <summary>发文机关代字 of the number, set at issue.</summary>
    public string? NumberPrefix { get; private set; }

    public int? NumberYear { get; private set; }

    public int? NumberSerial { get; private set; }

    /// <summary>发文字号, once issued.</summary>
    public DocumentNumber? Number => NumberPrefix is { } prefix && NumberYear is { } year && NumberSerial is { } serial ? new DocumentNumber(prefix, year, serial) : null;

    public bool IsIssued => Status == NoticeStatus.Issued;

    /// <summary>The copy-to list as single units.</summary>
    public IReadOnlyList<string> CopyToList => SplitList(CopyTo);

    public static OfficialNotice Draft(int jurisdictionId, NoticeKind kind, NoticeContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var notice = new OfficialNotice { JurisdictionId = jurisdictionId, Status = NoticeStatus.Draft };
        notice.Apply(kind, content);
        return notice;
    }

    /// <summary>Edits a draft or an approved notice (which goes back to draft: the approval was for the old text). Never after issue.</summary>
    public void Edit(NoticeKind kind, NoticeContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (IsIssued)
        {
            throw new DomainException(DomainText.NoticeIssuedNoEdit);
        }

        Apply(kind, content);
        if (Status == NoticeStatus.Approved)
        {
            Status = NoticeStatus.Draft;
            ApprovedAt = null;
            ApprovedBy = null;
        }
    }

    /// <summary>签批: a draft is approved for issue.</summary>
    public void Approve(DateTimeOffset at, string by)
    {
        if (Status != NoticeStatus.Draft)
        {
            throw new DomainException(IsIssued ? DomainText.NoticeIssuedNoEdit : DomainText.NoticeAlreadyApproved);
        }

        Status = NoticeStatus.Approved;
        ApprovedAt = at;
        ApprovedBy = Actor(by);
    }

    /// <summary>印发 with the number the register gave: only an approved notice; the date defaults to the day of issue.</summary>
    public void Issue(DocumentNumber number, DateTimeOffset at, string by)
    {
        ArgumentNullException.ThrowIfNull(number);
        if (Status != NoticeStatus.Approved)
        {
            throw new DomainException(IsIssued ? DomainText.NoticeAlreadyIssued : DomainText.NoticeIssueNeedsApproval);
        }

        Status = NoticeStatus.Issued;
        IssuedAt = at;
        IssuedBy = Actor(by);
        NumberPrefix = number.Prefix;
        NumberYear = number.Year;
        NumberSerial = number.Serial;
        DocumentDate ??= ChinaTime.DateOf(at);
    }

    private void Apply(NoticeKind kind, NoticeContent content)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new DomainException(DomainText.Format(DomainText.Required, DomainText.Named("Label_NoticeKind")), nameof(Kind));
        }

        Kind = kind;
        Title = Guard.Required(content.Title, nameof(Title), DomainText.Named("Label_NoticeTitle"), TitleMaxLength);
        MainRecipients = Guard.Required(content.MainRecipients, nameof(MainRecipients), DomainText.Named("Label_MainRecipients"), RecipientsMaxLength);
        Body = Guard.Required(NoticeBody.Normalize(content.Body), nameof(Body), DomainText.Named("Label_NoticeBody"), BodyMaxLength);
        IssuingOffice = Guard.Required(content.IssuingOffice, nameof(IssuingOffice), DomainText.Named("Label_IssuingOffice"), OfficeMaxLength);
        var copyTo = string.Join("，", SplitList(content.CopyTo));
        CopyTo = copyTo.Length <= CopyToMaxLength
            ? copyTo
            : throw new DomainException(DomainText.Format(DomainText.TooLong, DomainText.Named("Label_CopyTo"), CopyToMaxLength), nameof(CopyTo));
        DocumentDate = content.DocumentDate;
    }

    private static string Actor(string by) => string.IsNullOrWhiteSpace(by) ? "system" : by.Trim()[..Math.Min(by.Trim().Length, ActorMaxLength)];

    private static List<string> SplitList(string? text)
        => (text ?? string.Empty).Split(['、', '，', ',', '\n', '\r', '；', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(s => s.Length > 0).ToList();
}

/// <summary>The editable part of a notice, as a form or the drafting job hands it over.</summary>
public sealed record NoticeContent(string? Title, string? MainRecipients, string? Body, string? IssuingOffice, string? CopyTo = null, DateOnly? DocumentDate = null);

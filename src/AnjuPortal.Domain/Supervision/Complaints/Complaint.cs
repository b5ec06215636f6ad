using System.Globalization;
using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Jurisdictions;
using AnjuPortal.Domain.PersonalData;

namespace AnjuPortal.Domain.Supervision.Complaints;

/// <summary>
/// A complaint 举报投诉 from a member of the public, taken on the public page: which city or county it concerns (the
/// responsible jurisdiction, which owns it, so that unit and the units above it see it), a category, the text as plain
/// text, and a contact (phone or e-mail) stored encrypted and shown masked; the name is optional and encrypted too.
/// Staff of the unit handle it (处理中), may link it to a ledger case or household of their subtree, answer it
/// (已答复), and may raise a supervision item 督办 from it. Every step is kept in <see cref="Steps"/>.
/// </summary>
public sealed class Complaint : AggregateRoot, ITenantOwned
{
    public const int TextMaxLength = 2000;
    public const int NameMaxLength = 50;
    public const int AnswerMaxLength = 2000;
    public const int CipherMaxLength = 1024;
    public const int MaskedMaxLength = 110;
    public const int ReceiptMaxLength = 20;

    private readonly List<ComplaintStep> _steps = [];

    private Complaint() { }

    public int JurisdictionId { get; private set; }
    public Jurisdiction? Jurisdiction { get; private set; }

    /// <summary>受理编号, e.g. TS-2026-000123: given once the complaint has its id; the complainant keeps it to look up the answer.</summary>
    public string? ReceiptNumber { get; private set; }

    public ComplaintCategory Category { get; private set; }

    /// <summary>The complaint as typed (control characters removed), plain text: never rendered as markup.</summary>
    public string Text { get; private set; } = string.Empty;

    /// <summary>匿名: the complainant asked that their name not be passed on (the contact is still kept for the answer).</summary>
    public bool Anonymous { get; private set; }

    /// <summary>The complainant's name, encrypted; null when none was given or when anonymous.</summary>
    public string? NameCipher { get; private set; }

    /// <summary>Phone or e-mail, encrypted (Data Protection, like households' phones).</summary>
    public string ContactCipher { get; private set; } = string.Empty;

    public string ContactMasked { get; private set; } = string.Empty;

    public DateTimeOffset ReceivedAt { get; private set; }

    public ComplaintStatus Status { get; private set; }

    /// <summary>The reply 答复 to the complainant.</summary>
    public string? Answer { get; private set; }
    public DateTimeOffset? AnsweredAt { get; private set; }
    public string? AnsweredBy { get; private set; }

    /// <summary>The ledger case it concerns (no foreign key: linking checks the case is in the handler's subtree).</summary>
    public int? CaseId { get; private set; }

    /// <summary>A household of <see cref="CaseId"/> it concerns.</summary>
    public int? HouseholdId { get; private set; }

    /// <summary>
    /// The supervision item 督办事项 raised from this complaint (source 群众举报投诉). No foreign key: supervision items are
    /// another feature's aggregate; the id is recorded by <see cref="RecordSupervisionItem"/>.
    /// </summary>
    public int? SupervisionItemId { get; private set; }

    public IReadOnlyCollection<ComplaintStep> Steps => _steps;

    /// <summary>Answers are due within this many days of receipt; later ones are shown as overdue 逾期未答复.</summary>
    public const int AnswerDueDays = 15;

    public DateTimeOffset AnswerDueAt => ReceivedAt.AddDays(AnswerDueDays);

    public bool IsAnswerOverdue(DateTimeOffset now) => Status != ComplaintStatus.Answered && now > AnswerDueAt;

    /// <summary>收到: a complaint from the public form. Text is cleaned of control characters and checked for length.</summary>
    public static Complaint Receive(int jurisdictionId, ComplaintCategory category, string? text, string? name, ComplaintContact contact, bool anonymous, DateTimeOffset at, IPersonalDataCipher cipher)
    {
        ArgumentNullException.ThrowIfNull(cipher);
        if (!Enum.IsDefined(category))
        {
            throw new DomainException(DomainText.Format(DomainText.Required, "举报投诉类别"), nameof(Category));
        }

        if (contact.Value is null)
        {
            throw new DomainException(DomainText.ComplaintContactRequired, "Contact");
        }

        var cleanText = ComplaintText.Clean(text);
        var cleanName = ComplaintText.Clean(name);
        if (cleanName.Length > NameMaxLength)
        {
            throw new DomainException(DomainText.Format(DomainText.TooLong, "姓名", NameMaxLength), "Name");
        }

        var complaint = new Complaint
        {
            JurisdictionId = jurisdictionId,
            Category = category,
            Text = Guard.Required(cleanText, nameof(Text), "举报投诉内容", TextMaxLength),
            Anonymous = anonymous,
            NameCipher = anonymous || cleanName.Length == 0 ? null : cipher.Protect(cleanName),
            ContactCipher = cipher.Protect(contact.Value),
            ContactMasked = contact.Masked,
            ReceivedAt = at,
            Status = ComplaintStatus.Pending,
        };
        complaint._steps.Add(ComplaintStep.Record(complaint, ComplaintStepKind.Received, at, "公众", null));
        return complaint;
    }

    /// <summary>Gives the receipt number from the id and the year of receipt (China time); once.</summary>
    public void AssignReceiptNumber()
    {
        if (ReceiptNumber is not null)
        {
            return;
        }

        if (Id <= 0)
        {
            throw new InvalidOperationException("The receipt number is derived from the saved id.");
        }

        ReceiptNumber = FormatReceipt(ChinaTime.DateOf(ReceivedAt).Year, Id);
    }

    public static string FormatReceipt(int year, int id) => string.Create(CultureInfo.InvariantCulture, $"TS-{year}-{id:D6}");

    /// <summary>开始处理: a pending complaint is taken up (or an answered one reopened for more work).</summary>
    public void StartHandling(DateTimeOffset at, string actor, string? note)
    {
        if (Status == ComplaintStatus.InProgress)
        {
            throw new DomainException(DomainText.ComplaintAlreadyInProgress);
        }

        var reopening = Status == ComplaintStatus.Answered;
        Status = ComplaintStatus.InProgress;
        _steps.Add(ComplaintStep.Record(this, reopening ? ComplaintStepKind.Reopened : ComplaintStepKind.Started, at, actor, Optional(note)));
    }

    /// <summary>关联台账: the ledger case (and optionally one of its households) the complaint concerns; the caller checks both are in the handler's subtree.</summary>
    public void LinkToCase(int caseId, int? householdId, DateTimeOffset at, string actor, string summary)
    {
        CaseId = caseId;
        HouseholdId = householdId;
        _steps.Add(ComplaintStep.Record(this, ComplaintStepKind.Linked, at, actor, summary));
    }

    /// <summary>答复: the reply, which the complainant can read with the receipt number. Answering again replaces the reply (both stay in the history).</summary>
    public void AnswerWith(string? answer, DateTimeOffset at, string actor)
    {
        var text = Guard.Required(ComplaintText.Clean(answer), nameof(Answer), "答复内容", AnswerMaxLength);
        Answer = text;
        AnsweredAt = at;
        AnsweredBy = actor;
        Status = ComplaintStatus.Answered;
        _steps.Add(ComplaintStep.Record(this, ComplaintStepKind.Answered, at, actor, text));
    }

    /// <summary>
    /// 转督办: records that a supervision item was raised from this complaint. SEAM for the supervision items feature: its
    /// OpenAsync creates the item (source 群众举报投诉, source reference = <see cref="ReceiptNumber"/>) and this records its id.
    /// </summary>
    public void RecordSupervisionItem(int supervisionItemId, DateTimeOffset at, string actor)
    {
        if (SupervisionItemId is not null)
        {
            throw new DomainException(DomainText.ComplaintSupervisionAlreadyRaised);
        }

        SupervisionItemId = supervisionItemId;
        _steps.Add(ComplaintStep.Record(this, ComplaintStepKind.SupervisionRaised, at, actor, null));
    }

    private static string? Optional(string? note)
    {
        var text = ComplaintText.Clean(note);
        return text.Length == 0 ? null : text.Length > ComplaintStep.NoteMaxLength ? text[..ComplaintStep.NoteMaxLength] : text;
    }
}

/// <summary>One step of a complaint's history: what, when, by whom, with a note (the answer, the link made).</summary>
public sealed class ComplaintStep : Entity, ITenantOwned
{
    public const int NoteMaxLength = 2000;
    public const int ActorMaxLength = 256;

    private ComplaintStep() { }

    public int ComplaintId { get; private set; }
    public Complaint? Complaint { get; private set; }
    public int JurisdictionId { get; private set; }
    public Jurisdiction? Jurisdiction { get; private set; }
    public ComplaintStepKind Kind { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string ActorName { get; private set; } = string.Empty;
    public string? Note { get; private set; }

    internal static ComplaintStep Record(Complaint complaint, ComplaintStepKind kind, DateTimeOffset at, string actor, string? note)
        => new() { Complaint = complaint, JurisdictionId = complaint.JurisdictionId, Kind = kind, At = at, ActorName = actor, Note = note };
}

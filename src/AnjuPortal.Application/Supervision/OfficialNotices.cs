using AnjuPortal.Application.Common;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Supervision;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AnjuPortal.Application.Supervision;

/// <summary>What a draft form sends: the kind and the editable text.</summary>
public sealed record NoticeDraftInput(NoticeKind Kind, string? Title, string? MainRecipients, string? Body, string? IssuingOffice, string? CopyTo = null, DateOnly? DocumentDate = null);

/// <summary>A notice as lists and forms show it.</summary>
public sealed record NoticeView(
    int Id, int Version, NoticeKind Kind, NoticeStatus Status, string Title, string MainRecipients, string Body, string IssuingOffice,
    string CopyTo, DateOnly? DocumentDate, string? Number, DateTimeOffset? ApprovedAt, string? ApprovedBy, DateTimeOffset? IssuedAt, string? IssuedBy,
    string JurisdictionName);

/// <summary>
/// Official notices 公文: a supervisor drafts and edits (Issue), a province administrator approves 签批 (ApproveNotice),
/// and the approved notice is issued 印发 (Issue) with the next number of its office's register. Numbers are taken
/// inside the issuing transaction, so they run without gap or duplicate whoever issues at the same moment (see
/// <see cref="IssueAsync"/>). Every change is audited by the save. docs/official-documents.md.
/// </summary>
public sealed class OfficialNotices(IAppDbContextFactory contexts, ICurrentUser user, TimeProvider clock, IOptions<OfficialDocumentOptions> options, IOfficialDocumentRenderer? renderer = null)
{
    public const string NotFound = "未找到该公文，或您无权查看。";
    public const string Stale = "该公文已被他人修改，请刷新后再操作。";
    public const string NoUnit = "您的账号未关联单位，不能起草公文。";
    public const string UnknownOffice = "发文机关「{0}」未登记发文机关代字，请联系系统管理员在配置 OfficialDocuments:Offices 中登记。";
    public const string NoRenderer = "公文排版服务未配置。";

    private OfficialDocumentOptions Options => options.Value;

    /// <summary>The issuing offices a draft may name (the first is the default).</summary>
    public IReadOnlyList<IssuingOfficeOptions> Offices => Options.EffectiveOffices;

    public async Task<IReadOnlyList<NoticeView>> ListAsync(CancellationToken ct = default)
    {
        user.Demand(Permission.View);
        await using var db = await contexts.CreateAsync(ct);
        var rows = await db.OfficialNotices.AsNoTracking().Include(n => n.Jurisdiction)
            .OrderByDescending(n => n.Id).Take(500).ToListAsync(ct);
        return rows.Select(ToView).ToList();
    }

    public async Task<NoticeView?> GetAsync(int id, CancellationToken ct = default)
    {
        user.Demand(Permission.View);
        await using var db = await contexts.CreateAsync(ct);
        var notice = await db.OfficialNotices.AsNoTracking().Include(n => n.Jurisdiction).SingleOrDefaultAsync(n => n.Id == id, ct);
        return notice is null ? null : ToView(notice);
    }

    /// <summary>起草: a new draft owned by the user's unit (the province, for supervisors). Returns its id.</summary>
    public async Task<CommandResult<int>> CreateDraftAsync(NoticeDraftInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        user.Demand(Permission.Issue);
        if (user.JurisdictionId is not { } unit)
        {
            return CommandResult<int>.Failure(string.Empty, NoUnit);
        }

        if (OfficeError(input.IssuingOffice) is { } officeError)
        {
            return officeError;
        }

        await using var db = await contexts.CreateAsync(ct);
        OfficialNotice notice;
        try
        {
            notice = OfficialNotice.Draft(unit, input.Kind, Content(input));
        }
        catch (DomainException ex)
        {
            return CommandResult<int>.Failure(ex.Field ?? string.Empty, ex.Message);
        }

        db.OfficialNotices.Add(notice);
        await db.SaveChangesAsync(ct);
        return CommandResult<int>.Success(notice.Id);
    }

    /// <summary>Edits a draft (an approved one goes back to draft). Refused once issued, or when someone else saved first.</summary>
    public async Task<CommandResult<int>> EditAsync(int id, int version, NoticeDraftInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        user.Demand(Permission.Issue);
        if (OfficeError(input.IssuingOffice) is { } officeError)
        {
            return officeError;
        }

        return await ChangeAsync(id, version, n => n.Edit(input.Kind, Content(input)), ct);
    }

    /// <summary>签批: a province administrator approves a draft for issue.</summary>
    public async Task<CommandResult<int>> ApproveAsync(int id, int version, CancellationToken ct = default)
    {
        user.Demand(Permission.ApproveNotice);
        return await ChangeAsync(id, version, n => n.Approve(clock.GetUtcNow(), user.ActorName()), ct);
    }

    /// <summary>
    /// 印发: gives an approved notice the next number of its office's register for the year of issue (China time) and
    /// saves it, in one transaction: the counter row is incremented first (an UPDATE, which holds the row lock on
    /// PostgreSQL and SQL Server, and SQLite's write lock, until the commit), then the notice is saved. A second issuer
    /// waits at the UPDATE and gets the next number; if anything fails after the number was taken, the rollback gives
    /// it back. The unique index on the issued numbers refuses a duplicate if all else failed. Returns the number.
    /// </summary>
    public async Task<CommandResult<string>> IssueAsync(int id, int version, CancellationToken ct = default)
    {
        user.Demand(Permission.Issue);
        var now = clock.GetUtcNow();
        var year = ChinaTime.DateOf(now).Year;
        string prefix;
        await using (var peek = await contexts.CreateAsync(ct))
        {
            var current = await peek.OfficialNotices.AsNoTracking().SingleOrDefaultAsync(n => n.Id == id, ct);
            if (current is null)
            {
                return CommandResult<string>.Failure(string.Empty, NotFound);
            }

            if (current.Version != version)
            {
                return CommandResult<string>.Failure(string.Empty, Stale);
            }

            if (current.Status != NoticeStatus.Approved)
            {
                return CommandResult<string>.Failure(string.Empty, current.IsIssued ? DomainText.NoticeAlreadyIssued : DomainText.NoticeIssueNeedsApproval);
            }

            if (Options.Office(current.IssuingOffice) is not { } office)
            {
                return CommandResult<string>.Failure(nameof(OfficialNotice.IssuingOffice), DomainText.Format(UnknownOffice, current.IssuingOffice));
            }

            prefix = DocumentNumber.ValidPrefix(office.Prefix);
        }

        await EnsureSerialRowAsync(prefix, year, ct);

        await using var db = await contexts.CreateAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Take the number first: the UPDATE is the transaction's first statement, so it queues behind any other issuer
        // of this prefix and year (and, on SQLite, no read lock is held that would have to be upgraded).
        var counter = db.DocumentSerials.Where(s => s.Prefix == prefix && s.Year == year);
        await counter.ExecuteUpdateAsync(s => s.SetProperty(c => c.Last, c => c.Last + 1), ct);
        var serial = await counter.AsNoTracking().Select(c => c.Last).SingleAsync(ct);

        var notice = await db.OfficialNotices.SingleOrDefaultAsync(n => n.Id == id, ct);
        if (notice is null)
        {
            return CommandResult<string>.Failure(string.Empty, NotFound);
        }

        if (notice.Version != version)
        {
            return CommandResult<string>.Failure(string.Empty, Stale); // the rollback gives the number back
        }

        var number = new DocumentNumber(prefix, year, serial);
        try
        {
            notice.Issue(number, now, user.ActorName());
            await NoticeReceipts.AddAtIssueAsync(db, notice, now, ct); // 签收: one receipt per recipient unit, in this transaction
            await db.SaveChangesAsync(ct);
        }
        catch (DomainException ex)
        {
            return CommandResult<string>.Failure(ex.Field ?? string.Empty, ex.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            return CommandResult<string>.Failure(string.Empty, Stale);
        }

        await transaction.CommitAsync(ct);
        return CommandResult<string>.Success(number.ToString());
    }

    /// <summary>The notice as a .docx or PDF in the GB/T 9704-2012 layout (a draft prints without a number).</summary>
    public async Task<RenderedFile?> DocumentAsync(int id, NoticeFileFormat format, CancellationToken ct = default)
    {
        user.Demand(Permission.View);
        var r = renderer ?? throw new InvalidOperationException(NoRenderer);
        await using var db = await contexts.CreateAsync(ct);
        var notice = await db.OfficialNotices.AsNoTracking().SingleOrDefaultAsync(n => n.Id == id, ct);
        if (notice is null)
        {
            return null;
        }

        var document = DocumentOf(notice, Options, ChinaTime.DateOf(clock.GetUtcNow()));
        var name = (notice.Number?.ToString() ?? $"公文草稿-{notice.Id}") + (format == NoticeFileFormat.Pdf ? ".pdf" : ".docx");
        return format == NoticeFileFormat.Pdf
            ? new RenderedFile(name, "application/pdf", await r.RenderPdfAsync(document, ct))
            : new RenderedFile(name, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", r.RenderDocx(document));
    }

    /// <summary>What the layout prints for <paramref name="notice"/>; a draft is dated <paramref name="today"/>.</summary>
    public static OfficialDocument DocumentOf(OfficialNotice notice, OfficialDocumentOptions options, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(options);
        var office = options.Office(notice.IssuingOffice);
        var date = notice.DocumentDate ?? today;
        var printed = notice.IssuedAt is { } issued ? ChinaTime.DateOf(issued) : today;
        return new OfficialDocument(
            Header: office is { Header.Length: > 0 } ? office.Header : notice.IssuingOffice + "文件",
            Number: notice.Number?.ToString(),
            Title: notice.Title,
            MainRecipients: notice.MainRecipients,
            Body: NoticeBody.Lines(notice.Body),
            IssuingOffice: notice.IssuingOffice,
            DocumentDate: date,
            CopyTo: notice.CopyToList,
            PrintingOffice: office is { PrintingOffice.Length: > 0 } ? office.PrintingOffice : notice.IssuingOffice,
            PrintDate: printed);
    }

    /// <summary>
    /// The counter row of (prefix, year) exists before the issuing transaction starts: inserting it inside would let two
    /// first issuers of a year collide on the unique index. Two creators here at once: one insert wins, the other's
    /// unique-index error is expected and ignored.
    /// </summary>
    private async Task EnsureSerialRowAsync(string prefix, int year, CancellationToken ct)
    {
        await using var db = await contexts.CreateAsync(ct);
        if (await db.DocumentSerials.AnyAsync(s => s.Prefix == prefix && s.Year == year, ct))
        {
            return;
        }

        db.DocumentSerials.Add(DocumentSerial.Start(prefix, year));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            await using var check = await contexts.CreateAsync(ct);
            if (!await check.DocumentSerials.AnyAsync(s => s.Prefix == prefix && s.Year == year, ct))
            {
                throw;
            }
        }
    }

    private async Task<CommandResult<int>> ChangeAsync(int id, int version, Action<OfficialNotice> change, CancellationToken ct)
    {
        await using var db = await contexts.CreateAsync(ct);
        var notice = await db.OfficialNotices.SingleOrDefaultAsync(n => n.Id == id, ct);
        if (notice is null)
        {
            return CommandResult<int>.Failure(string.Empty, NotFound);
        }

        if (notice.Version != version)
        {
            return CommandResult<int>.Failure(string.Empty, Stale);
        }

        try
        {
            change(notice);
        }
        catch (DomainException ex)
        {
            return CommandResult<int>.Failure(ex.Field ?? string.Empty, ex.Message);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return CommandResult<int>.Failure(string.Empty, Stale);
        }

        return CommandResult<int>.Success(notice.Id);
    }

    private CommandResult<int>? OfficeError(string? office)
        => Options.Office(office) is null && !string.IsNullOrWhiteSpace(office)
            ? CommandResult<int>.Failure(nameof(OfficialNotice.IssuingOffice), DomainText.Format(UnknownOffice, office))
            : null;

    private static NoticeContent Content(NoticeDraftInput input)
        => new(input.Title, input.MainRecipients, input.Body, input.IssuingOffice, input.CopyTo, input.DocumentDate);

    /// <summary>A notice as lists and forms show it.</summary>
    public static NoticeView View(OfficialNotice notice) => ToView(notice);

    private static NoticeView ToView(OfficialNotice n)
        => new(n.Id, n.Version, n.Kind, n.Status, n.Title, n.MainRecipients, n.Body, n.IssuingOffice, n.CopyTo, n.DocumentDate, n.Number?.ToString(),
            n.ApprovedAt, n.ApprovedBy, n.IssuedAt, n.IssuedBy, n.Jurisdiction?.Name ?? string.Empty);
}

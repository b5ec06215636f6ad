using System.Globalization;
using AnjuPortal.Application.Auditing;
using AnjuPortal.Application.Common;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Auditing;
using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.PersonalData;
using AnjuPortal.Domain.Supervision.Complaints;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Application.Supervision.Complaints;

/// <summary>Filters of the staff list.</summary>
public sealed record ComplaintFilter(ComplaintStatus? Status = null, ComplaintCategory? Category = null, int? JurisdictionId = null, bool OverdueOnly = false);

/// <summary>A line of the staff list. The contact is masked.</summary>
public sealed record ComplaintListItem(int Id, string? ReceiptNumber, string UnitName, ComplaintCategory Category, ComplaintStatus Status, DateTimeOffset ReceivedAt, DateTimeOffset AnswerDueAt, bool AnswerOverdue, string Excerpt, bool Linked, bool SupervisionRaised);

/// <summary>A step of the history as the page shows it.</summary>
public sealed record ComplaintStepView(ComplaintStepKind Kind, DateTimeOffset At, string ActorName, string? Note);

/// <summary>The complaint page: everything but the contact in full (masked; <see cref="Complaints.RevealContactAsync"/> shows it).</summary>
public sealed record ComplaintDetail(
    int Id, int Version, string? ReceiptNumber, int JurisdictionId, string UnitName, ComplaintCategory Category, ComplaintStatus Status, string Text,
    bool Anonymous, bool HasName, string ContactMasked, DateTimeOffset ReceivedAt, DateTimeOffset AnswerDueAt, bool AnswerOverdue,
    string? Answer, DateTimeOffset? AnsweredAt, string? AnsweredBy, int? CaseId, string? CaseTitle, int? HouseholdId, string? HouseholdName,
    int? SupervisionItemId, IReadOnlyList<ComplaintStepView> Steps);

/// <summary>A ledger case offered for linking (own subtree only).</summary>
public sealed record LinkableCase(int Id, string Title, string UnitName);

/// <summary>A household of a case offered for linking.</summary>
public sealed record LinkableHousehold(int Id, string HeadName, bool Resolved);

/// <summary>The complainant's name and contact in full, shown once to a user allowed to see them.</summary>
public sealed record DisclosedComplainant(string? Name, string Contact);

/// <summary>
/// 举报投诉办理: the staff side. Complaints are owned by the unit the complainant chose, so the tenancy filter shows a
/// city its own and its counties' complaints and the province all of them. View lists and reads; Edit takes a complaint
/// up, links it to a ledger case or household of the handler's subtree and within the complaint's own unit, and answers
/// it; Unmask shows the contact in full (recorded in the audit trail first, like a household's ID number); Issue raises a
/// supervision item 转督办 from it (<see cref="RaiseSupervisionItemAsync"/>). Every change is audited by the save; the contact never leaves masked except through the disclosure.
/// </summary>
public sealed class Complaints(IAppDbContextFactory contexts, ICurrentUser user, TimeProvider clock, IPersonalDataCipher cipher, IAuditLog audit)
{
    public const string NotFound = "未找到该举报投诉，或不在您的管辖范围内。";
    public const string Stale = "该举报投诉已被他人处理，请刷新后再操作。";
    public const string CaseNotFound = "未找到该台账案件，或不在您的管辖范围内。";
    public const string CaseOutsideUnit = "只能关联本举报投诉所涉单位（{0}）辖区内的台账案件。";
    public const string HouseholdNotInCase = "该户不属于所选台账案件。";
    public const string ReasonRequired = "请填写查看完整联系方式的事由（至少 4 个字），事由将记入审计日志。";

    public async Task<PagedResult<ComplaintListItem>> ListAsync(ComplaintFilter filter, PageRequest page, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(page);
        user.Demand(Permission.View);
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateAsync(ct);
        var query = db.Complaints.AsNoTracking();
        if (filter.Status is { } status)
        {
            query = query.Where(c => c.Status == status);
        }

        if (filter.Category is { } category)
        {
            query = query.Where(c => c.Category == category);
        }

        if (filter.JurisdictionId is { } unit)
        {
            var path = await db.Jurisdictions.AsNoTracking().Where(j => j.Id == unit).Select(j => j.Path).FirstOrDefaultAsync(ct) ?? "#";
            query = query.Where(c => c.Jurisdiction!.Path.StartsWith(path));
        }

        if (filter.OverdueOnly)
        {
            // SQLite cannot compare DateTimeOffset in SQL: the unanswered ones (a short list) are compared here.
            var dueBefore = now.AddDays(-Complaint.AnswerDueDays);
            var open = await query.Where(c => c.Status != ComplaintStatus.Answered).Select(c => new { c.Id, c.ReceivedAt }).ToListAsync(ct);
            var overdue = open.Where(c => c.ReceivedAt < dueBefore).Select(c => c.Id).ToList();
            query = query.Where(c => overdue.Contains(c.Id));
        }

        // Unanswered first, then in the order received (ids grow with time; SQLite cannot order by DateTimeOffset).
        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(c => c.Status == ComplaintStatus.Answered).ThenBy(c => c.Id)
            .Skip(page.Skip).Take(page.SafePageSize)
            .Select(c => new { c.Id, c.ReceiptNumber, UnitName = c.Jurisdiction!.Name, c.Category, c.Status, c.ReceivedAt, c.Text, c.CaseId, c.SupervisionItemId })
            .ToListAsync(ct);
        var items = rows.Select(c =>
        {
            var due = c.ReceivedAt.AddDays(Complaint.AnswerDueDays);
            return new ComplaintListItem(c.Id, c.ReceiptNumber, c.UnitName, c.Category, c.Status, c.ReceivedAt, due,
                c.Status != ComplaintStatus.Answered && now > due, Excerpt(c.Text), c.CaseId is not null, c.SupervisionItemId is not null);
        }).ToList();
        return new PagedResult<ComplaintListItem>(items, total);
    }

    public async Task<ComplaintDetail?> GetAsync(int id, CancellationToken ct = default)
    {
        user.Demand(Permission.View);
        await using var db = await contexts.CreateAsync(ct);
        var c = await db.Complaints.AsNoTracking().Include(x => x.Jurisdiction).Include(x => x.Steps).SingleOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
        {
            return null;
        }

        string? caseTitle = null;
        string? householdName = null;
        if (c.CaseId is { } caseId)
        {
            caseTitle = await db.OverdueCases.AsNoTracking().Where(x => x.Id == caseId)
                .Select(x => x.Project!.Code + " " + x.Project.Name).FirstOrDefaultAsync(ct);
        }

        if (c.HouseholdId is { } householdId)
        {
            householdName = await db.OverdueHouseholds.AsNoTracking().Where(h => h.Id == householdId).Select(h => h.HeadName).FirstOrDefaultAsync(ct);
        }

        var now = clock.GetUtcNow();
        return new ComplaintDetail(
            c.Id, c.Version, c.ReceiptNumber, c.JurisdictionId, c.Jurisdiction!.Name, c.Category, c.Status, c.Text, c.Anonymous, c.NameCipher is not null,
            c.ContactMasked, c.ReceivedAt, c.AnswerDueAt, c.IsAnswerOverdue(now), c.Answer, c.AnsweredAt, c.AnsweredBy,
            c.CaseId, caseTitle, c.HouseholdId, householdName, c.SupervisionItemId,
            c.Steps.OrderBy(s => s.At).ThenBy(s => s.Id).Select(s => new ComplaintStepView(s.Kind, s.At, s.ActorName, s.Note)).ToList());
    }

    /// <summary>开始处理 (or 重新处理 an answered one).</summary>
    public Task<CommandResult<int>> StartAsync(int id, int version, string? note = null, CancellationToken ct = default)
    {
        user.Demand(Permission.Edit);
        return ChangeAsync(id, version, (c, _) => { c.StartHandling(clock.GetUtcNow(), user.ActorName(), note); return Task.FromResult<string?>(null); }, ct);
    }

    /// <summary>答复: the reply the complainant reads with the receipt number.</summary>
    public Task<CommandResult<int>> AnswerAsync(int id, int version, string? answer, CancellationToken ct = default)
    {
        user.Demand(Permission.Edit);
        return ChangeAsync(id, version, (c, _) => { c.AnswerWith(answer, clock.GetUtcNow(), user.ActorName()); return Task.FromResult<string?>(null); }, ct);
    }

    /// <summary>
    /// 关联台账: a ledger case the user can see (tenancy) that lies within the complaint's own unit, and optionally one of
    /// its households. A case of another subtree is refused with the same message as one that does not exist.
    /// </summary>
    public Task<CommandResult<int>> LinkAsync(int id, int version, int caseId, int? householdId, CancellationToken ct = default)
    {
        user.Demand(Permission.Edit);
        return ChangeAsync(id, version, async (complaint, db) =>
        {
            var found = await db.OverdueCases.AsNoTracking().Where(x => x.Id == caseId)
                .Select(x => new { x.Id, x.Jurisdiction!.Path, Title = x.Project!.Code + " " + x.Project.Name }).FirstOrDefaultAsync(ct);
            if (found is null)
            {
                return CaseNotFound;
            }

            var unit = await db.Jurisdictions.AsNoTracking().Where(j => j.Id == complaint.JurisdictionId).Select(j => new { j.Path, j.Name }).SingleAsync(ct);
            if (!found.Path.StartsWith(unit.Path, StringComparison.Ordinal))
            {
                return DomainText.Format(CaseOutsideUnit, unit.Name);
            }

            var summary = $"案件 {found.Id}（{found.Title}）";
            if (householdId is { } hid)
            {
                var household = await db.OverdueHouseholds.AsNoTracking().Where(h => h.Id == hid && h.CaseId == found.Id).Select(h => new { h.Id }).FirstOrDefaultAsync(ct);
                if (household is null)
                {
                    return HouseholdNotInCase;
                }

                summary += $"，户 {household.Id}";
            }

            complaint.LinkToCase(found.Id, householdId, clock.GetUtcNow(), user.ActorName(), summary);
            return null;
        }, ct);
    }

    /// <summary>
    /// 转督办: opens a supervision item for the complaint's unit (source 群众举报投诉, reference = the receipt number) and
    /// records it on the complaint, both in one transaction: an item never exists without its complaint knowing, and a
    /// complaint is escalated once. Returns the new item's id.
    /// </summary>
    public async Task<CommandResult<int>> RaiseSupervisionItemAsync(int id, int version, Domain.Supervision.SupervisionLevel level, DateOnly deadline, string? requirements, CancellationToken ct = default)
    {
        user.Demand(Permission.Issue);
        if (user.JurisdictionId is not { } issuerUnitId)
        {
            return CommandResult<int>.Failure(string.Empty, NotFound);
        }

        await using var db = await contexts.CreateAsync(ct);
        var complaint = await db.Complaints.Include(c => c.Steps).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (complaint is null)
        {
            return CommandResult<int>.Failure(string.Empty, NotFound);
        }

        if (complaint.Version != version)
        {
            return CommandResult<int>.Failure(string.Empty, Stale);
        }

        var units = await db.Jurisdictions.AsNoTracking().Where(j => j.Id == issuerUnitId || j.Id == complaint.JurisdictionId)
            .Select(j => new { j.Id, j.Name, j.Level }).ToListAsync(ct);
        var issuer = units.Single(u => u.Id == issuerUnitId);
        var responsible = units.Single(u => u.Id == complaint.JurisdictionId);
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var item = Domain.Supervision.SupervisionItem.Open(
                responsible.Id, responsible.Level,
                new Domain.Supervision.SupervisionItemContent(
                    string.Format(CultureInfo.InvariantCulture, "群众举报投诉{0}（{1}）的核查处理", complaint.ReceiptNumber, DomainText.Of(complaint.Category)),
                    Domain.Supervision.SupervisionSource.Complaint, complaint.ReceiptNumber, level, deadline,
                    string.IsNullOrWhiteSpace(requirements) ? complaint.Text : requirements),
                new Domain.Supervision.SupervisionActor(user.ActorName(), issuer.Id, issuer.Name, issuer.Level), now);
            db.SupervisionItems.Add(item);
            await db.SaveChangesAsync(ct);
            complaint.RecordSupervisionItem(item.Id, now, user.ActorName());
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return CommandResult<int>.Success(item.Id);
        }
        catch (DomainException ex)
        {
            return CommandResult<int>.Failure(ex.Field ?? string.Empty, ex.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            return CommandResult<int>.Failure(string.Empty, Stale);
        }
    }

    /// <summary>Cases of the user's subtree (within the complaint's unit) matching an id or a project code or name, for the link picker.</summary>
    public async Task<IReadOnlyList<LinkableCase>> FindCasesAsync(int complaintId, string? search, CancellationToken ct = default)
    {
        user.Demand(Permission.View);
        await using var db = await contexts.CreateAsync(ct);
        var unitPath = await db.Complaints.AsNoTracking().Where(c => c.Id == complaintId).Select(c => c.Jurisdiction!.Path).FirstOrDefaultAsync(ct);
        if (unitPath is null)
        {
            return [];
        }

        var term = ComplaintText.Clean(search);
        var query = db.OverdueCases.AsNoTracking().Where(x => x.Jurisdiction!.Path.StartsWith(unitPath));
        if (term.Length > 0)
        {
            query = int.TryParse(term, NumberStyles.None, CultureInfo.InvariantCulture, out var caseId)
                ? query.Where(x => x.Id == caseId || x.Project!.Code.Contains(term))
                : query.Where(x => x.Project!.Code.Contains(term) || x.Project!.Name.Contains(term));
        }

        return await query.OrderBy(x => x.Id).Take(20)
            .Select(x => new LinkableCase(x.Id, x.Project!.Code + " " + x.Project.Name, x.Jurisdiction!.Name)).ToListAsync(ct);
    }

    /// <summary>The households of one case (households are found only through their case).</summary>
    public async Task<IReadOnlyList<LinkableHousehold>> HouseholdsOfCaseAsync(int caseId, CancellationToken ct = default)
    {
        user.Demand(Permission.View);
        await using var db = await contexts.CreateAsync(ct);
        return await db.OverdueHouseholds.AsNoTracking().Where(h => h.CaseId == caseId).OrderBy(h => h.Id).Take(500)
            .Select(h => new LinkableHousehold(h.Id, h.HeadName, h.ResolvedOn != null)).ToListAsync(ct);
    }

    /// <summary>
    /// The complainant's contact (and name) in full for a user with Unmask, for a stated reason; the audit record is
    /// written before anything is returned. Never logged, never kept.
    /// </summary>
    public async Task<CommandResult<DisclosedComplainant>> RevealContactAsync(int id, string? reason, CancellationToken ct = default)
    {
        user.Demand(Permission.Unmask);
        var stated = ComplaintText.Clean(reason);
        if (stated.Length < 4)
        {
            return CommandResult<DisclosedComplainant>.Failure("Reason", ReasonRequired);
        }

        if (stated.Length > 200)
        {
            stated = stated[..200];
        }

        await using var db = await contexts.CreateAsync(ct);
        var row = await db.Complaints.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new { c.Id, c.JurisdictionId, c.NameCipher, c.ContactCipher }).FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return CommandResult<DisclosedComplainant>.Failure(string.Empty, NotFound);
        }

        await audit.RecordAsync(AuditAction.Unmask, nameof(Complaint), row.Id.ToString(CultureInfo.InvariantCulture), row.JurisdictionId,
            $"查看举报人完整联系方式；事由：{PersonalDataMask.MaskFreeText(stated)}", ct);
        return CommandResult<DisclosedComplainant>.Success(new DisclosedComplainant(
            row.NameCipher is null ? null : cipher.Unprotect(row.NameCipher), cipher.Unprotect(row.ContactCipher)));
    }

    /// <summary>Loads the complaint (tenancy-filtered), checks the version, applies the change (which may refuse with a message) and saves.</summary>
    private async Task<CommandResult<int>> ChangeAsync(int id, int version, Func<Complaint, IAppDbContext, Task<string?>> change, CancellationToken ct)
    {
        await using var db = await contexts.CreateAsync(ct);
        var complaint = await db.Complaints.Include(c => c.Steps).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (complaint is null)
        {
            return CommandResult<int>.Failure(string.Empty, NotFound);
        }

        if (complaint.Version != version)
        {
            return CommandResult<int>.Failure(string.Empty, Stale);
        }

        try
        {
            if (await change(complaint, db) is { } refusal)
            {
                return CommandResult<int>.Failure(string.Empty, refusal);
            }

            await db.SaveChangesAsync(ct);
        }
        catch (DomainException ex)
        {
            return CommandResult<int>.Failure(ex.Field ?? string.Empty, ex.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            return CommandResult<int>.Failure(string.Empty, Stale);
        }

        return CommandResult<int>.Success(complaint.Version);
    }

    private static string Excerpt(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= 60 ? line : line[..60] + "…";
    }
}

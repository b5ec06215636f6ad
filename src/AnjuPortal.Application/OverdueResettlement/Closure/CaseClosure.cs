using System.Globalization;
using System.Security.Cryptography;
using AnjuPortal.Application.Common;
using AnjuPortal.Application.Notifications;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Jurisdictions;
using AnjuPortal.Domain.OverdueResettlement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AnjuPortal.Application.OverdueResettlement.Closure;

/// <summary>An evidence file as the timeline lists it (with its download link).</summary>
public sealed record EvidenceItem(int Id, string FileName, EvidenceFileType FileType, long SizeBytes, string Sha256);

/// <summary>One step of the timeline.</summary>
public sealed record ClosureStepItem(int Id, ClosureStepKind Kind, DateTimeOffset At, string ActorName, string UnitName, string? Text, IReadOnlyList<EvidenceItem> Attachments);

/// <summary>Where a case stands in the 销号 workflow, what the current user may do next, and every step so far (oldest first).</summary>
public sealed record ClosureState(
    int CaseId,
    int Version,
    CaseStatus Status,
    int UnresolvedHouseholds,
    bool CanApply,
    bool CanReview,
    bool CanReopen,
    IReadOnlyList<ClosureStepItem> Steps);

/// <summary>An evidence file to send: the stored content, the sanitised name and the fixed content type of its checked type.</summary>
public sealed record EvidenceDownload(Stream Content, string FileName, string ContentType);

/// <summary>
/// Crossing a ledger case off 销号: apply (a city, Submit), return or close (the province, Close), reopen (the province,
/// Close), and the timeline (View). A case outside the user's subtree is not found. Refusals come back as a
/// <see cref="CommandResult{T}"/> with a Chinese message; a stale version (someone acted on the case since the page
/// was loaded) is refused, so of two reviewers acting at once one wins and the other is told what happened.
/// </summary>
public sealed class CaseClosure(
    IAppDbContextFactory contexts,
    ICurrentUser user,
    TimeProvider clock,
    IAttachmentScanner scanner,
    IEvidenceFileStore files,
    IOptions<EvidenceOptions> options,
    CaseClosureNotifier? notifier = null)
{
    public const string CaseNotFound = HouseholdRegister.CaseNotFound;
    public const string Stale = "操作未保存：该台账项目在您打开页面后已有变动（当前状态：{0}{1}）。请刷新页面，核对最新情况后再操作。";
    public const string StaleBy = "，最近由 {0} 于 {1:yyyy-MM-dd HH:mm} 办理“{2}”";
    public const string TooManyFiles = "一次申请最多上传 {0} 个文件，本次选择了 {1} 个。";
    public const string NoUnit = "您的账号未关联单位，不能办理销号。";

    /// <summary>
    /// 申请销号 with a statement and evidence files. Every file is checked (<see cref="IAttachmentScanner"/>), hashed and
    /// stored before the case changes; when the application is refused or not saved, the stored files are removed again.
    /// Returns the new step's id.
    /// </summary>
    public async Task<CommandResult<int>> ApplyAsync(int caseId, int version, string statement, IReadOnlyList<AttachmentCandidate> evidence, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        user.Demand(Permission.Submit);
        await using var db = await contexts.CreateAsync(ct);
        var overdueCase = await CaseForUpdateAsync(db, caseId, ct);
        if (overdueCase is null)
        {
            return CommandResult<int>.Failure(string.Empty, CaseNotFound);
        }

        if (StaleResult(overdueCase, version) is { } stale)
        {
            return stale;
        }

        if (await ActorAsync(db, ct) is not { } actor)
        {
            return CommandResult<int>.Failure(string.Empty, NoUnit);
        }

        var max = options.Value.MaxFiles;
        if (evidence.Count > max)
        {
            return CommandResult<int>.Failure("Evidence", string.Format(CultureInfo.CurrentCulture, TooManyFiles, max, evidence.Count));
        }

        var unresolved = await db.OverdueHouseholds.CountAsync(h => h.CaseId == caseId && h.ResolvedOn == null, ct);

        // The rules that need no file first, so a refused application stores nothing.
        try
        {
            overdueCase.EnsureCanApplyForClosure(statement, evidence.Count, unresolved, actor);
        }
        catch (DomainException ex)
        {
            return CommandResult<int>.Failure(ex.Field ?? string.Empty, ex.Message);
        }

        var checkedFiles = new List<(AttachmentVerdict Verdict, byte[] Content)>();
        foreach (var candidate in evidence)
        {
            var verdict = await scanner.ScanAsync(candidate, ct);
            if (!verdict.Accepted)
            {
                return CommandResult<int>.Failure("Evidence", verdict.Refusal ?? EvidenceTypeScanner.ContentMismatch);
            }

            checkedFiles.Add((verdict, candidate.Content));
        }

        var stored = new List<EvidenceFile>();
        try
        {
            foreach (var (verdict, content) in checkedFiles)
            {
                var key = Guid.NewGuid().ToString("N");
                await files.SaveAsync(key, content, ct);
                stored.Add(new EvidenceFile(key, verdict.SafeName!, verdict.FileType!.Value, content.LongLength, Convert.ToHexStringLower(SHA256.HashData(content))));
            }

            var step = overdueCase.ApplyForClosure(statement, stored, unresolved, actor, clock.GetUtcNow());
            var result = await SaveAsync(db, overdueCase, () => step.Id, ct);
            if (!result.Succeeded)
            {
                await RemoveAsync(stored);
            }

            return result;
        }
        catch (DomainException ex)
        {
            await RemoveAsync(stored);
            return CommandResult<int>.Failure(ex.Field ?? string.Empty, ex.Message);
        }
        catch
        {
            await RemoveAsync(stored);
            throw;
        }
    }

    /// <summary>退回 the pending application with a reason (the province). The applying city's accounts are notified.</summary>
    public Task<CommandResult<int>> ReturnAsync(int caseId, int version, string reason, CancellationToken ct = default)
        => DecideAsync(caseId, version, (c, actor, at) => c.ReturnClosure(reason, actor, at), ct);

    /// <summary>核验销号 with the verification opinion (the province). The applying city's accounts are notified.</summary>
    public Task<CommandResult<int>> CloseAsync(int caseId, int version, string opinion, CancellationToken ct = default)
        => DecideAsync(caseId, version, (c, actor, at) => c.Close(opinion, actor, at), ct);

    /// <summary>重新打开 a closed case with a reason (the province).</summary>
    public Task<CommandResult<int>> ReopenAsync(int caseId, int version, string reason, CancellationToken ct = default)
        => DecideAsync(caseId, version, (c, actor, at) => c.Reopen(reason, actor, at), ct);

    /// <summary>The case's 销号 state and timeline, or null when the case is not in the user's subtree.</summary>
    public async Task<ClosureState?> StateAsync(int caseId, CancellationToken ct = default)
    {
        user.Demand(Permission.View);
        await using var db = await contexts.CreateAsync(ct);
        var head = await db.OverdueCases.AsNoTracking().Where(c => c.Id == caseId)
            .Select(c => new { c.Id, c.Version, c.Status, Unresolved = c.Households.Count(h => h.ResolvedOn == null) })
            .SingleOrDefaultAsync(ct);
        if (head is null)
        {
            return null;
        }

        // By id, the order they were saved in (SQLite cannot order by a DateTimeOffset column).
        var steps = await db.CaseClosureSteps.AsNoTracking().Where(s => s.CaseId == caseId)
            .OrderBy(s => s.Id)
            .Select(s => new
            {
                s.Id, s.Kind, s.At, s.ActorName, s.UnitId, s.UnitName, s.Text,
                Attachments = s.Attachments.OrderBy(a => a.Id).Select(a => new EvidenceItem(a.Id, a.FileName, a.FileType, a.SizeBytes, a.Sha256)).ToList(),
            })
            .ToListAsync(ct);
        var level = await UnitLevelAsync(db, ct);
        var pendingUnit = head.Status == CaseStatus.ClosureApplied ? steps.LastOrDefault(s => s.Kind == ClosureStepKind.Applied)?.UnitId : null;
        return new ClosureState(
            head.Id,
            head.Version,
            head.Status,
            head.Unresolved,
            CanApply: head.Status == CaseStatus.Open && level == JurisdictionLevel.Prefecture && user.Has(Permission.Submit),
            CanReview: head.Status == CaseStatus.ClosureApplied && level == JurisdictionLevel.Province && user.Has(Permission.Close) && pendingUnit != user.JurisdictionId,
            CanReopen: head.Status == CaseStatus.Closed && level == JurisdictionLevel.Province && user.Has(Permission.Close),
            steps.Select(s => new ClosureStepItem(s.Id, s.Kind, s.At, s.ActorName, s.UnitName, s.Text, s.Attachments)).ToList());
    }

    /// <summary>
    /// An evidence file for download (View; the tree's filter decides whether the user sees it: another county's file is
    /// simply not found). The caller must send it as an attachment with the returned content type.
    /// </summary>
    public async Task<EvidenceDownload?> OpenAttachmentAsync(int attachmentId, CancellationToken ct = default)
    {
        user.Demand(Permission.View);
        await using var db = await contexts.CreateAsync(ct);
        var attachment = await db.EvidenceAttachments.AsNoTracking().Where(a => a.Id == attachmentId)
            .Select(a => new { a.StorageKey, a.FileName, a.FileType })
            .SingleOrDefaultAsync(ct);
        if (attachment is null || await files.OpenReadAsync(attachment.StorageKey, ct) is not { } content)
        {
            return null;
        }

        return new EvidenceDownload(content, attachment.FileName, EvidenceFiles.ContentType(attachment.FileType));
    }

    private async Task<CommandResult<int>> DecideAsync(int caseId, int version, Func<OverdueCase, ClosureActor, DateTimeOffset, CaseClosureStep> decide, CancellationToken ct)
    {
        user.Demand(Permission.Close);
        await using var db = await contexts.CreateAsync(ct);
        var overdueCase = await CaseForUpdateAsync(db, caseId, ct);
        if (overdueCase is null)
        {
            return CommandResult<int>.Failure(string.Empty, CaseNotFound);
        }

        if (StaleResult(overdueCase, version) is { } stale)
        {
            return stale;
        }

        if (await ActorAsync(db, ct) is not { } actor)
        {
            return CommandResult<int>.Failure(string.Empty, NoUnit);
        }

        var applicant = overdueCase.PendingApplication;
        CaseClosureStep step;
        try
        {
            step = decide(overdueCase, actor, clock.GetUtcNow());
        }
        catch (DomainException ex)
        {
            return CommandResult<int>.Failure(ex.Field ?? string.Empty, ex.Message);
        }

        if (notifier is not null && applicant is not null && step.Kind is ClosureStepKind.Returned or ClosureStepKind.Closed)
        {
            await notifier.DecidedAsync(db, overdueCase, step, applicant.UnitId, ct);
        }

        return await SaveAsync(db, overdueCase, () => step.Id, ct);
    }

    private static Task<OverdueCase?> CaseForUpdateAsync(IAppDbContext db, int caseId, CancellationToken ct)
        => db.OverdueCases.Include(c => c.ClosureSteps).Include(c => c.Project).SingleOrDefaultAsync(c => c.Id == caseId, ct);

    private CommandResult<int>? StaleResult(OverdueCase overdueCase, int version)
    {
        if (overdueCase.Version == version)
        {
            return null;
        }

        var last = overdueCase.ClosureSteps.OrderBy(s => s.At).ThenBy(s => s.Id).LastOrDefault();
        var by = last is null
            ? string.Empty
            : string.Format(CultureInfo.CurrentCulture, StaleBy, last.UnitName, last.At.ToOffset(ChinaTime.Offset), DomainText.Of(last.Kind));
        return CommandResult<int>.Failure(string.Empty, string.Format(CultureInfo.CurrentCulture, Stale, DomainText.Of(overdueCase.Status), by));
    }

    private async Task<CommandResult<int>> SaveAsync(IAppDbContext db, OverdueCase overdueCase, Func<int> value, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return CommandResult<int>.Success(value());
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone acted on the case between our read and our save: read what they did, and say so.
            await using var fresh = await contexts.CreateAsync(ct);
            var current = await CaseForUpdateAsync(fresh, overdueCase.Id, ct);
            return current is null
                ? CommandResult<int>.Failure(string.Empty, CaseNotFound)
                : StaleResult(current, -1)!;
        }
    }

    private async Task<ClosureActor?> ActorAsync(IAppDbContext db, CancellationToken ct)
    {
        if (user.JurisdictionId is not { } unitId)
        {
            return null;
        }

        var unit = await db.Jurisdictions.AsNoTracking().Where(j => j.Id == unitId).Select(j => new { j.Name, j.Level }).SingleOrDefaultAsync(ct);
        return unit is null ? null : new ClosureActor(user.ActorName(), unitId, unit.Name, unit.Level);
    }

    private async Task<JurisdictionLevel?> UnitLevelAsync(IAppDbContext db, CancellationToken ct)
        => user.JurisdictionId is { } unitId
            ? await db.Jurisdictions.AsNoTracking().Where(j => j.Id == unitId).Select(j => (JurisdictionLevel?)j.Level).SingleOrDefaultAsync(ct)
            : null;

    private async Task RemoveAsync(IEnumerable<EvidenceFile> stored)
    {
        foreach (var file in stored)
        {
            await files.DeleteAsync(file.StorageKey, CancellationToken.None);
        }
    }
}

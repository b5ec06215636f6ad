using System.Globalization;
using System.Security.Cryptography;
using AnjuPortal.Application.Common;
using AnjuPortal.Application.OverdueResettlement.Closure;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Jurisdictions;
using AnjuPortal.Domain.OverdueResettlement;
using AnjuPortal.Domain.Supervision;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AnjuPortal.Application.Supervision.Items;

/// <summary>
/// What opening an item needs. The complaints desk calls <see cref="SupervisionItems.OpenAsync"/> with
/// <see cref="SupervisionSource.Complaint"/> and the complaint's number as <see cref="SourceReference"/>.
/// </summary>
public sealed record SupervisionItemInput(
    int ResponsibleUnitId,
    string? Title,
    SupervisionSource Source,
    string? SourceReference,
    SupervisionLevel Level,
    DateOnly Deadline,
    string? Requirements);

/// <summary>The list's filters (all optional).</summary>
public sealed record SupervisionItemFilter(
    SupervisionLight? Light = null,
    int? UnitId = null,
    SupervisionSource? Source = null,
    SupervisionLevel? Level = null);

/// <summary>A row of the list.</summary>
public sealed record SupervisionItemRow(
    int Id, string Title, string UnitName, SupervisionSource Source, string? SourceReference, SupervisionLevel Level,
    DateOnly Deadline, SupervisionStatus Status, SupervisionLight Light, int DaysLeft);

/// <summary>An evidence file as the timeline lists it.</summary>
public sealed record SupervisionEvidenceItem(int Id, string FileName, EvidenceFileType FileType, long SizeBytes, string Sha256);

/// <summary>One step of the timeline.</summary>
public sealed record SupervisionStepItem(
    int Id, SupervisionStepKind Kind, DateTimeOffset At, string ActorName, string UnitName, string? Text, SupervisionLevel? Level,
    IReadOnlyList<SupervisionEvidenceItem> Attachments);

/// <summary>An item with its timeline (oldest first) and what the current user may do next.</summary>
public sealed record SupervisionItemDetail(
    int Id, int Version, string Title, int UnitId, string UnitName, string IssuerUnitName, SupervisionSource Source, string? SourceReference,
    SupervisionLevel Level, DateOnly Deadline, string Requirements, SupervisionStatus Status, SupervisionLight Light, int DaysLeft,
    bool CanReport, bool CanReview, bool CanRaise, IReadOnlyList<SupervisionStepItem> Steps);

/// <summary>
/// Supervision items 督办事项: the issuer opens, raises, returns and closes them (Issue); the responsible unit reports
/// its rectification 整改 with evidence (Submit); everyone in the tree sees their own (View; the tenancy filter decides:
/// a unit sees the items it is responsible for and those of the units below it). Evidence goes through the ledger's
/// checks and file store (<see cref="IAttachmentScanner"/>, <see cref="IEvidenceFileStore"/>, <see cref="EvidenceOptions"/>).
/// </summary>
public sealed class SupervisionItems(
    IAppDbContextFactory contexts,
    ICurrentUser user,
    TimeProvider clock,
    IAttachmentScanner scanner,
    IEvidenceFileStore files,
    IOptions<EvidenceOptions> evidenceOptions,
    IOptions<SupervisionOptions> options)
{
    public const string NotFound = "未找到该督办事项，或不在您的管辖范围内。";
    public const string UnitNotFound = "未找到责任单位，或不在您的管辖范围内。";
    public const string Stale = "操作未保存：该督办事项在您打开页面后已有变动，请刷新页面后再操作。";
    public const string NoUnit = "您的账号未关联单位，不能办理督办事项。";
    public const string TooManyFiles = "一次最多上传 {0} 个文件，本次选择了 {1} 个。";

    private int YellowDays => options.Value.YellowWindowDays;

    private DateOnly Today => ChinaTime.DateOf(clock.GetUtcNow());

    /// <summary>交办: opens an item for a city or county below the user's unit. Returns the new item's id.</summary>
    public async Task<CommandResult<int>> OpenAsync(SupervisionItemInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        user.Demand(Permission.Issue);
        await using var db = await contexts.CreateAsync(ct);
        if (await ActorAsync(db, ct) is not { } actor)
        {
            return CommandResult<int>.Failure(string.Empty, NoUnit);
        }

        var unit = await db.Jurisdictions.AsNoTracking().Where(j => j.Id == input.ResponsibleUnitId).Select(j => new { j.Id, j.Level }).SingleOrDefaultAsync(ct);
        if (unit is null)
        {
            return CommandResult<int>.Failure("ResponsibleUnit", UnitNotFound);
        }

        SupervisionItem item;
        try
        {
            item = SupervisionItem.Open(unit.Id, unit.Level, new SupervisionItemContent(input.Title, input.Source, input.SourceReference, input.Level, input.Deadline, input.Requirements), actor, clock.GetUtcNow());
        }
        catch (DomainException ex)
        {
            return CommandResult<int>.Failure(ex.Field ?? string.Empty, ex.Message);
        }

        db.SupervisionItems.Add(item);
        await db.SaveChangesAsync(ct);
        return CommandResult<int>.Success(item.Id);
    }

    /// <summary>The list, newest first, with each item's light today (China time).</summary>
    public async Task<IReadOnlyList<SupervisionItemRow>> ListAsync(SupervisionItemFilter? filter = null, CancellationToken ct = default)
    {
        user.Demand(Permission.View);
        filter ??= new SupervisionItemFilter();
        var today = Today;
        var lastYellow = SupervisionLights.LastYellowDeadline(today, YellowDays);
        await using var db = await contexts.CreateAsync(ct);
        var query = db.SupervisionItems.AsNoTracking();
        if (filter.UnitId is { } unitId)
        {
            query = query.Where(i => i.JurisdictionId == unitId);
        }

        if (filter.Source is { } source)
        {
            query = query.Where(i => i.Source == source);
        }

        if (filter.Level is { } level)
        {
            query = query.Where(i => i.Level == level);
        }

        // The lights as deadline ranges, so the database filters (the same rule as SupervisionLights.Of).
        query = filter.Light switch
        {
            SupervisionLight.None => query.Where(i => i.Status == SupervisionStatus.Closed),
            SupervisionLight.Red => query.Where(i => i.Status != SupervisionStatus.Closed && i.Deadline < today),
            SupervisionLight.Yellow => query.Where(i => i.Status != SupervisionStatus.Closed && i.Deadline >= today && i.Deadline <= lastYellow),
            SupervisionLight.Green => query.Where(i => i.Status != SupervisionStatus.Closed && i.Deadline > lastYellow),
            _ => query,
        };
        var rows = await query.OrderByDescending(i => i.Id).Take(500)
            .Select(i => new { i.Id, i.Title, UnitName = i.Jurisdiction!.Name, i.Source, i.SourceReference, i.Level, i.Deadline, i.Status })
            .ToListAsync(ct);
        return rows.Select(r => new SupervisionItemRow(
            r.Id, r.Title, r.UnitName, r.Source, r.SourceReference, r.Level, r.Deadline, r.Status,
            SupervisionLights.Of(r.Deadline, today, r.Status == SupervisionStatus.Closed, YellowDays),
            SupervisionLights.DaysLeft(r.Deadline, today))).ToList();
    }

    /// <summary>The units an item may be opened for: the cities and counties of the user's subtree, by code.</summary>
    public async Task<IReadOnlyList<(int Id, string Name)>> ResponsibleUnitsAsync(CancellationToken ct = default)
    {
        user.Demand(Permission.View);
        await using var db = await contexts.CreateAsync(ct);
        var units = await db.Jurisdictions.AsNoTracking()
            .Where(j => j.Level == JurisdictionLevel.Prefecture || j.Level == JurisdictionLevel.County)
            .OrderBy(j => j.Path).Select(j => new { j.Id, j.Name, j.Level }).ToListAsync(ct);
        return units.Select(u => (u.Id, u.Level == JurisdictionLevel.County ? "　" + u.Name : u.Name)).ToList();
    }

    /// <summary>An item and its timeline, or null when not in the user's subtree.</summary>
    public async Task<SupervisionItemDetail?> GetAsync(int id, CancellationToken ct = default)
    {
        user.Demand(Permission.View);
        await using var db = await contexts.CreateAsync(ct);
        var item = await db.SupervisionItems.AsNoTracking().Include(i => i.Jurisdiction).SingleOrDefaultAsync(i => i.Id == id, ct);
        if (item is null)
        {
            return null;
        }

        // By id, the order they were saved in (SQLite cannot order by a DateTimeOffset column).
        var steps = await db.SupervisionSteps.AsNoTracking().Where(s => s.ItemId == id).OrderBy(s => s.Id)
            .Select(s => new SupervisionStepItem(s.Id, s.Kind, s.At, s.ActorName, s.UnitName, s.Text, s.Level,
                s.Attachments.OrderBy(a => a.Id).Select(a => new SupervisionEvidenceItem(a.Id, a.FileName, a.FileType, a.SizeBytes, a.Sha256)).ToList()))
            .ToListAsync(ct);
        var today = Today;
        var mine = user.JurisdictionId;
        var isIssuer = mine == item.IssuerUnitId && user.Has(Permission.Issue);
        return new SupervisionItemDetail(
            item.Id, item.Version, item.Title, item.JurisdictionId, item.Jurisdiction?.Name ?? string.Empty, item.IssuerUnitName, item.Source, item.SourceReference,
            item.Level, item.Deadline, item.Requirements, item.Status, item.Light(today, YellowDays), SupervisionLights.DaysLeft(item.Deadline, today),
            CanReport: item.Status == SupervisionStatus.Open && mine == item.JurisdictionId && user.Has(Permission.Submit),
            CanReview: item.Status == SupervisionStatus.Reported && isIssuer && mine != item.JurisdictionId,
            CanRaise: item.Status != SupervisionStatus.Closed && isIssuer && item.Level < SupervisionLevel.OnSite,
            steps);
    }

    /// <summary>
    /// 报送整改报告 (the responsible unit, Submit) with evidence: every file is checked and stored before the item changes;
    /// when the report is refused or not saved, the stored files are removed again. Returns the step's id.
    /// </summary>
    public async Task<CommandResult<int>> ReportAsync(int id, int version, string? text, IReadOnlyList<AttachmentCandidate> evidence, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        user.Demand(Permission.Submit);
        await using var db = await contexts.CreateAsync(ct);
        var item = await ItemForUpdateAsync(db, id, ct);
        if (item is null)
        {
            return CommandResult<int>.Failure(string.Empty, NotFound);
        }

        if (item.Version != version)
        {
            return CommandResult<int>.Failure(string.Empty, Stale);
        }

        if (await ActorAsync(db, ct) is not { } actor)
        {
            return CommandResult<int>.Failure(string.Empty, NoUnit);
        }

        var max = evidenceOptions.Value.MaxFiles;
        if (evidence.Count > max)
        {
            return CommandResult<int>.Failure("Evidence", string.Format(CultureInfo.CurrentCulture, TooManyFiles, max, evidence.Count));
        }

        try
        {
            item.EnsureCanReport(text, evidence.Count, actor);
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

            var step = item.Report(text!, stored, actor, clock.GetUtcNow());
            var result = await SaveAsync(db, () => step.Id, ct);
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

    /// <summary>退回 the rectification report with a reason (the issuer).</summary>
    public Task<CommandResult<int>> ReturnAsync(int id, int version, string? reason, CancellationToken ct = default)
        => DecideAsync(id, version, (i, a, at) => i.Return(reason, a, at), ct);

    /// <summary>销项: accepts the rectification and closes the item (the issuer).</summary>
    public Task<CommandResult<int>> CloseAsync(int id, int version, string? opinion, CancellationToken ct = default)
        => DecideAsync(id, version, (i, a, at) => i.Close(opinion, a, at), ct);

    /// <summary>提级督办 (the issuer).</summary>
    public Task<CommandResult<int>> RaiseLevelAsync(int id, int version, SupervisionLevel level, string? reason, CancellationToken ct = default)
        => DecideAsync(id, version, (i, a, at) => i.RaiseLevel(level, reason, a, at), ct);

    /// <summary>An evidence file for download (View; another unit's file is simply not found). Send it as an attachment.</summary>
    public async Task<EvidenceDownload?> OpenAttachmentAsync(int attachmentId, CancellationToken ct = default)
    {
        user.Demand(Permission.View);
        await using var db = await contexts.CreateAsync(ct);
        var attachment = await db.SupervisionAttachments.AsNoTracking().Where(a => a.Id == attachmentId)
            .Select(a => new { a.StorageKey, a.FileName, a.FileType })
            .SingleOrDefaultAsync(ct);
        if (attachment is null || await files.OpenReadAsync(attachment.StorageKey, ct) is not { } content)
        {
            return null;
        }

        return new EvidenceDownload(content, attachment.FileName, EvidenceFiles.ContentType(attachment.FileType));
    }

    private async Task<CommandResult<int>> DecideAsync(int id, int version, Func<SupervisionItem, SupervisionActor, DateTimeOffset, SupervisionStep> decide, CancellationToken ct)
    {
        user.Demand(Permission.Issue);
        await using var db = await contexts.CreateAsync(ct);
        var item = await ItemForUpdateAsync(db, id, ct);
        if (item is null)
        {
            return CommandResult<int>.Failure(string.Empty, NotFound);
        }

        if (item.Version != version)
        {
            return CommandResult<int>.Failure(string.Empty, Stale);
        }

        if (await ActorAsync(db, ct) is not { } actor)
        {
            return CommandResult<int>.Failure(string.Empty, NoUnit);
        }

        SupervisionStep step;
        try
        {
            step = decide(item, actor, clock.GetUtcNow());
        }
        catch (DomainException ex)
        {
            return CommandResult<int>.Failure(ex.Field ?? string.Empty, ex.Message);
        }

        return await SaveAsync(db, () => step.Id, ct);
    }

    private static Task<SupervisionItem?> ItemForUpdateAsync(IAppDbContext db, int id, CancellationToken ct)
        => db.SupervisionItems.Include(i => i.Steps).SingleOrDefaultAsync(i => i.Id == id, ct);

    private static async Task<CommandResult<int>> SaveAsync(IAppDbContext db, Func<int> value, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return CommandResult<int>.Success(value());
        }
        catch (DbUpdateConcurrencyException)
        {
            return CommandResult<int>.Failure(string.Empty, Stale);
        }
    }

    private async Task<SupervisionActor?> ActorAsync(IAppDbContext db, CancellationToken ct)
    {
        if (user.JurisdictionId is not { } unitId)
        {
            return null;
        }

        var unit = await db.Jurisdictions.AsNoTracking().Where(j => j.Id == unitId).Select(j => new { j.Name, j.Level }).SingleOrDefaultAsync(ct);
        return unit is null ? null : new SupervisionActor(user.ActorName(), unitId, unit.Name, unit.Level);
    }

    private async Task RemoveAsync(IEnumerable<EvidenceFile> stored)
    {
        foreach (var file in stored)
        {
            await files.DeleteAsync(file.StorageKey, CancellationToken.None);
        }
    }
}

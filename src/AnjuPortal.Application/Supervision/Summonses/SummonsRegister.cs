using AnjuPortal.Application.Common;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Supervision;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Application.Supervision.Summonses;

/// <summary>What the planning form sends.</summary>
public sealed record SummonsInput(
    int UnitId,
    string? Reason,
    DateTimeOffset ScheduledAt,
    string? Place,
    string? Organiser,
    int? RankingYear = null,
    int? RankingMonth = null,
    int? CaseId = null);

/// <summary>A commitment as the record form sends it.</summary>
public sealed record CommitmentInput(string? Text, DateOnly? DueOn);

/// <summary>A row of the list.</summary>
public sealed record SummonsRow(int Id, string UnitName, string Reason, DateTimeOffset ScheduledAt, string Place, SummonsStatus Status, int Commitments);

/// <summary>A summons as its page shows it.</summary>
public sealed record SummonsDetail(
    int Id, int Version, int UnitId, string UnitName, string Reason, int? RankingYear, int? RankingMonth, int? CaseId,
    DateTimeOffset ScheduledAt, string Place, string Organiser, SummonsStatus Status, string? Attendees, string? Notes,
    DateTimeOffset? RecordedAt, string? RecordedBy, string? CancelReason, DateTimeOffset? CancelledAt,
    IReadOnlyList<CommitmentInput> Commitments, bool CanManage);

/// <summary>
/// Summons 约谈: the province plans, records and cancels them (Issue); the summoned unit, and everyone above it, sees
/// them (View; the tenancy filter decides, since the summoned unit owns the row).
/// </summary>
public sealed class SummonsRegister(IAppDbContextFactory contexts, ICurrentUser user, TimeProvider clock)
{
    public const string NotFound = "未找到该约谈记录，或不在您的管辖范围内。";
    public const string UnitNotFound = "未找到被约谈单位，或不在您的管辖范围内。";
    public const string Stale = "操作未保存：该约谈记录在您打开页面后已有变动，请刷新页面后再操作。";
    public const string NoUnit = "您的账号未关联单位，不能安排约谈。";

    public async Task<IReadOnlyList<SummonsRow>> ListAsync(SummonsStatus? status = null, CancellationToken ct = default)
    {
        user.Demand(Permission.View);
        await using var db = await contexts.CreateAsync(ct);
        var query = db.Summonses.AsNoTracking();
        if (status is { } s)
        {
            query = query.Where(x => x.Status == s);
        }

        var rows = await query.OrderByDescending(x => x.Id).Take(500)
            .Select(x => new SummonsRow(x.Id, x.Jurisdiction!.Name, x.Reason, x.ScheduledAt, x.Place, x.Status, x.Commitments.Count))
            .ToListAsync(ct);
        return rows;
    }

    public async Task<SummonsDetail?> GetAsync(int id, CancellationToken ct = default)
    {
        user.Demand(Permission.View);
        await using var db = await contexts.CreateAsync(ct);
        var s = await db.Summonses.AsNoTracking().Include(x => x.Jurisdiction).SingleOrDefaultAsync(x => x.Id == id, ct);
        if (s is null)
        {
            return null;
        }

        return new SummonsDetail(
            s.Id, s.Version, s.JurisdictionId, s.Jurisdiction?.Name ?? string.Empty, s.Reason, s.RankingYear, s.RankingMonth, s.CaseId,
            s.ScheduledAt, s.Place, s.Organiser, s.Status, s.Attendees, s.Notes, s.RecordedAt, s.RecordedBy, s.CancelReason, s.CancelledAt,
            s.Commitments.OrderBy(c => c.Id).Select(c => new CommitmentInput(c.Text, c.DueOn)).ToList(),
            CanManage: s.Status == SummonsStatus.Planned && user.Has(Permission.Issue) && user.JurisdictionId == s.IssuerUnitId);
    }

    /// <summary>拟约谈: plans a summons of a city or county below the user's unit. Returns its id.</summary>
    public async Task<CommandResult<int>> PlanAsync(SummonsInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        user.Demand(Permission.Issue);
        await using var db = await contexts.CreateAsync(ct);
        if (user.JurisdictionId is not { } issuerId
            || await db.Jurisdictions.AsNoTracking().Where(j => j.Id == issuerId).Select(j => new { j.Level }).SingleOrDefaultAsync(ct) is not { } issuer)
        {
            return CommandResult<int>.Failure(string.Empty, NoUnit);
        }

        var unit = await db.Jurisdictions.AsNoTracking().Where(j => j.Id == input.UnitId).Select(j => new { j.Id, j.Level }).SingleOrDefaultAsync(ct);
        if (unit is null)
        {
            return CommandResult<int>.Failure("Unit", UnitNotFound);
        }

        Summons summons;
        try
        {
            summons = Summons.Plan(unit.Id, unit.Level, issuerId, issuer.Level, Plan(input));
        }
        catch (DomainException ex)
        {
            return CommandResult<int>.Failure(ex.Field ?? string.Empty, ex.Message);
        }

        db.Summonses.Add(summons);
        await db.SaveChangesAsync(ct);
        return CommandResult<int>.Success(summons.Id);
    }

    /// <summary>Changes a planned summons (not the unit).</summary>
    public Task<CommandResult<int>> ReplanAsync(int id, int version, SummonsInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return ChangeAsync(id, version, s => s.Replan(Plan(input)), ct);
    }

    /// <summary>记录约谈情况: attendees (one a line), commitments and notes; the summons is held.</summary>
    public Task<CommandResult<int>> RecordAsync(int id, int version, string? attendees, IReadOnlyList<CommitmentInput> commitments, string? notes, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(commitments);
        return ChangeAsync(id, version, s => s.Record(
            attendees,
            commitments.Where(c => !string.IsNullOrWhiteSpace(c.Text)).Select(c => new SummonsCommitment(c.Text!, c.DueOn)).ToList(),
            notes,
            clock.GetUtcNow(),
            user.ActorName()), ct);
    }

    /// <summary>取消 a planned summons with a reason.</summary>
    public Task<CommandResult<int>> CancelAsync(int id, int version, string? reason, CancellationToken ct = default)
        => ChangeAsync(id, version, s => s.Cancel(reason, clock.GetUtcNow()), ct);

    private async Task<CommandResult<int>> ChangeAsync(int id, int version, Action<Summons> change, CancellationToken ct)
    {
        user.Demand(Permission.Issue);
        await using var db = await contexts.CreateAsync(ct);
        var summons = await db.Summonses.SingleOrDefaultAsync(x => x.Id == id, ct);
        if (summons is null)
        {
            return CommandResult<int>.Failure(string.Empty, NotFound);
        }

        if (summons.Version != version)
        {
            return CommandResult<int>.Failure(string.Empty, Stale);
        }

        try
        {
            change(summons);
            await db.SaveChangesAsync(ct);
            return CommandResult<int>.Success(summons.Id);
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

    private static SummonsPlan Plan(SummonsInput input)
        => new(input.Reason, input.ScheduledAt, input.Place, input.Organiser, input.RankingYear, input.RankingMonth, input.CaseId);
}

using System.Globalization;
using AnjuPortal.Application.Common;
using AnjuPortal.Application.Dashboards;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Jurisdictions;
using AnjuPortal.Domain.Targets;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Application.Targets;

/// <summary>The three figures of an annual target 年度目标任务.</summary>
public sealed record TargetFigures(int UnitsToStart, int UnitsToComplete, int OverdueHouseholdsToResolve);

/// <summary>
/// One unit in the year's plan: its own target (null when none is entered yet) and the sum of its children's, so a
/// reader sees whether the targets passed down 层层分解 add up to what the unit signed for.
/// </summary>
public sealed record TargetRow(
    int JurisdictionId,
    string Code,
    string Name,
    JurisdictionLevel Level,
    int? ParentId,
    string Path,
    TargetFigures? Target,
    int Version,
    TargetFigures? ChildrenSum);

/// <summary>What the plan form binds to for one unit.</summary>
public sealed class AnnualTargetInput
{
    public int JurisdictionId { get; set; }
    public int Year { get; set; }
    public int UnitsToStart { get; set; }
    public int UnitsToComplete { get; set; }
    public int OverdueHouseholdsToResolve { get; set; }

    /// <summary>The version the user started from (0 for a new target); a save from an older version is refused.</summary>
    public int Version { get; set; }
}

/// <summary>
/// The annual plan 年度计划: targets are entered for the year, before it starts or at its start, by the level above
/// (the province for its cities, a city for its counties; the top of the tree for itself). Past years are closed.
/// </summary>
public sealed class AnnualPlan(IAppDbContextFactory contexts, ICurrentUser user, TimeProvider clock, IProgressStatisticsSignal? statistics = null)
{
    public const string SetByLevelAbove = "年度目标由上级单位下达，不能修改本单位的目标。";
    public const string PastYear = "{0} 年已经过去，年度目标不能再修改。";

    /// <summary>Every unit of the user's subtree (or of <paramref name="jurisdictionId"/>'s) in the tree's order, with its target for <paramref name="year"/>.</summary>
    public async Task<IReadOnlyList<TargetRow>> ListAsync(int year, int? jurisdictionId = null, CancellationToken ct = default)
    {
        user.Demand(Permission.View);
        await using var db = await contexts.CreateAsync(ct);
        var units = db.Jurisdictions.AsNoTracking();
        if (jurisdictionId is { } id)
        {
            var path = await db.Jurisdictions.Where(j => j.Id == id).Select(j => j.Path).FirstOrDefaultAsync(ct);
            units = path is null ? units.Where(_ => false) : units.Where(j => j.Path.StartsWith(path));
        }

        var nodes = await units.Select(j => new { j.Id, j.Code, j.Name, j.Level, j.ParentId, j.Path }).ToListAsync(ct);
        var targets = await db.AnnualTargets.AsNoTracking().Where(t => t.Year == year).ToDictionaryAsync(t => t.JurisdictionId, ct);
        var children = nodes.ToLookup(n => n.ParentId);
        return nodes.OrderBy(n => n.Path, StringComparer.Ordinal).Select(n =>
        {
            var own = targets.GetValueOrDefault(n.Id);
            var kids = children[n.Id].Select(c => targets.GetValueOrDefault(c.Id)).ToList();
            var sum = kids.Count == 0 ? null : new TargetFigures(
                kids.Sum(k => k?.UnitsToStart ?? 0), kids.Sum(k => k?.UnitsToComplete ?? 0), kids.Sum(k => k?.OverdueHouseholdsToResolve ?? 0));
            return new TargetRow(
                n.Id, n.Code, n.Name, n.Level, n.ParentId, n.Path,
                own is null ? null : new TargetFigures(own.UnitsToStart, own.UnitsToComplete, own.OverdueHouseholdsToResolve),
                own?.Version ?? 0,
                sum);
        }).ToList();
    }

    /// <summary>Enters or revises one unit's target for a year. Returns the target's id.</summary>
    public async Task<CommandResult<int>> SetAsync(AnnualTargetInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        user.Demand(Permission.Edit);
        await using var db = await contexts.CreateAsync(ct);
        var unit = await db.Jurisdictions.AsNoTracking().FirstOrDefaultAsync(j => j.Id == input.JurisdictionId, ct);
        if (unit is null)
        {
            return CommandResult<int>.Failure(nameof(input.JurisdictionId), "所选辖区不存在或不在您的管辖范围内。");
        }

        if (unit.Id == user.JurisdictionId && unit.ParentId is not null)
        {
            return CommandResult<int>.Failure(nameof(input.JurisdictionId), SetByLevelAbove);
        }

        if (input.Year < ChinaTime.DateOf(clock.GetUtcNow()).Year)
        {
            return CommandResult<int>.Failure(nameof(input.Year), string.Format(CultureInfo.CurrentCulture, PastYear, input.Year));
        }

        var target = await db.AnnualTargets.FirstOrDefaultAsync(t => t.JurisdictionId == unit.Id && t.Year == input.Year, ct);
        if ((target?.Version ?? 0) != input.Version)
        {
            return CommandResult<int>.Failure(string.Empty, "保存失败：该目标已被其他用户修改。请刷新页面，核对最新内容后再修改。");
        }

        try
        {
            if (target is null)
            {
                target = AnnualTarget.Create(unit.Id, input.Year, input.UnitsToStart, input.UnitsToComplete, input.OverdueHouseholdsToResolve);
                db.AnnualTargets.Add(target);
            }
            else
            {
                target.Revise(input.UnitsToStart, input.UnitsToComplete, input.OverdueHouseholdsToResolve);
            }

            await db.SaveChangesAsync(ct);
            if (statistics is not null)
            {
                await statistics.UnitsChangedAsync([unit.Id], input.Year, ct);
            }

            return CommandResult<int>.Success(target.Id);
        }
        catch (DomainException ex)
        {
            return CommandResult<int>.Failure(ex.Field ?? string.Empty, ex.Message);
        }
        catch (DbUpdateException)
        {
            // A colleague entered the same unit's target for the year at the same moment (unique (unit, year)), or changed it.
            return CommandResult<int>.Failure(string.Empty, "保存失败：该目标已被其他用户修改。请刷新页面，核对最新内容后再修改。");
        }
    }
}

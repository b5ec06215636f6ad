using System.Linq.Expressions;
using AnjuPortal.Application.Common;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Jurisdictions;
using AnjuPortal.Domain.Projects;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Application.Projects;

/// <summary>
/// The project register 棚改项目库: list, detail, register and correct projects. Permissions are checked here;
/// tenancy is applied by the data layer, so a project of a sibling jurisdiction is simply not found.
/// </summary>
public sealed class ProjectRegister(IAppDbContextFactory contexts, ICrossTenantChecks crossTenant, ICurrentUser user)
{
    public async Task<PagedResult<ProjectListItem>> ListAsync(ProjectFilter filter, PageRequest page, CancellationToken ct = default)
    {
        user.Demand(Permission.View);
        await using var db = await contexts.CreateAsync(ct);
        var query = await filter.ApplyAsync(db.Projects.AsNoTracking(), db, ct);
        var total = await query.CountAsync(ct);
        var items = await Sort(query, page)
            .Skip(page.Skip)
            .Take(page.SafePageSize)
            .Select(p => new ProjectListItem(
                p.Id, p.Code, p.Name, p.Jurisdiction!.Name, p.BatchYear, p.PlannedUnits, p.UnitsStarted,
                p.UnitsBasicallyCompleted, p.Stage, p.ResettlementMode, p.ResponsibleOfficial, p.PlannedStartDate))
            .ToListAsync(ct);
        return new PagedResult<ProjectListItem>(items, total);
    }

    public async Task<ProjectDetail?> GetAsync(int id, CancellationToken ct = default)
    {
        user.Demand(Permission.View);
        await using var db = await contexts.CreateAsync(ct);
        var p = await db.Projects.AsNoTracking().Include(x => x.Jurisdiction).FirstOrDefaultAsync(x => x.Id == id, ct);
        return p is null ? null : new ProjectDetail(
            p.Id, p.Code, p.Name, p.JurisdictionId, p.Jurisdiction!.Name, p.BatchYear, p.PlannedUnits, p.ResettlementMode,
            p.Stage, p.ResponsibleOfficial, p.PlannedStartDate, p.PlannedCompletionDate, p.ActualStartDate, p.UnitsStarted,
            p.UnitsBasicallyCompleted, p.HouseholdsToExpropriate, p.HouseholdsSigned, p.HouseholdsMovedOut,
            p.Funding.OrderBy(f => f.Source).Select(f => new ProjectFundingRow(f.Source, f.Allocated, f.Received, f.Spent)).ToList(),
            p.Version, p.UpdatedAt, p.UpdatedBy);
    }

    public async Task<CommandResult<int>> RegisterAsync(ProjectInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        user.Demand(Permission.Edit);
        await using var db = await contexts.CreateAsync(ct);

        if (await FindUnitAsync(db, input.JurisdictionId, ct) is null)
        {
            return CommandResult<int>.Failure(nameof(input.JurisdictionId), "所选辖区不存在或不在您的管辖范围内。");
        }

        var code = input.Code.Trim().ToUpperInvariant();
        if (await crossTenant.ProjectCodeExistsAsync(code, null, ct))
        {
            return CommandResult<int>.Failure(nameof(input.Code), $"项目编号“{code}”已被使用，请换一个编号。");
        }

        try
        {
            var project = RenovationProject.Register(code, input.JurisdictionId, ToDetails(input));
            db.Projects.Add(project);
            await db.SaveChangesAsync(ct);
            return CommandResult<int>.Success(project.Id);
        }
        catch (DomainException ex)
        {
            return CommandResult<int>.Failure(ex.Field ?? string.Empty, ex.Message);
        }
        catch (DbUpdateException)
        {
            // Another user may have registered the same code between our check and our save.
            if (!await crossTenant.ProjectCodeExistsAsync(code, null, ct))
            {
                throw;
            }

            return CommandResult<int>.Failure(nameof(input.Code), $"项目编号“{code}”已被使用，请换一个编号。");
        }
    }

    public async Task<CommandResult<int>> ReviseAsync(int id, ProjectInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        user.Demand(Permission.Edit);
        await using var db = await contexts.CreateAsync(ct);
        var project = await db.Projects.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (project is null)
        {
            return CommandResult<int>.Failure(string.Empty, "项目不存在，或不在您的管辖范围内。");
        }

        if (project.Version != input.Version)
        {
            return Conflict(project);
        }

        try
        {
            project.Revise(ToDetails(input));
            await db.SaveChangesAsync(ct);
            return CommandResult<int>.Success(project.Id);
        }
        catch (DomainException ex)
        {
            return CommandResult<int>.Failure(ex.Field ?? string.Empty, ex.Message);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            // The entity holds our own stamps now; the message must name the save that won, so read it back.
            foreach (var entry in ex.Entries)
            {
                await entry.ReloadAsync(ct);
            }

            return Conflict(project);
        }
    }

    private static CommandResult<int> Conflict(RenovationProject project)
        => CommandResult<int>.Failure(string.Empty,
            $"保存失败：该项目已于 {project.UpdatedAt?.ToLocalTime():yyyy-MM-dd HH:mm} 被 {project.UpdatedBy ?? "其他用户"} 修改。请刷新页面，核对最新内容后再修改。您的修改未保存。");

    private static async Task<Jurisdiction?> FindUnitAsync(IAppDbContext db, int jurisdictionId, CancellationToken ct)
        => await db.Jurisdictions.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jurisdictionId, ct);

    private static RenovationProject.Details ToDetails(ProjectInput input)
    {
        var start = input.PlannedStartDate ?? throw new DomainException("请填写计划开工日期。", nameof(input.PlannedStartDate));
        var end = input.PlannedCompletionDate ?? throw new DomainException("请填写计划完工日期。", nameof(input.PlannedCompletionDate));
        return new RenovationProject.Details(
            input.Name, input.BatchYear, input.PlannedUnits, input.ResettlementMode, input.ResponsibleOfficial,
            DateOnly.FromDateTime(start), DateOnly.FromDateTime(end));
    }

    /// <summary>The list's order; the export takes the unsorted one (<c>new PageRequest()</c>).</summary>
    internal static IQueryable<RenovationProject> Sort(IQueryable<RenovationProject> query, PageRequest page) => page.SortBy switch
    {
        nameof(ProjectListItem.Name) => By(query, p => p.Name, page.Descending),
        nameof(ProjectListItem.JurisdictionName) => By(query, p => p.Jurisdiction!.Path, page.Descending),
        nameof(ProjectListItem.BatchYear) => By(query, p => p.BatchYear, page.Descending),
        nameof(ProjectListItem.PlannedUnits) => By(query, p => p.PlannedUnits, page.Descending),
        nameof(ProjectListItem.UnitsStarted) => By(query, p => p.UnitsStarted, page.Descending),
        nameof(ProjectListItem.Stage) => By(query, p => p.Stage, page.Descending),
        nameof(ProjectListItem.PlannedStartDate) => By(query, p => p.PlannedStartDate, page.Descending),
        nameof(ProjectListItem.Code) => By(query, p => p.Code, page.Descending),
        // Unsorted: the newest batch first, as a reviewer looks at this year's projects before old ones.
        _ => query.OrderByDescending(p => p.BatchYear).ThenBy(p => p.Code),
    };

    /// <summary>Orders by the key, then by code so that paging is stable.</summary>
    private static IQueryable<RenovationProject> By<TKey>(IQueryable<RenovationProject> query, Expression<Func<RenovationProject, TKey>> key, bool descending)
        => (descending ? query.OrderByDescending(key) : query.OrderBy(key)).ThenBy(p => p.Code);
}

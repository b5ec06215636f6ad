using AnjuPortal.Application.Common;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.OverdueResettlement;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Application.OverdueResettlement;

/// <summary>A milestone of a case's plan as the case page shows it; <paramref name="DaysOverdue"/> is 0 unless it is overdue.</summary>
public sealed record MilestoneRow(int Id, string Title, DateOnly DueDate, DateOnly? CompletedOn, int DaysOverdue);

/// <summary>One change of a case's category, for the history on the case page.</summary>
public sealed record CategoryChangeRow(OverdueCategory From, OverdueCategory To, string Reason, string ChangedBy, DateTimeOffset ChangedAt);

/// <summary>
/// The category facts and the plan 一项一案 of one case, as the case page tells them: the current category's facts and
/// which required ones are missing, the measures, the milestones, the warning light on <see cref="Today"/>, and every
/// earlier category with its reason. <see cref="Version"/> goes back with an edit, so a stale edit is refused.
/// </summary>
public sealed record CaseStory(
    int Id,
    int Version,
    OverdueCategory Category,
    CaseStatus Status,
    DateOnly TargetDate,
    string ResponsibleOfficial,
    string? Measures,
    CategoryDetails Details,
    IReadOnlyList<string> MissingFields,
    IReadOnlyList<MilestoneRow> Milestones,
    IReadOnlyList<CategoryChangeRow> CategoryChanges,
    CaseAlert Alert,
    DateOnly Today)
{
    public bool IsOpen => Status == CaseStatus.Open;
}

/// <summary>
/// Category facts and the plan of a ledger case: read with <see cref="Permission.View"/>, changed with
/// <see cref="Permission.Edit"/>, always within the user's subtree (a case elsewhere is not found). Each command takes the
/// version the user saw and refuses a save over someone else's newer one.
/// </summary>
public sealed class CasePlanning(IAppDbContextFactory contexts, ICurrentUser user, TimeProvider clock)
{
    public const string CaseNotFound = HouseholdRegister.CaseNotFound;

    public const string MilestoneNotFound = "该节点不存在。";

    /// <summary>Today in China: the date the warning light is read on.</summary>
    public DateOnly Today => ChinaTime.DateOf(clock.GetUtcNow());

    public async Task<CaseStory?> StoryAsync(int caseId, CancellationToken ct = default)
    {
        user.Demand(Permission.View);
        await using var db = await contexts.CreateAsync(ct);
        var overdueCase = await db.OverdueCases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == caseId, ct);
        return overdueCase is null ? null : StoryOf(overdueCase, Today);
    }

    internal static CaseStory StoryOf(OverdueCase c, DateOnly today) => new(
        c.Id, c.Version, c.Category, c.Status, c.TargetDate, c.ResponsibleOfficial, c.Measures, c.Details,
        c.MissingDetails().Select(f => f.Name).ToList(),
        c.Milestones.OrderBy(m => m.DueDate).ThenBy(m => m.Id)
            .Select(m => new MilestoneRow(m.Id, m.Title, m.DueDate, m.CompletedOn, m.IsOverdue(today) ? today.DayNumber - m.DueDate.DayNumber : 0))
            .ToList(),
        c.CategoryChanges.OrderByDescending(h => h.ChangedAt).ThenByDescending(h => h.Id)
            .Select(h => new CategoryChangeRow(h.FromCategory, h.ToCategory, h.Reason, h.ChangedBy, h.ChangedAt))
            .ToList(),
        c.Alert(today),
        today);

    /// <summary>Sets the facts of the case's current category (the other categories' facts stay as they are).</summary>
    public Task<CommandResult<int>> EditCategoryDetailsAsync(int caseId, int version, CategoryDetails details, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(details);
        return ChangeAsync(caseId, version, c => c.EditCategoryDetails(details), ct);
    }

    /// <summary>Moves the case to another category with a reason; the change is recorded and the old facts kept.</summary>
    public Task<CommandResult<int>> ChangeCategoryAsync(int caseId, int version, OverdueCategory to, string reason, CategoryDetails details, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(details);
        return ChangeAsync(caseId, version, c => c.ChangeCategory(to, reason, details, user.ActorName(), clock.GetUtcNow()), ct);
    }

    public Task<CommandResult<int>> EditPlanAsync(int caseId, int version, string? measures, string responsibleOfficial, CancellationToken ct = default)
        => ChangeAsync(caseId, version, c => c.EditPlan(measures, responsibleOfficial), ct);

    public Task<CommandResult<int>> AddMilestoneAsync(int caseId, int version, string title, DateOnly? dueDate, CancellationToken ct = default)
        => ChangeAsync(caseId, version, c => c.AddMilestone(
            title,
            dueDate ?? throw new DomainException(DomainText.Format(DomainText.Required, "计划完成日期"), nameof(CaseMilestone.DueDate))), ct);

    public Task<CommandResult<int>> CompleteMilestoneAsync(int caseId, int version, int milestoneId, DateOnly? completedOn, CancellationToken ct = default)
        => ChangeAsync(caseId, version, c => c.CompleteMilestone(
            c.Milestones.FirstOrDefault(m => m.Id == milestoneId) ?? throw new DomainException(MilestoneNotFound, nameof(CaseMilestone)),
            completedOn ?? throw new DomainException(DomainText.Format(DomainText.Required, "实际完成日期"), nameof(CaseMilestone.CompletedOn))), ct);

    /// <summary>Loads the case within the subtree, checks the version, applies the domain change and saves; returns the new version.</summary>
    private async Task<CommandResult<int>> ChangeAsync(int caseId, int version, Action<OverdueCase> change, CancellationToken ct)
    {
        user.Demand(Permission.Edit);
        await using var db = await contexts.CreateAsync(ct);
        var overdueCase = await db.OverdueCases.FirstOrDefaultAsync(c => c.Id == caseId, ct);
        if (overdueCase is null)
        {
            return CommandResult<int>.Failure(string.Empty, CaseNotFound);
        }

        if (overdueCase.Version != version)
        {
            return Conflict(overdueCase);
        }

        try
        {
            change(overdueCase);
            await db.SaveChangesAsync(ct);
            return CommandResult<int>.Success(overdueCase.Version);
        }
        catch (DomainException ex)
        {
            return CommandResult<int>.Failure(ex.Field ?? string.Empty, ex.Message);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            foreach (var entry in ex.Entries)
            {
                await entry.ReloadAsync(ct);
            }

            return Conflict(overdueCase);
        }
    }

    private static CommandResult<int> Conflict(OverdueCase overdueCase)
        => CommandResult<int>.Failure(string.Empty,
            $"保存失败：该台账项目已于 {overdueCase.UpdatedAt?.ToOffset(ChinaTime.Offset):yyyy-MM-dd HH:mm} 被 {overdueCase.UpdatedBy ?? "其他用户"} 修改。请刷新页面，核对最新内容后再修改。您的修改未保存。");
}

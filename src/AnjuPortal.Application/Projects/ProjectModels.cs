using System.ComponentModel.DataAnnotations;
using AnjuPortal.Application.Common;
using AnjuPortal.Domain.Projects;

namespace AnjuPortal.Application.Projects;

/// <summary>Filter of the project register list (and of its export, which must select exactly the same projects).</summary>
public sealed record ProjectFilter(string? Search = null, int? JurisdictionId = null, int? BatchYear = null, ProjectStage? Stage = null)
{
    internal async Task<IQueryable<RenovationProject>> ApplyAsync(IQueryable<RenovationProject> query, IAppDbContext db, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(Search))
        {
            var term = Search.Trim();
            query = query.Where(p => p.Name.Contains(term) || p.Code.Contains(term.ToUpper()) || p.ResponsibleOfficial.Contains(term));
        }

        query = await query.WithinUnitAsync(db, JurisdictionId, ct);

        if (BatchYear is { } year)
        {
            query = query.Where(p => p.BatchYear == year);
        }

        if (Stage is { } stage)
        {
            query = query.Where(p => p.Stage == stage);
        }

        return query;
    }
}

/// <summary>One row of the project register.</summary>
public sealed record ProjectListItem(
    int Id,
    string Code,
    string Name,
    string JurisdictionName,
    int BatchYear,
    int PlannedUnits,
    int UnitsStarted,
    int UnitsBasicallyCompleted,
    ProjectStage Stage,
    ResettlementMode ResettlementMode,
    string ResponsibleOfficial,
    DateOnly PlannedStartDate);

/// <summary>A project with everything the detail page shows.</summary>
public sealed record ProjectDetail(
    int Id,
    string Code,
    string Name,
    int JurisdictionId,
    string JurisdictionName,
    int BatchYear,
    int PlannedUnits,
    ResettlementMode ResettlementMode,
    ProjectStage Stage,
    string ResponsibleOfficial,
    DateOnly PlannedStartDate,
    DateOnly PlannedCompletionDate,
    DateOnly? ActualStartDate,
    int UnitsStarted,
    int UnitsBasicallyCompleted,
    int HouseholdsToExpropriate,
    int HouseholdsSigned,
    int HouseholdsMovedOut,
    IReadOnlyList<ProjectFundingRow> Funding,
    int Version,
    DateTimeOffset? UpdatedAt,
    string? UpdatedBy);

public sealed record ProjectFundingRow(FundingSource Source, decimal Allocated, decimal Received, decimal Spent);

/// <summary>
/// What the create / edit form binds to. Attributes give immediate feedback in the form; the domain checks
/// the same rules again on save, so a caller that skips the form gets the same answers.
/// </summary>
public sealed class ProjectInput
{
    [Required(ErrorMessage = "请填写项目编号。")]
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9-]{3,31}$", ErrorMessage = "项目编号只能包含字母、数字和连字符，长度 4–32 位。")]
    public string Code { get; set; } = string.Empty;

    [Required(ErrorMessage = "请填写项目名称。")]
    [StringLength(100, ErrorMessage = "项目名称不能超过 100 个字。")]
    public string Name { get; set; } = string.Empty;

    [Range(1, int.MaxValue, ErrorMessage = "请选择所属辖区。")]
    public int JurisdictionId { get; set; }

    [Range(2000, 2100, ErrorMessage = "批次年度应在 2000–2100 之间。")]
    public int BatchYear { get; set; } = DateTime.Today.Year;

    [Range(0, 1_000_000, ErrorMessage = "计划套数不能为负数，且不超过 1,000,000。")]
    public int PlannedUnits { get; set; }

    public ResettlementMode ResettlementMode { get; set; }

    [Required(ErrorMessage = "请填写责任人。")]
    [StringLength(50, ErrorMessage = "责任人不能超过 50 个字。")]
    public string ResponsibleOfficial { get; set; } = string.Empty;

    public DateTime? PlannedStartDate { get; set; } = DateTime.Today;

    public DateTime? PlannedCompletionDate { get; set; } = DateTime.Today.AddYears(2);

    /// <summary>The version the user started editing from; a save from an older version is refused.</summary>
    public int Version { get; set; }

    public static ProjectInput From(ProjectDetail d) => new()
    {
        Code = d.Code,
        Name = d.Name,
        JurisdictionId = d.JurisdictionId,
        BatchYear = d.BatchYear,
        PlannedUnits = d.PlannedUnits,
        ResettlementMode = d.ResettlementMode,
        ResponsibleOfficial = d.ResponsibleOfficial,
        PlannedStartDate = d.PlannedStartDate.ToDateTime(TimeOnly.MinValue),
        PlannedCompletionDate = d.PlannedCompletionDate.ToDateTime(TimeOnly.MinValue),
        Version = d.Version,
    };
}

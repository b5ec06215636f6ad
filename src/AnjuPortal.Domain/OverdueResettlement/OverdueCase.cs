using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Jurisdictions;
using AnjuPortal.Domain.PersonalData;
using AnjuPortal.Domain.Projects;

namespace AnjuPortal.Domain.OverdueResettlement;

/// <summary>
/// A case of the provincial ledger of overdue resettlement 逾期未安置台账: one per project, in one of the nine
/// categories, with its overdue households. Crossing off 销号 is the province's decision (its own issue).
/// </summary>
public sealed partial class OverdueCase : AggregateRoot, ITenantOwned
{
    private readonly List<OverdueHousehold> _households = [];

    private OverdueCase() => ResponsibleOfficial = string.Empty;

    public int JurisdictionId { get; private set; }
    public Jurisdiction? Jurisdiction { get; private set; }
    public int ProjectId { get; private set; }
    public RenovationProject? Project { get; private set; }
    public OverdueCategory Category { get; private set; }

    /// <summary>The date by which the case must be resolved, from the category's prescribed deadline.</summary>
    public DateOnly TargetDate { get; private set; }

    /// <summary>包保领导 / 责任人</summary>
    public string ResponsibleOfficial { get; private set; }
    public CaseStatus Status { get; private set; }
    public IReadOnlyCollection<OverdueHousehold> Households => _households;

    public static OverdueCase Open(RenovationProject project, OverdueCategory category, DateOnly targetDate, string responsibleOfficial)
    {
        ArgumentNullException.ThrowIfNull(project);
        return new OverdueCase
        {
            ProjectId = project.Id,
            Project = project,
            JurisdictionId = project.JurisdictionId,
            Category = category,
            TargetDate = targetDate,
            ResponsibleOfficial = Guard.Required(responsibleOfficial, nameof(ResponsibleOfficial), "包保领导", 50),
        };
    }

    public OverdueHousehold AddHousehold(string headName, IdCardNumber idNumber, PhoneNumber? phone, DateOnly promisedDate, IPersonalDataCipher protector)
    {
        EnsureOpen();
        var household = OverdueHousehold.Create(this, headName, idNumber, phone, promisedDate, protector);
        _households.Add(household);
        return household;
    }

    public void ResolveHousehold(OverdueHousehold household, ResolutionMethod method, DateOnly on)
    {
        EnsureOpen();
        ArgumentNullException.ThrowIfNull(household);
        household.Resolve(method, on);
    }

    private void EnsureOpen()
    {
        if (Status != CaseStatus.Open)
        {
            throw new DomainException(DomainText.Format(DomainText.CaseNotOpen, DomainText.Of(Status)));
        }
    }
}

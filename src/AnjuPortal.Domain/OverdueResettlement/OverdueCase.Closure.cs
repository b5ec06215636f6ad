using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Jurisdictions;

namespace AnjuPortal.Domain.OverdueResettlement;

/// <summary>
/// Crossing off 销号: a city (市、州) applies with a statement and evidence once every household is resolved; the
/// province verifies and closes the case, or returns the application with a reason; a closed case can be reopened
/// with a reason. Each step is a <see cref="CaseClosureStep"/> kept for ever. The methods expect
/// <see cref="ClosureSteps"/> to be loaded (the last application names the applicant unit).
/// </summary>
public sealed partial class OverdueCase
{
    public const int StatementMaxLength = CaseClosureStep.TextMaxLength;

    private readonly List<CaseClosureStep> _closureSteps = [];

    /// <summary>Every step of the 销号 workflow, oldest first once ordered by <see cref="CaseClosureStep.At"/>.</summary>
    public IReadOnlyCollection<CaseClosureStep> ClosureSteps => _closureSteps;

    /// <summary>The application now awaiting the province, if any.</summary>
    public CaseClosureStep? PendingApplication
        => Status == CaseStatus.ClosureApplied
            ? _closureSteps.Where(s => s.Kind == ClosureStepKind.Applied).OrderBy(s => s.At).ThenBy(s => s.Id).LastOrDefault()
            : null;

    /// <summary>
    /// 申请销号. Only a prefecture-level unit (市、州) applies (a county prepares the material, the city answers for it);
    /// refused while a household is unresolved, without evidence or statement, or unless the case is open.
    /// </summary>
    public CaseClosureStep ApplyForClosure(string statement, IReadOnlyCollection<EvidenceFile> evidence, int unresolvedHouseholds, ClosureActor actor, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(actor);
        EnsureCanApplyForClosure(statement, evidence.Count, unresolvedHouseholds, actor);
        var text = statement.Trim();
        Status = CaseStatus.ClosureApplied;
        return AddStep(ClosureStepKind.Applied, actor, at, text, evidence);
    }

    /// <summary>
    /// The checks of <see cref="ApplyForClosure"/> that need no stored file, in the order a user meets them: the case's
    /// status, the applicant's level, the households, the statement, the evidence. The use case runs them before it
    /// stores any file, so a refused application leaves nothing behind.
    /// </summary>
    public void EnsureCanApplyForClosure(string statement, int evidenceCount, int unresolvedHouseholds, ClosureActor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        switch (Status)
        {
            case CaseStatus.Closed:
                throw new DomainException(DomainText.ClosureApplyClosed);
            case CaseStatus.ClosureApplied:
                throw new DomainException(DomainText.ClosureAlreadyApplied);
        }

        if (actor.Level != JurisdictionLevel.Prefecture)
        {
            throw new DomainException(DomainText.Format(DomainText.ClosureApplyByCity, actor.UnitName));
        }

        if (unresolvedHouseholds > 0)
        {
            throw new DomainException(DomainText.Format(DomainText.ClosureUnresolvedHouseholds, unresolvedHouseholds));
        }

        Guard.Required(statement, "Statement", "申请说明", StatementMaxLength);
        if (evidenceCount == 0)
        {
            throw new DomainException(DomainText.ClosureEvidenceRequired, "Evidence");
        }
    }

    /// <summary>退回: the province sends the pending application back with a reason; the case is open again.</summary>
    public CaseClosureStep ReturnClosure(string reason, ClosureActor actor, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(actor);
        EnsureApplied(DomainText.ClosureReturnNotApplied);
        EnsureReviewer(actor);
        var text = Guard.Required(reason, "Reason", "退回原因", StatementMaxLength);
        Status = CaseStatus.Open;
        return AddStep(ClosureStepKind.Returned, actor, at, text, []);
    }

    /// <summary>核验销号: the province, having verified the evidence, crosses the case off, with its opinion 核验意见.</summary>
    public CaseClosureStep Close(string opinion, ClosureActor actor, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(actor);
        EnsureApplied(DomainText.ClosureCloseNotApplied);
        EnsureReviewer(actor);
        var text = Guard.Required(opinion, "Opinion", "核验意见", StatementMaxLength);
        Status = CaseStatus.Closed;
        return AddStep(ClosureStepKind.Closed, actor, at, text, []);
    }

    /// <summary>重新打开: the province reopens a closed case with a reason; it is open again and its history stays.</summary>
    public CaseClosureStep Reopen(string reason, ClosureActor actor, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (Status != CaseStatus.Closed)
        {
            throw new DomainException(DomainText.Format(DomainText.ClosureReopenNotClosed, DomainText.Of(Status)));
        }

        EnsureProvince(actor);
        var text = Guard.Required(reason, "Reason", "重新打开原因", StatementMaxLength);
        Status = CaseStatus.Open;
        return AddStep(ClosureStepKind.Reopened, actor, at, text, []);
    }

    private void EnsureApplied(string template)
    {
        if (Status != CaseStatus.ClosureApplied)
        {
            throw new DomainException(DomainText.Format(template, DomainText.Of(Status)));
        }
    }

    /// <summary>Only the province decides, and never on an application of its own unit.</summary>
    private void EnsureReviewer(ClosureActor actor)
    {
        EnsureProvince(actor);
        if (PendingApplication is { } application && application.UnitId == actor.UnitId)
        {
            throw new DomainException(DomainText.ClosureOwnApplication);
        }
    }

    private static void EnsureProvince(ClosureActor actor)
    {
        if (actor.Level != JurisdictionLevel.Province)
        {
            throw new DomainException(DomainText.Format(DomainText.ClosureByProvinceOnly, actor.UnitName));
        }
    }

    private CaseClosureStep AddStep(ClosureStepKind kind, ClosureActor actor, DateTimeOffset at, string? text, IEnumerable<EvidenceFile> evidence)
    {
        var step = CaseClosureStep.Create(this, kind, actor, at, text, evidence);
        _closureSteps.Add(step);
        return step;
    }
}

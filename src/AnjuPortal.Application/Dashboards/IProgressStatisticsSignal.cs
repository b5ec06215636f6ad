namespace AnjuPortal.Application.Dashboards;

/// <summary>
/// Told by a use case, after its save, which units' figures it changed (an approval, a household's resolution, a
/// target), so that the dashboards' live month follows within the request. Never fails the use case: the change is
/// saved already, and the recurring statistics job recomputes whatever a failed signal missed.
/// </summary>
public interface IProgressStatisticsSignal
{
    Task UnitsChangedAsync(IReadOnlyCollection<int> unitIds, int? year = null, CancellationToken ct = default);
}

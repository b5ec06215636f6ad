namespace AnjuPortal.Domain.Progress;

/// <summary>
/// One row (<see cref="SingletonId"/>): a counter raised by one in the same transaction as every write of
/// <see cref="ProgressStat"/> rows. A process that keeps built dashboards reads it in one primary-key read to know
/// whether any statistics changed since it built them, whichever process wrote them (ADR-013).
/// </summary>
public sealed class StatisticsGeneration
{
    public const int SingletonId = 1;

    private StatisticsGeneration() { }

    public int Id { get; private set; }

    public long Value { get; private set; }
}

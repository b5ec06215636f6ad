using System.Collections.Concurrent;
using AnjuPortal.Application.Common;
using AnjuPortal.Domain.Progress;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AnjuPortal.Application.Dashboards;

/// <summary>
/// Built dashboards of this process, shared by every user of the same scope (ADR-013). A view is kept with the
/// <see cref="StatisticsGeneration"/> it was built under and served only while that is still the generation: the
/// counter is read from the database at most every <see cref="DashboardOptions.CacheCheckSeconds"/> (so a change
/// written by another web node or the job service shows within that time), and a statistics write in this process
/// drops every view at once (<see cref="Invalidate"/>, so the user who approved a report sees it on the next render).
/// Bounded by <see cref="DashboardOptions.CacheMaxViews"/>; 0 turns it off. Holds no personal data: a view is figures
/// and unit names.
/// </summary>
public sealed class DashboardViewCache(ISystemDbContextFactory contexts, TimeProvider clock, IOptions<DashboardOptions> options)
{
    private const long Unknown = -1;
    private readonly ConcurrentDictionary<Key, (long Generation, DashboardView View)> _views = new();
    private readonly SemaphoreSlim _check = new(1, 1);
    private long _generation = Unknown;
    private long _checkedAt;
    private long _invalidations;

    /// <summary>What a view depends on besides the statistics: the reader's scope (tenancy and the way back up), what was asked, and the day (deadlines).</summary>
    public readonly record struct Key(string Scope, int? Unit, int? Year, int? Month, DateOnly Today);

    public bool Enabled => options.Value.CacheMaxViews > 0;

    /// <summary>Views currently held (for the tests and the benchmark).</summary>
    public int Count => _views.Count;

    /// <summary>The statistics generation views are valid for: the last one read, or the database's when that is older than the check interval.</summary>
    public async ValueTask<long> GenerationAsync(CancellationToken ct = default)
    {
        var known = Interlocked.Read(ref _generation);
        if (known != Unknown && Fresh())
        {
            return known;
        }

        await _check.WaitAsync(ct);
        try
        {
            known = Interlocked.Read(ref _generation);
            if (known != Unknown && Fresh())
            {
                return known;
            }

            var invalidations = Interlocked.Read(ref _invalidations);
            var startedAt = clock.GetTimestamp();
            long current;
            await using (var db = await contexts.CreateAsync(ct))
            {
                current = await db.StatisticsGenerations.AsNoTracking()
                    .Where(g => g.Id == StatisticsGeneration.SingletonId).Select(g => g.Value).SingleAsync(ct);
            }

            if (current != known)
            {
                _views.Clear();
            }

            // A write of this process committed while we read: what we read may be from before it, so do not trust it.
            if (Interlocked.Read(ref _invalidations) == invalidations)
            {
                Interlocked.Exchange(ref _checkedAt, startedAt);
                Interlocked.Exchange(ref _generation, current);
            }

            return current;
        }
        finally
        {
            _check.Release();
        }
    }

    public bool TryGet(Key key, long generation, out DashboardView? view)
    {
        if (_views.TryGetValue(key, out var held) && held.Generation == generation)
        {
            view = held.View;
            return true;
        }

        view = null;
        return false;
    }

    /// <summary>Keeps <paramref name="view"/>, built after reading <paramref name="generation"/>, unless the statistics changed meanwhile.</summary>
    public void Store(Key key, long generation, DashboardView view)
    {
        if (Interlocked.Read(ref _generation) != generation)
        {
            return;
        }

        if (_views.Count >= options.Value.CacheMaxViews)
        {
            _views.Clear();
        }

        _views[key] = (generation, view);
    }

    /// <summary>A statistics write of this process committed: every view is dropped and the counter read again on the next render.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _invalidations);
        Interlocked.Exchange(ref _generation, Unknown);
        _views.Clear();
    }

    private bool Fresh() => clock.GetElapsedTime(Interlocked.Read(ref _checkedAt)) < TimeSpan.FromSeconds(options.Value.CacheCheckSeconds);
}

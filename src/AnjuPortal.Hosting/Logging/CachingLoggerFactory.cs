using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AnjuPortal.Hosting.Logging;

/// <summary>
/// One logger per category, as Microsoft's own <see cref="LoggerFactory"/> keeps them. Serilog's factory makes a new
/// logger, with its own enrichers and event-id cache, on every <c>CreateLogger</c> call, and Blazor Server asks for
/// about nine of them for every circuit (its renderer, circuit host, JS runtime, navigation manager, authentication
/// state provider, …): some 6 KB of each open session's memory that needs to exist once (issue #8).
/// </summary>
public sealed class CachingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    private readonly ConcurrentDictionary<string, ILogger> _loggers = new(StringComparer.Ordinal);

    public ILogger CreateLogger(string categoryName) => _loggers.GetOrAdd(categoryName, inner.CreateLogger);

    public void AddProvider(ILoggerProvider provider)
    {
        inner.AddProvider(provider);
        _loggers.Clear();
    }

    public void Dispose() => inner.Dispose();
}

using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AnjuPortal.Benchmarks;

/// <summary>
/// The database commands one piece of work runs, with each command's time from execution to its reader's disposal,
/// heard on EF Core's diagnostic listener (no change to the contexts under test). For the report: how much of a
/// render is the database and how many round trips it makes.
/// </summary>
internal sealed class CommandProfile : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly List<IDisposable> _subscriptions = [];
    private readonly List<(string Text, double Milliseconds)> _commands = [];
    private readonly object _gate = new();

    private CommandProfile() => _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));

    public static async Task<(T Result, List<(string Text, double Milliseconds)> Commands, double Wall)> RunAsync<T>(Func<Task<T>> work)
    {
        using var profile = new CommandProfile();
        var stopwatch = Stopwatch.StartNew();
        var result = await work();
        var wall = stopwatch.Elapsed.TotalMilliseconds;
        lock (profile._gate)
        {
            return (result, [.. profile._commands], wall);
        }
    }

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
        {
            lock (_gate)
            {
                _subscriptions.Add(value.Subscribe(this));
            }
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Value is DataReaderDisposingEventData reader)
        {
            Add(reader.Command.CommandText, reader.Duration);
        }
        else if (value.Key == RelationalEventId.CommandExecuted.Name && value.Value is CommandExecutedEventData executed && executed.Result is not System.Data.Common.DbDataReader)
        {
            Add(executed.Command.CommandText, executed.Duration);
        }
    }

    private void Add(string text, TimeSpan duration)
    {
        lock (_gate)
        {
            _commands.Add((text, duration.TotalMilliseconds));
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var subscription in _subscriptions)
            {
                subscription.Dispose();
            }
        }
    }
}

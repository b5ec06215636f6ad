namespace AnjuPortal.Application.Common;

/// <summary>
/// The outcome of a command: success with a value, or errors in Chinese keyed by the input field they belong
/// to (an empty key is an error about the whole form). Nothing is saved when there are errors.
/// </summary>
public sealed class CommandResult<T>
{
    private CommandResult(T? value, IReadOnlyDictionary<string, string> errors)
    {
        Value = value;
        Errors = errors;
    }

    public T? Value { get; }

    public IReadOnlyDictionary<string, string> Errors { get; }

    public bool Succeeded => Errors.Count == 0;

    public static CommandResult<T> Success(T value) => new(value, new Dictionary<string, string>());

    public static CommandResult<T> Failure(string field, string message) => new(default, new Dictionary<string, string> { [field] = message });

    /// <summary>Several errors at once, e.g. a summary under the empty key and one message per offending line or figure.</summary>
    public static CommandResult<T> Failure(IReadOnlyDictionary<string, string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.Count > 0 ? new(default, errors) : throw new ArgumentException("A failure needs at least one error.", nameof(errors));
    }

    public string? ErrorFor(string field) => Errors.TryGetValue(field, out var message) ? message : null;

    public override string ToString() => Succeeded ? $"OK {Value}" : string.Join("; ", Errors.Select(e => $"{e.Key}: {e.Value}"));
}

/// <summary>One page of a server-side paged list, with the total row count for the pager.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int TotalCount);

/// <summary>Paging and sorting requested by a grid.</summary>
public sealed record PageRequest(int Page = 0, int PageSize = 20, string? SortBy = null, bool Descending = false)
{
    public const int MaxPageSize = 200;

    public int SafePageSize => Math.Clamp(PageSize, 1, MaxPageSize);

    public int Skip => Math.Max(Page, 0) * SafePageSize;
}

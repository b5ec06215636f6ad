using System.Text.RegularExpressions;

namespace AnjuPortal.Deploy.Tests;

/// <summary>
/// The keys docs/configuration.md lists: every backticked key in the first cell of a table row. A key is listed when
/// that row exists; mentioning it in prose does not count. Comparison ignores case and array indexes
/// (<c>ReverseProxy:KnownProxies:0</c> is <c>ReverseProxy:KnownProxies</c>), as configuration does.
/// </summary>
internal sealed partial class ConfigurationReference
{
    public const string File = "docs/configuration.md";

    private readonly HashSet<string> _keys;

    private ConfigurationReference(IEnumerable<string> keys) => _keys = keys.Select(Normalize).ToHashSet(StringComparer.OrdinalIgnoreCase);

    public static ConfigurationReference Load() => Parse(RepositoryFiles.Read(File));

    public static ConfigurationReference Parse(string markdown)
    {
        var keys = new List<string>();
        foreach (var line in markdown.Split('\n'))
        {
            var trimmed = line.Trim();
            if (!trimmed.StartsWith('|'))
            {
                continue;
            }

            var firstCell = trimmed[1..].Split('|')[0];
            keys.AddRange(Backticked().Matches(firstCell).Select(m => m.Groups[1].Value.Trim()).Where(IsKeyShaped));
        }

        return new ConfigurationReference(keys);
    }

    public IReadOnlyCollection<string> Keys => _keys;

    /// <summary>Exactly this key (a setting read by name, or one a deployment file sets).</summary>
    public bool Lists(string key) => _keys.Contains(Normalize(key));

    /// <summary>This key or a key below it (a section read as a whole, e.g. <c>DataProtection:Certificate</c>).</summary>
    public bool ListsSection(string key)
    {
        var normalized = Normalize(key);
        return _keys.Contains(normalized) || _keys.Any(k => k.StartsWith(normalized + ":", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The configuration key of an environment variable: <c>Section__Key</c> is <c>Section:Key</c>.</summary>
    public static string KeyOfVariable(string variable) => variable.Replace("__", ":", StringComparison.Ordinal);

    public static string Normalize(string key)
        => string.Join(':', key.Split(':').Where(part => !part.All(char.IsAsciiDigit)));

    private static bool IsKeyShaped(string text) => KeyShape().IsMatch(text);

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Backticked();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_]*(:[A-Za-z0-9_]+)*$")]
    private static partial Regex KeyShape();
}

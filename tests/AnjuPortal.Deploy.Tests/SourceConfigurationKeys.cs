using System.Text.Json;
using System.Text.RegularExpressions;

namespace AnjuPortal.Deploy.Tests;

/// <summary>A configuration key the code reads, where (file) and whether it is read as a whole section.</summary>
internal sealed record SourceKey(string Key, string File, bool IsSection);

/// <summary>
/// Finds the configuration keys the code in src/ reads, by pattern: <c>configuration["A:B"]</c>,
/// <c>GetValue("A:B", ...)</c>, <c>GetSection("A:B")</c>, <c>GetConnectionString("X")</c>, <c>BindConfiguration("A")</c>,
/// the settable properties of options classes that name their section in a <c>const string Section = "A"</c>, and
/// every leaf of the appsettings.json files.
/// </summary>
internal static partial class SourceConfigurationKeys
{
    public static IReadOnlyList<SourceKey> Scan()
    {
        var keys = new List<SourceKey>();
        foreach (var file in RepositoryFiles.Find("src", "*.cs"))
        {
            keys.AddRange(ScanCode(RepositoryFiles.Read(file), file));
        }

        foreach (var file in RepositoryFiles.Find("src", "appsettings*.json"))
        {
            keys.AddRange(ScanAppSettings(RepositoryFiles.Read(file), file));
        }

        return keys;
    }

    public static IEnumerable<SourceKey> ScanCode(string code, string file)
    {
        foreach (Match m in Indexer().Matches(code))
        {
            yield return new SourceKey(m.Groups["k"].Value, file, false);
        }

        foreach (Match m in GetValue().Matches(code))
        {
            yield return new SourceKey(m.Groups["k"].Value, file, false);
        }

        foreach (Match m in GetSection().Matches(code))
        {
            yield return new SourceKey(m.Groups["k"].Value, file, true);
        }

        foreach (Match m in BindConfiguration().Matches(code))
        {
            yield return new SourceKey(m.Groups["k"].Value, file, true);
        }

        foreach (Match m in ConnectionString().Matches(code))
        {
            yield return new SourceKey("ConnectionStrings:" + m.Groups["k"].Value, file, false);
        }

        // Options classes: each top-level type of the file is a block; a block naming its section lists its properties.
        var starts = TypeDeclaration().Matches(code).Select(m => m.Index).Append(code.Length).ToList();
        for (var i = 0; i < starts.Count - 1; i++)
        {
            var block = code[starts[i]..starts[i + 1]];
            if (SectionConstant().Match(block) is { Success: true } section)
            {
                foreach (Match property in SettableProperty().Matches(block))
                {
                    yield return new SourceKey(section.Groups["k"].Value + ":" + property.Groups["name"].Value, file, false);
                }
            }
        }
    }

    public static IEnumerable<SourceKey> ScanAppSettings(string json, string file)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var leaves = new List<SourceKey>();
        Walk(document.RootElement, string.Empty);
        return leaves;

        void Walk(JsonElement element, string path)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        Walk(property.Value, path.Length == 0 ? property.Name : path + ":" + property.Name);
                    }

                    break;
                case JsonValueKind.Array when element.GetArrayLength() > 0:
                    var index = 0;
                    foreach (var item in element.EnumerateArray())
                    {
                        Walk(item, path + ":" + index++);
                    }

                    break;
                default:
                    leaves.Add(new SourceKey(path, file, false));
                    break;
            }
        }
    }

    [GeneratedRegex(@"(?i:configuration|config)\s*\[\s*""(?<k>[^""]+)""\s*\]")]
    private static partial Regex Indexer();

    [GeneratedRegex(@"\bGetValue(?:<[^>()]+>)?\(\s*""(?<k>[^""]+)""")]
    private static partial Regex GetValue();

    [GeneratedRegex(@"\bGetSection\(\s*""(?<k>[^""]+)""\s*\)")]
    private static partial Regex GetSection();

    [GeneratedRegex(@"\bBindConfiguration\(\s*""(?<k>[^""]+)""")]
    private static partial Regex BindConfiguration();

    [GeneratedRegex(@"\bGetConnectionString\(\s*""(?<k>[^""]+)""\s*\)")]
    private static partial Regex ConnectionString();

    [GeneratedRegex(@"(?m)^(?:public|internal)\s+(?:(?:sealed|static|partial|abstract)\s+)*(?:class|record)\s+\w+")]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"const\s+string\s+Section\w*\s*=\s*""(?<k>[^""]+)""")]
    private static partial Regex SectionConstant();

    [GeneratedRegex(@"(?m)^\s+public\s+(?!const\b|static\b)[\w<>\[\]?,.\s]+?\s+(?<name>\w+)\s*\{\s*get;\s*(?:set|init);")]
    private static partial Regex SettableProperty();
}

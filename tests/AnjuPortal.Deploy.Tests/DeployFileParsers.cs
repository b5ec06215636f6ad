using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace AnjuPortal.Deploy.Tests;

/// <summary>One Dockerfile instruction (continuation lines joined), e.g. ("FROM", "image AS build").</summary>
internal sealed record DockerInstruction(string Name, string Arguments);

internal static partial class Dockerfile
{
    public static IReadOnlyList<DockerInstruction> Parse(string text)
    {
        var instructions = new List<DockerInstruction>();
        var current = new StringBuilder();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (current.Length == 0 && (line.TrimStart().StartsWith('#') || string.IsNullOrWhiteSpace(line)))
            {
                continue;
            }

            if (current.Length > 0 && line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            var continued = line.EndsWith('\\');
            current.Append(continued ? line[..^1] : line).Append(' ');
            if (!continued)
            {
                var joined = current.ToString().Trim();
                var space = joined.IndexOf(' ', StringComparison.Ordinal);
                instructions.Add(new DockerInstruction(joined[..space].ToUpperInvariant(), joined[(space + 1)..].Trim()));
                current.Clear();
            }
        }

        return instructions;
    }

    /// <summary>Variables an ENV instruction sets (the KEY=VALUE form, several per instruction).</summary>
    public static IEnumerable<KeyValuePair<string, string>> EnvVariables(DockerInstruction env)
        => EnvPair().Matches(env.Arguments).Select(m => KeyValuePair.Create(m.Groups["k"].Value, m.Groups["v"].Value.Trim('"')));

    [GeneratedRegex(@"(?<k>[A-Za-z_][A-Za-z0-9_]*)=(?<v>""[^""]*""|\S*)")]
    private static partial Regex EnvPair();
}

/// <summary>A systemd unit file: (section, key, value) in order; Environment= lines split into variables.</summary>
internal sealed partial class SystemdUnit
{
    public required IReadOnlyList<(string Section, string Key, string Value)> Entries { get; init; }

    public static SystemdUnit Parse(string text)
    {
        var entries = new List<(string, string, string)>();
        var section = string.Empty;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith(';'))
            {
                continue;
            }

            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                section = line[1..^1];
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException("Not a unit line: " + line);
            }

            entries.Add((section, line[..equals].Trim(), line[(equals + 1)..].Trim()));
        }

        return new SystemdUnit { Entries = entries };
    }

    public IReadOnlyList<string> Values(string section, string key)
        => Entries.Where(e => e.Section == section && e.Key == key).Select(e => e.Value).ToList();

    public string? Value(string section, string key) => Values(section, key).LastOrDefault();

    /// <summary>Variables of the [Service] Environment= lines (quoted "A=B" words or plain A=B words); later lines win.</summary>
    public IReadOnlyDictionary<string, string> Environment()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in Values("Service", "Environment"))
        {
            foreach (Match word in EnvironmentWord().Matches(value))
            {
                var text = word.Groups["q"].Success ? word.Groups["q"].Value : word.Groups["w"].Value;
                var equals = text.IndexOf('=', StringComparison.Ordinal);
                variables[text[..equals]] = text[(equals + 1)..];
            }
        }

        return variables;
    }

    [GeneratedRegex(@"""(?<q>[^""]+)""|(?<w>[^\s""]+)")]
    private static partial Regex EnvironmentWord();
}

/// <summary>An environment file: KEY=VALUE lines, # comments.</summary>
internal static class EnvFile
{
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(string text)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException("Not a KEY=VALUE line: " + line);
            }

            pairs.Add(KeyValuePair.Create(line[..equals], line[(equals + 1)..]));
        }

        return pairs;
    }
}

/// <summary>An nginx configuration as a tree of directives and blocks (comments dropped, quotes kept as one word).</summary>
internal sealed record NginxDirective(string Name, IReadOnlyList<string> Arguments, IReadOnlyList<NginxDirective>? Block)
{
    public IEnumerable<NginxDirective> Children(string name) => (Block ?? []).Where(d => d.Name == name);

    public NginxDirective? Child(string name) => Children(name).FirstOrDefault();

    public static IReadOnlyList<NginxDirective> Parse(string text)
    {
        var tokens = Tokenize(text);
        var position = 0;
        var result = ParseBlock(tokens, ref position, topLevel: true);
        return result;
    }

    private static List<NginxDirective> ParseBlock(IReadOnlyList<string> tokens, ref int position, bool topLevel)
    {
        var directives = new List<NginxDirective>();
        var words = new List<string>();
        while (position < tokens.Count)
        {
            var token = tokens[position++];
            switch (token)
            {
                case ";":
                    directives.Add(new NginxDirective(words[0], words.Skip(1).ToList(), null));
                    words = [];
                    break;
                case "{":
                    var block = ParseBlock(tokens, ref position, topLevel: false);
                    directives.Add(new NginxDirective(words[0], words.Skip(1).ToList(), block));
                    words = [];
                    break;
                case "}":
                    if (topLevel || words.Count > 0)
                    {
                        throw new FormatException("Unbalanced } or a directive without ;");
                    }

                    return directives;
                default:
                    words.Add(token);
                    break;
            }
        }

        if (!topLevel || words.Count > 0)
        {
            throw new FormatException("Unclosed block or a directive without ;");
        }

        return directives;
    }

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '#')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }
            }
            else if (c is ';' or '{' or '}')
            {
                tokens.Add(c.ToString());
                i++;
            }
            else if (c is '"' or '\'')
            {
                var end = text.IndexOf(c, i + 1);
                tokens.Add(text[(i + 1)..end]);
                i = end + 1;
            }
            else
            {
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not (';' or '{' or '}'))
                {
                    i++;
                }

                tokens.Add(text[start..i]);
            }
        }

        return tokens;
    }
}

/// <summary>A compose file read with YamlDotNet, merge keys (&lt;&lt;: *anchor) applied.</summary>
internal sealed class ComposeFile
{
    public required string Path { get; init; }

    public required YamlMappingNode Root { get; init; }

    public static ComposeFile Load(string relativePath)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(RepositoryFiles.Read(relativePath));
        stream.Load(reader);
        return new ComposeFile { Path = relativePath, Root = (YamlMappingNode)stream.Documents.Single().RootNode };
    }

    public IReadOnlyDictionary<string, YamlMappingNode> Services()
        => Merged((YamlMappingNode)Root.Children[new YamlScalarNode("services")])
            .ToDictionary(p => p.Key, p => (YamlMappingNode)p.Value);

    /// <summary>The entries of a mapping with its merge keys applied (the mapping's own entries win).</summary>
    public static Dictionary<string, YamlNode> Merged(YamlMappingNode mapping)
    {
        var result = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        if (mapping.Children.TryGetValue(new YamlScalarNode("<<"), out var merge))
        {
            var sources = merge is YamlSequenceNode list ? list.Children.Cast<YamlMappingNode>() : [(YamlMappingNode)merge];
            foreach (var source in sources)
            {
                foreach (var (key, value) in Merged(source))
                {
                    result[key] = value;
                }
            }
        }

        foreach (var (key, value) in mapping.Children)
        {
            var name = ((YamlScalarNode)key).Value!;
            if (name != "<<")
            {
                result[name] = value;
            }
        }

        return result;
    }

    public static YamlNode? Get(YamlMappingNode service, string key) => Merged(service).GetValueOrDefault(key);

    public static string? Scalar(YamlMappingNode service, params string[] path)
    {
        YamlNode? node = service;
        foreach (var key in path)
        {
            node = node is YamlMappingNode m ? Merged(m).GetValueOrDefault(key) : null;
        }

        return (node as YamlScalarNode)?.Value;
    }

    /// <summary>The service's environment, as a mapping or a list of KEY=VALUE, merge keys applied.</summary>
    public static IReadOnlyDictionary<string, string> Environment(YamlMappingNode service)
    {
        return Get(service, "environment") switch
        {
            YamlMappingNode map => Merged(map).ToDictionary(p => p.Key, p => ((YamlScalarNode)p.Value).Value ?? string.Empty),
            YamlSequenceNode list => list.Children.Select(n => ((YamlScalarNode)n).Value!)
                .ToDictionary(s => s.Split('=', 2)[0], s => s.Contains('=', StringComparison.Ordinal) ? s.Split('=', 2)[1] : string.Empty),
            _ => new Dictionary<string, string>(),
        };
    }

    public static IReadOnlyList<string> Sequence(YamlMappingNode service, string key)
        => Get(service, key) switch
        {
            YamlSequenceNode list => list.Children.Select(n => ((YamlScalarNode)n).Value!).ToList(),
            YamlScalarNode scalar => [scalar.Value!],
            _ => [],
        };
}

using AnjuPortal.Application.Security;

namespace AnjuPortal.Web.Tests.Security;

/// <summary>The permission table in docs/security.md is written by hand: it must say exactly what <see cref="RolePermissions"/> grants.</summary>
public sealed class SecurityDocumentationTests
{
    private const string Start = "<!-- permission-table:start -->";
    private const string End = "<!-- permission-table:end -->";

    [Fact]
    public void PermissionTable_InDocs_MatchesRolePermissions()
    {
        var rows = TableRows();
        // A cell's first word is the identifier ("View 查看", "CityOperator 市（州）填报员"); the rest is for readers.
        var header = rows[0].Skip(1).Select(FirstWord).ToList();
        Assert.Equal(Enum.GetNames<Permission>().Order(), header.Order());

        var body = rows.Skip(2).ToList(); // after the header and the |---| line
        Assert.Equal(Roles.All.Order(), body.Select(r => FirstWord(r[0])).Order());

        var differences = new List<string>();
        foreach (var row in body)
        {
            var role = FirstWord(row[0]);
            Assert.Equal(header.Count + 1, row.Count);
            for (var i = 0; i < header.Count; i++)
            {
                var documented = row[i + 1] switch
                {
                    "✓" => true,
                    "" => false,
                    var other => throw new Xunit.Sdk.XunitException($"Cell '{other}' for {role}/{header[i]}: use ✓ or leave it empty"),
                };
                var granted = RolePermissions.Grants(role, Enum.Parse<Permission>(header[i]));
                if (documented != granted)
                {
                    differences.Add($"{role} {header[i]}: docs say {(documented ? "granted" : "not granted")}, RolePermissions says {(granted ? "granted" : "not granted")}");
                }
            }
        }

        Assert.True(differences.Count == 0, "docs/security.md and RolePermissions differ:\n" + string.Join("\n", differences));
    }

    private static List<List<string>> TableRows()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "security.md"));
        var from = text.IndexOf(Start, StringComparison.Ordinal);
        var to = text.IndexOf(End, StringComparison.Ordinal);
        Assert.True(from >= 0 && to > from, $"docs/security.md must hold the table between {Start} and {End}");
        return text[(from + Start.Length)..to]
            .Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Trim('|').Split('|').Select(c => c.Trim()).ToList())
            .ToList();
    }

    private static string FirstWord(string cell) => cell.Split(' ', 2)[0];

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "AnjuPortal.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("AnjuPortal.sln not found above " + AppContext.BaseDirectory);
    }
}

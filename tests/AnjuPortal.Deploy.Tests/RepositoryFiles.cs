namespace AnjuPortal.Deploy.Tests;

/// <summary>Paths in the repository the tests run from (found by walking up to AnjuPortal.sln).</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    /// <summary>Files under a folder of the repository whose name matches the pattern, as repository-relative paths with '/'.</summary>
    public static IReadOnlyList<string> Find(string folder, string pattern)
        => Directory.EnumerateFiles(PathOf(folder), pattern, SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AnjuPortal.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("AnjuPortal.sln not found above " + AppContext.BaseDirectory);
    }
}

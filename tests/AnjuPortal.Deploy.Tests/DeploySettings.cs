namespace AnjuPortal.Deploy.Tests;

/// <summary>Checks shared by the deployment file tests.</summary>
internal static class DeploySettings
{
    public static ConfigurationReference Reference { get; } = ConfigurationReference.Load();

    /// <summary>
    /// Variables a deployment file passes to the app that docs/configuration.md does not list: Section__Key as the key
    /// Section:Key, other names (ASPNETCORE_URLS, ...) as they are.
    /// </summary>
    public static IReadOnlyList<string> Undocumented(IEnumerable<string> variables, string file)
        => variables.Where(v => !Reference.Lists(ConfigurationReference.KeyOfVariable(v)))
            .Select(v => $"{v} (set in {file})")
            .ToList();

    /// <summary>Settings whose value is a secret: a deployment file may only hold a placeholder for them.</summary>
    public static bool IsSecret(string variable)
        => variable.Contains("Password", StringComparison.OrdinalIgnoreCase)
           || variable.Contains("BlindIndexKey", StringComparison.OrdinalIgnoreCase)
           || variable.Contains("Secret", StringComparison.OrdinalIgnoreCase)
           || variable.StartsWith("ConnectionStrings__", StringComparison.Ordinal);
}

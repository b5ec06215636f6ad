namespace AnjuPortal.Deploy.Tests;

/// <summary>docs/configuration.md lists every setting the code reads (issue #8: "every setting, its default").</summary>
public sealed class ConfigurationReferenceTests
{
    private static readonly ConfigurationReference Reference = ConfigurationReference.Load();

    [Fact]
    public void Every_key_the_code_reads_is_listed()
    {
        var missing = SourceConfigurationKeys.Scan()
            .Where(k => k.IsSection ? !Reference.ListsSection(k.Key) : !Reference.Lists(k.Key))
            .Select(k => $"{k.Key} (read in {k.File})")
            .Distinct()
            .ToList();

        Assert.True(missing.Count == 0, "Not in " + ConfigurationReference.File + ":\n" + string.Join('\n', missing));
    }

    [Fact]
    public void The_scan_finds_keys_read_each_way()
    {
        // If a pattern stopped matching, the test above would pass without checking anything: pin one key of each way.
        var found = SourceConfigurationKeys.Scan().Select(k => k.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);

        Assert.Contains("Database:Provider", found);                      // configuration["..."]
        Assert.Contains("Jobs:RunServer", found);                         // GetValue("...", default)
        Assert.Contains("DataProtection:Certificate", found);             // GetSection("...")
        Assert.Contains("ConnectionStrings:Anju", found);                 // GetConnectionString("Anju")
        Assert.Contains("Evidence:MaxFiles", found);                      // options class with a Section constant
        Assert.Contains("Supervision:MonthlyNotice:PraiseTop", found);    // ... a nested section
        Assert.Contains("Uploads:MaxRequestBytes", found);                // appsettings.json
        Assert.DoesNotContain("OfficialDocuments:Prefix", found);         // a property of another class in the same file
    }

    [Fact]
    public void A_key_missing_from_the_reference_is_caught()
    {
        var code = """
            public sealed class WidgetOptions
            {
                public const string Section = "Widgets";
                public int Size { get; set; } = 3;
                public static int Ignored => 1;
            }

            public sealed class Other
            {
                public string Name { get; set; } = "";
            }

            internal static class Setup
            {
                static void Read(IConfiguration configuration)
                {
                    var a = configuration["Widgets:Colour"];
                    var b = configuration.GetValue<int>("Gadgets:Count");
                    var c = configuration.GetSection("Gizmos:Parts").Get<string[]>();
                    var d = options.GetValueOrDefault("role", "x");
                }
            }
            """;
        var keys = SourceConfigurationKeys.ScanCode(code, "x.cs").Select(k => k.Key).ToList();
        Assert.Equal(["Widgets:Colour", "Gadgets:Count", "Gizmos:Parts", "Widgets:Size"], keys);

        var reference = ConfigurationReference.Parse("""
            | key | default |
            |---|---|
            | `Widgets:Colour` | red; see `Gadgets:Count` |
            | `Gizmos:Parts:0` | none |
            """);
        Assert.True(reference.Lists("widgets:colour"));
        Assert.False(reference.Lists("Gadgets:Count"));                   // named in another cell only
        Assert.False(reference.Lists("Widgets:Size"));
        Assert.True(reference.ListsSection("Gizmos"));
        Assert.True(reference.Lists("Gizmos:Parts:1"));                   // array indexes are ignored
    }

    [Fact]
    public void The_shared_settings_of_the_scale_out_are_listed()
    {
        // Issue #8's names, used by the other parts (job service, health, logs, telemetry, signals).
        string[] shared =
        [
            "Jobs:RunServer", "Jobs:WorkerCount", "Jobs:SqliteFile", "Jobs:InvisibilityTimeoutMinutes",
            "Logging:Format", "Logging:Directory", "Logging:RetainedDays",
            "Telemetry:Enabled", "Telemetry:OtlpEndpoint", "Telemetry:ServiceName",
            "Signals:Redis", "Signals:PollSeconds",
            "Database:Provider", "ConnectionStrings:Anju", "Database:MigrateOnStartup", "Demo:Enabled",
            "ReverseProxy:KnownProxies", "ReverseProxy:KnownNetworks", "PersonalData:BlindIndexKey",
        ];

        Assert.All(shared, key => Assert.True(Reference.Lists(key), key + " is not listed"));
    }

    [Fact]
    public void Readme_links_the_reference_and_the_operations_guide()
    {
        var readme = RepositoryFiles.Read("README.md");
        Assert.Contains("(docs/configuration.md)", readme, StringComparison.Ordinal);
        Assert.Contains("(docs/operations.md)", readme, StringComparison.Ordinal);
        Assert.True(File.Exists(RepositoryFiles.PathOf("docs/operations.md")));
    }
}

using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace AnjuPortal.Deploy.Tests;

/// <summary>
/// deploy/compose: each file parses, builds from Dockerfiles that exist, runs two web nodes without the job server,
/// one worker running AnjuPortal.Jobs, nginx with the affinity configuration and Redis behind a profile; every
/// setting it passes is in docs/configuration.md and no secret is written into it.
/// </summary>
public sealed partial class ComposeTests
{
    public static TheoryData<string, string> Files => new()
    {
        { "deploy/compose/sqlserver/compose.yaml", "mcr.microsoft.com/mssql/server:2022" },
        { "deploy/compose/postgres/compose.yaml", "postgres:" },
    };

    private static readonly string[] ComposePaths = ["deploy/compose/postgres/compose.yaml", "deploy/compose/sqlserver/compose.yaml"];

    public static TheoryData<string> Paths => new(ComposePaths);

    [Fact]
    public void Every_compose_file_is_tested()
        => Assert.Equal(ComposePaths,
            RepositoryFiles.Find("deploy", "compose*.y*ml").Concat(RepositoryFiles.Find("deploy", "docker-compose*.y*ml")).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Files))]
    public void Runs_two_web_nodes_a_worker_nginx_and_the_database(string file, string databaseImage)
    {
        var services = ComposeFile.Load(file).Services();

        var database = Assert.Single(services, s => ComposeFile.Scalar(s.Value, "image")?.StartsWith(databaseImage, StringComparison.Ordinal) == true);
        var web = services.Where(s => DockerfileOf(s.Value) == "deploy/docker/Dockerfile.web").ToList();
        var workers = services.Where(s => DockerfileOf(s.Value) == "deploy/docker/Dockerfile.jobs").ToList();
        Assert.Equal(2, web.Count);
        Assert.Single(workers);

        Assert.All(web, s => Assert.Equal("false", ComposeFile.Environment(s.Value).GetValueOrDefault("Jobs__RunServer")));
        var entry = Dockerfile.Parse(RepositoryFiles.Read("deploy/docker/Dockerfile.jobs")).Last(i => i.Name == "ENTRYPOINT");
        Assert.Contains("AnjuPortal.Jobs.dll", entry.Arguments, StringComparison.Ordinal);

        // Every app process talks to this database, and the same one.
        var connections = web.Concat(workers).Select(s => ComposeFile.Environment(s.Value)["ConnectionStrings__Anju"]).Distinct().ToList();
        Assert.Single(connections);
        Assert.Matches($@"(Server|Host)={database.Key}\b", connections[0]);

        // Only one process migrates, and the others wait for it.
        var migrating = web.Concat(workers).Where(s => ComposeFile.Environment(s.Value).GetValueOrDefault("Database__MigrateOnStartup") == "true").ToList();
        var migrator = Assert.Single(migrating);
        foreach (var other in web.Concat(workers).Where(s => s.Key != migrator.Key))
        {
            Assert.Contains(migrator.Key, DependsOn(other.Value));
        }

        // The evidence attachments folder is one volume shared by every web node.
        var attachments = web.Select(s => ComposeFile.Environment(s.Value)["Evidence__Directory"]).Distinct().Single();
        Assert.All(web, s => Assert.Contains(ComposeFile.Sequence(s.Value, "volumes"), v => v.EndsWith(":" + attachments, StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Builds_from_files_that_exist_and_depends_on_services_that_exist(string file)
    {
        var folder = Path.GetDirectoryName(RepositoryFiles.PathOf(file))!;
        var services = ComposeFile.Load(file).Services();
        foreach (var (name, service) in services)
        {
            if (ComposeFile.Get(service, "build") is YamlMappingNode)
            {
                var context = Path.GetFullPath(Path.Combine(folder, ComposeFile.Scalar(service, "build", "context")!));
                Assert.Equal(RepositoryFiles.Root.TrimEnd(Path.DirectorySeparatorChar), context.TrimEnd(Path.DirectorySeparatorChar));
                Assert.True(File.Exists(Path.Combine(context, ComposeFile.Scalar(service, "build", "dockerfile")!)), name + ": Dockerfile missing");
            }

            foreach (var volume in ComposeFile.Sequence(service, "volumes").Where(v => v.StartsWith('.')))
            {
                var host = Path.GetFullPath(Path.Combine(folder, volume.Split(':')[0]));
                Assert.True(File.Exists(host) || Directory.Exists(host), $"{name} mounts {volume}, which does not exist");
            }

            Assert.All(DependsOn(service), d => Assert.True(services.ContainsKey(d), $"{name} depends on unknown {d}"));
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Nginx_uses_the_affinity_configuration_and_redis_is_optional(string file)
    {
        var services = ComposeFile.Load(file).Services();

        var nginx = Assert.Single(services, s => ComposeFile.Scalar(s.Value, "image")?.StartsWith("nginx", StringComparison.Ordinal) == true).Value;
        Assert.Contains(ComposeFile.Sequence(nginx, "volumes"), v => v.StartsWith("../../nginx/anju-compose.conf:", StringComparison.Ordinal));
        var upstream = NginxDirective.Parse(RepositoryFiles.Read("deploy/nginx/anju-compose.conf")).Single(d => d.Name == "upstream");
        var webNames = services.Where(s => DockerfileOf(s.Value) == "deploy/docker/Dockerfile.web").Select(s => s.Key).Order(StringComparer.Ordinal);
        Assert.Equal(webNames, upstream.Children("server").Select(s => s.Arguments[0].Split(':')[0]).Order(StringComparer.Ordinal));

        var redis = Assert.Single(services, s => ComposeFile.Scalar(s.Value, "image")?.StartsWith("redis", StringComparison.Ordinal) == true).Value;
        Assert.Equal(["redis"], ComposeFile.Sequence(redis, "profiles"));
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Passes_only_documented_settings_and_no_secrets(string file)
    {
        var compose = ComposeFile.Load(file);
        var sample = EnvFile.Parse(RepositoryFiles.Read(Path.GetDirectoryName(file) + "/env.sample")).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, service) in compose.Services())
        {
            var environment = ComposeFile.Environment(service);
            if (DockerfileOf(service) is not null)
            {
                Assert.Empty(DeploySettings.Undocumented(environment.Keys, $"{file}, service {name}"));
            }

            foreach (var (variable, value) in environment)
            {
                if (DeploySettings.IsSecret(variable) || variable.EndsWith("PASSWORD", StringComparison.Ordinal))
                {
                    Assert.Matches(@"\$\{[A-Z_]+:\?[^}]*\}", value);
                }

                // Every ${VAR} comes from .env, whose sample lists it.
                foreach (Match reference in Interpolation().Matches(value))
                {
                    Assert.True(sample.Contains(reference.Groups[1].Value), $"{file}: {reference.Groups[1].Value} is not in env.sample");
                }
            }
        }

        Assert.All(EnvFile.Parse(RepositoryFiles.Read(Path.GetDirectoryName(file) + "/env.sample")),
            p => Assert.True(p.Value is "" or "false", $"env.sample holds a value for {p.Key}"));
    }

    private static string? DockerfileOf(YamlMappingNode service) => ComposeFile.Scalar(service, "build", "dockerfile");

    private static IReadOnlyList<string> DependsOn(YamlMappingNode service)
        => ComposeFile.Get(service, "depends_on") switch
        {
            YamlMappingNode map => map.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToList(),
            YamlSequenceNode list => list.Children.Select(n => ((YamlScalarNode)n).Value!).ToList(),
            _ => [],
        };

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Interpolation();
}

namespace AnjuPortal.Deploy.Tests;

/// <summary>deploy/linux: systemd units for several web nodes on one host and the job service, and the env sample.</summary>
public sealed class LinuxInstallTests
{
    private const string WebUnit = "deploy/linux/anju-web@.service";
    private const string JobsUnit = "deploy/linux/anju-jobs.service";
    private const string EnvSample = "deploy/linux/anju.env.sample";

    [Fact]
    public void Web_template_runs_one_node_per_port_without_the_job_server()
    {
        var unit = SystemdUnit.Parse(RepositoryFiles.Read(WebUnit));
        var environment = unit.Environment();

        Assert.Matches(@"^/usr/bin/dotnet /opt/anju/web/AnjuPortal\.Web\.dll$", unit.Value("Service", "ExecStart"));
        Assert.Equal("http://127.0.0.1:%i", environment["ASPNETCORE_URLS"]);
        Assert.Equal("false", environment["Jobs__RunServer"]);
        Assert.Contains("%i", environment["Logging__Directory"], StringComparison.Ordinal);   // one log folder per node
        Assert.Contains("%i", unit.Value("Unit", "Description"), StringComparison.Ordinal);
        AssertCommon(unit, WebUnit);
    }

    [Fact]
    public void Jobs_unit_runs_the_job_service()
    {
        var unit = SystemdUnit.Parse(RepositoryFiles.Read(JobsUnit));
        var environment = unit.Environment();

        Assert.Matches(@"^/usr/bin/dotnet /opt/anju/jobs/AnjuPortal\.Jobs\.dll$", unit.Value("Service", "ExecStart"));
        Assert.StartsWith("http://127.0.0.1:", environment["ASPNETCORE_URLS"], StringComparison.Ordinal);
        Assert.DoesNotContain("Jobs__RunServer", environment.Keys);
        AssertCommon(unit, JobsUnit);
    }

    [Fact]
    public void Env_sample_sets_only_documented_settings_and_no_secrets()
    {
        var pairs = EnvFile.Parse(RepositoryFiles.Read(EnvSample));

        Assert.Empty(DeploySettings.Undocumented(pairs.Select(p => p.Key), EnvSample));
        Assert.All(pairs.Where(p => DeploySettings.IsSecret(p.Key)), p =>
        {
            var secret = p.Key.StartsWith("ConnectionStrings__", StringComparison.Ordinal)
                ? p.Value.Split(';').Single(part => part.StartsWith("Password=", StringComparison.OrdinalIgnoreCase))["Password=".Length..]
                : p.Value;
            Assert.Equal("CHANGE_ME", secret);
        });

        // Per-process settings live in the units: the file would override them (EnvironmentFile= wins over Environment=).
        string[] perProcess = ["ASPNETCORE_URLS", "Jobs__RunServer", "Logging__Directory", "Telemetry__ServiceName"];
        Assert.DoesNotContain(pairs, p => perProcess.Contains(p.Key));

        // Several processes share the database: not the embedded SQLite default.
        Assert.Contains(pairs, p => p.Key == "Database__Provider" && p.Value is "SqlServer" or "PostgreSql");
    }

    [Fact]
    public void The_nginx_site_balances_the_systemd_ports_on_loopback()
    {
        var site = NginxDirective.Parse(RepositoryFiles.Read("deploy/linux/anju-nginx.conf"));
        var servers = site.Single(d => d.Name == "upstream").Children("server").Select(s => s.Arguments[0]).ToList();

        Assert.True(servers.Count >= 2);
        Assert.All(servers, s => Assert.Matches(@"^127\.0\.0\.1:50\d\d$", s));
        var trusted = EnvFile.Parse(RepositoryFiles.Read(EnvSample)).Single(p => p.Key == "ReverseProxy__KnownProxies__0").Value;
        Assert.Equal("127.0.0.1", trusted);
    }

    [Fact]
    public void Systemd_accepts_the_units()
    {
        // systemd-analyze verify reports unknown keys, bad values and unknown specifiers, but exits 0 for them: any
        // output is a failure. The units are copied with ExecStart's dotnet replaced by /bin/true (verify checks only
        // that the command is executable) and the template instantiated for port 5001.
        const string Analyze = "/usr/bin/systemd-analyze";
        Assert.True(File.Exists(Analyze), "systemd-analyze is missing: tests/run.sh installs systemd");

        var folder = Directory.CreateTempSubdirectory("anju-units-");
        try
        {
            string Copy(string source, string name)
            {
                var path = Path.Combine(folder.FullName, name);
                File.WriteAllText(path, RepositoryFiles.Read(source).Replace("ExecStart=/usr/bin/dotnet ", "ExecStart=/bin/true ", StringComparison.Ordinal));
                return path;
            }

            Copy(WebUnit, "anju-web@.service");
            var units = new[] { Copy(WebUnit, "anju-web@5001.service"), Copy(JobsUnit, "anju-jobs.service") };
            var (exit, output) = ProcessRunner.Run(Analyze, ["verify", .. units], folder.FullName);

            Assert.True(exit == 0 && output.Length == 0, output);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static void AssertCommon(SystemdUnit unit, string file)
    {
        Assert.DoesNotContain(unit.Value("Service", "User"), new[] { null, "root", "0" });
        Assert.Equal("/etc/anju/anju.env", unit.Value("Service", "EnvironmentFile"));
        Assert.Equal("Production", unit.Environment()["ASPNETCORE_ENVIRONMENT"]);
        Assert.Equal("on-failure", unit.Value("Service", "Restart"));
        Assert.Equal("multi-user.target", unit.Value("Install", "WantedBy"));
        Assert.Empty(DeploySettings.Undocumented(unit.Environment().Keys, file));
        Assert.DoesNotContain(unit.Environment().Keys, DeploySettings.IsSecret);
    }
}

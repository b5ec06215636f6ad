namespace AnjuPortal.Deploy.Tests;

/// <summary>
/// The nginx configurations (compose and plain Linux): session affinity, WebSockets for /_blazor with long timeouts,
/// and nginx itself accepting them (<c>nginx -t</c>, Debian's nginx-light, installed by tests/run.sh).
/// </summary>
public sealed class NginxTests
{
    private static readonly string[] Configurations = ["deploy/linux/anju-nginx.conf", "deploy/nginx/anju-compose.conf"];

    public static TheoryData<string> Files => new(Configurations);

    [Fact]
    public void Every_nginx_configuration_is_tested()
        => Assert.Equal(Configurations,
            RepositoryFiles.Find("deploy", "*.conf").Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Files))]
    public void Upstream_keeps_a_browser_on_one_node(string file)
    {
        var config = NginxDirective.Parse(RepositoryFiles.Read(file));
        var upstream = config.Single(d => d.Name == "upstream");

        var hash = upstream.Child("hash");
        Assert.True(hash is not null || upstream.Child("ip_hash") is not null, file + ": no affinity in the upstream");
        if (hash is not null)
        {
            Assert.Equal("consistent", hash.Arguments[^1]);
            // The hashed variable comes from the affinity cookie (or the first request's id), and that cookie is set.
            var variable = hash.Arguments[0];
            var map = config.Single(d => d.Name == "map" && d.Arguments[^1] == variable);
            Assert.Equal("$cookie_anju_affinity", map.Arguments[0]);
            var server = config.Last(d => d.Name == "server");
            Assert.All(server.Children("location").Where(l => l.Arguments[0] is "/" or "/_blazor"), location =>
                Assert.Contains(location.Children("add_header"), h => h.Arguments[0] == "Set-Cookie" && h.Arguments[1].StartsWith($"anju_affinity={variable};", StringComparison.Ordinal)));
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Blazor_hub_is_proxied_with_websockets_and_long_timeouts(string file)
    {
        var config = NginxDirective.Parse(RepositoryFiles.Read(file));
        var upstream = config.Single(d => d.Name == "upstream").Arguments[0];
        var server = config.Last(d => d.Name == "server");
        var blazor = server.Children("location").Single(l => l.Arguments[0] == "/_blazor");

        Assert.Equal("http://" + upstream, blazor.Child("proxy_pass")?.Arguments[0]);
        var headers = blazor.Children("proxy_set_header").ToDictionary(h => h.Arguments[0], h => h.Arguments[1]);
        Assert.Equal("$http_upgrade", headers["Upgrade"]);
        var connection = headers["Connection"];
        Assert.True(connection == "upgrade" || config.Any(d => d.Name == "map" && d.Arguments[0] == "$http_upgrade" && d.Arguments[1] == connection),
            "Connection must be upgrade, or mapped from $http_upgrade");
        Assert.Contains("X-Forwarded-Proto", headers.Keys);   // proxy_set_header of the server level is not inherited here
        Assert.Equal("1.1", (blazor.Child("proxy_http_version") ?? server.Child("proxy_http_version"))?.Arguments[0]);
        Assert.True(Seconds(blazor.Child("proxy_read_timeout")?.Arguments[0]) >= 600, "proxy_read_timeout of /_blazor under 10 minutes");

        // Every location that proxies forwards the scheme and client, so the app sees https and the user's address.
        Assert.All(server.Children("location").Where(l => l.Child("proxy_pass") is not null && l.Arguments[0] != "/health/"),
            l => Assert.Contains(l.Children("proxy_set_header"), h => h.Arguments[0] == "X-Forwarded-For"));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Nginx_accepts_the_configuration(string file)
    {
        const string Nginx = "/usr/sbin/nginx";
        Assert.True(File.Exists(Nginx), "nginx is missing: tests/run.sh installs nginx-light");

        var folder = Directory.CreateTempSubdirectory("anju-nginx-");
        try
        {
            // The site wrapped in a minimal nginx.conf of its own: temp paths in the folder, placeholder certificates
            // replaced by a throwaway self-signed pair, compose service names by loopback addresses.
            var certificate = Path.Combine(folder.FullName, "cert.pem");
            var key = Path.Combine(folder.FullName, "key.pem");
            var (made, openssl) = ProcessRunner.Run("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=anju.test", "-keyout", key, "-out", certificate]);
            Assert.True(made == 0, openssl);
            var site = RepositoryFiles.Read(file)
                .Replace("/etc/ssl/anju/fullchain.pem", certificate, StringComparison.Ordinal)
                .Replace("/etc/ssl/anju/privkey.pem", key, StringComparison.Ordinal)
                .Replace("server web1:", "server 127.0.0.1:", StringComparison.Ordinal)
                .Replace("server web2:", "server 127.0.0.2:", StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(folder.FullName, "site.conf"), site);
            var temp = string.Join(' ', new[] { "client_body", "proxy", "fastcgi", "uwsgi", "scgi" }
                .Select(t => $"{t}_temp_path {Path.Combine(folder.FullName, t)};"));
            File.WriteAllText(Path.Combine(folder.FullName, "nginx.conf"), $$"""
                pid {{folder.FullName}}/nginx.pid;
                error_log {{folder.FullName}}/error.log;
                events {}
                http {
                    access_log off;
                    {{temp}}
                    include {{folder.FullName}}/site.conf;
                }
                """);

            var (exit, output) = ProcessRunner.Run(Nginx, ["-t", "-p", folder.FullName, "-c", Path.Combine(folder.FullName, "nginx.conf")]);
            Assert.True(exit == 0, output);
            Assert.Contains("test is successful", output, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static int Seconds(string? value)
        => value is null ? 0
            : value.EndsWith('h') ? int.Parse(value[..^1], System.Globalization.CultureInfo.InvariantCulture) * 3600
            : value.EndsWith('m') ? int.Parse(value[..^1], System.Globalization.CultureInfo.InvariantCulture) * 60
            : int.Parse(value.TrimEnd('s'), System.Globalization.CultureInfo.InvariantCulture);
}

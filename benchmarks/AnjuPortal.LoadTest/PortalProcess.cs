using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace AnjuPortal.LoadTest;

/// <summary>
/// The portal as its own process (so its memory is its own): the built AnjuPortal.Web.dll on a free loopback port,
/// SQLite in a temporary folder, demo data on, the job server off (the load test measures sessions, not jobs).
/// Its console output goes to a file in the folder.
/// </summary>
public sealed class PortalProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private PortalProcess(Process process, Uri address, string dataFolder, StreamWriter log)
    {
        _process = process;
        Address = address;
        DataFolder = dataFolder;
        _log = log;
    }

    public Uri Address { get; }

    public string DataFolder { get; }

    public int ProcessId => _process.Id;

    public string DatabaseFile => Path.Combine(DataFolder, "anju.db");

    /// <summary>Starts the portal and waits until the sign-in page answers (the demo seed runs first: a minute or more).</summary>
    public static async Task<PortalProcess> StartAsync(string webDll, string dataFolder, IReadOnlyDictionary<string, string> settings, TimeSpan timeout)
    {
        Directory.CreateDirectory(dataFolder);
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(webDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(webDll);
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/'),
            ["Database__Provider"] = "Sqlite",
            ["ConnectionStrings__Anju"] = $"Data Source={Path.Combine(dataFolder, "anju.db")}",
            ["Demo__Enabled"] = "true",
            ["Jobs__RunServer"] = "false",
            ["Logging__Directory"] = Path.Combine(dataFolder, "logs"),
            ["Evidence__Directory"] = Path.Combine(dataFolder, "attachments"),
            // Every load-test session signs in from the one loopback address: the per-address limit would refuse them.
            ["Security__SignInAttemptsPerMinute"] = "100000",
        };
        foreach (var (key, value) in settings)
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        // Never inherit the driver's own runtime knobs.
        start.Environment.Remove("DOTNET_gcServer");

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var log = new StreamWriter(Path.Combine(dataFolder, "portal-console.log")) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var portal = new PortalProcess(process, address, dataFolder, log);
        try
        {
            await portal.WaitUntilServingAsync(timeout);
            return portal;
        }
        catch
        {
            await portal.DisposeAsync();
            throw;
        }
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }

    private async Task WaitUntilServingAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(10) };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The portal exited with code {_process.ExitCode}; see {Path.Combine(DataFolder, "portal-console.log")}.");
            }

            try
            {
                using var response = await http.GetAsync("Account/Login");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"The portal did not serve within {timeout.TotalSeconds:0} s.");
    }

    /// <summary>Resident memory (VmRSS) of the portal process, in bytes, from /proc.</summary>
    public long ResidentBytes() => ProcStatus.ResidentBytes(_process.Id);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }
}

/// <summary>Reads /proc/&lt;pid&gt;/status (Linux).</summary>
public static class ProcStatus
{
    public static long ResidentBytes(int pid) => Field(pid, "VmRSS:");

    private static long Field(int pid, string name)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith(name, StringComparison.Ordinal))
            {
                var kb = line[name.Length..].Trim().Split(' ')[0];
                return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }

    /// <summary>The 1-minute load average of the machine.</summary>
    public static string LoadAverage()
        => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AnjuPortal.Web.Tests.MultiNode;

/// <summary>
/// One portal process (a web node or a job worker) started from the build output as a child process, its settings in
/// environment variables, its console output kept in a log file for the test's failure message. Killed on dispose.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private NodeProcess(string name, int port, Process process, StreamWriter log, string logFile)
    {
        Name = name;
        Port = port;
        _process = process;
        _log = log;
        LogFile = logFile;
    }

    public string Name { get; }

    public int Port { get; }

    public string LogFile { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}/");

    public bool HasExited => _process.HasExited;

    /// <summary>Starts <c>dotnet {dll}</c> in <paramref name="contentRoot"/> with <paramref name="settings"/> as environment variables.</summary>
    public static NodeProcess Start(string name, string dll, string contentRoot, string logFolder, IReadOnlyDictionary<string, string> settings)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = contentRoot,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add(dll);
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        start.Environment["Urls"] = $"http://127.0.0.1:{port}";
        start.Environment["Logging__Directory"] = Path.Combine(logFolder, name);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var logFile = Path.Combine(logFolder, $"{name}.console.log");
        var log = new StreamWriter(logFile) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start.");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new NodeProcess(name, port, process, log, logFile);
    }

    /// <summary>Waits until the node is ready (/health/ready: started, migrated, seeded; database and job storage answer); fails with its log when it died.</summary>
    public async Task WaitUntilServingAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(10) };
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode}:\n{Tail()}");
            }

            try
            {
                using var response = await http.GetAsync("health/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{Name} did not answer within {timeout}:\n{Tail()}");
    }

    /// <summary>SIGKILL: no shutdown, no finally blocks, open transactions left to the database to roll back.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    /// <summary>The last lines of the node's console output (for failure messages).</summary>
    public string Tail(int lines = 60)
    {
        try
        {
            using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n');
            return string.Join('\n', all.TakeLast(lines));
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

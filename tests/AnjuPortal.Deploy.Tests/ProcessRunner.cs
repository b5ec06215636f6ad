using System.Diagnostics;

namespace AnjuPortal.Deploy.Tests;

/// <summary>Runs a tool (nginx -t, systemd-analyze, openssl) to the end, with no stdin, and returns its exit code and output.</summary>
internal static class ProcessRunner
{
    public static (int Exit, string Output) Run(string command, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(command, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, (stdout.Result + stderr.Result).Trim());
    }
}

using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;

namespace AnjuPortal.LoadTest;

/// <summary>
/// Induces a full, blocking garbage collection in another .NET process through its diagnostics port (an EventPipe
/// session with the runtime's GCHeapCollect keyword, as dotnet-gcdump does), so that the process's resident memory
/// read afterwards is its live memory rather than live memory plus garbage not yet collected. Needs no endpoint in
/// the portal; fails quietly (returns false) when the process has diagnostics off.
/// </summary>
public static class RemoteGc
{
    private const long GcKeyword = 0x1;
    private const long GcHeapCollectKeyword = 0x800000;

    public static async Task<bool> CollectAsync(int processId)
    {
        try
        {
            var client = new DiagnosticsClient(processId);
            var provider = new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, GcKeyword | GcHeapCollectKeyword);
            using var session = client.StartEventPipeSession(provider, requestRundown: false);
            var drain = session.EventStream.CopyToAsync(Stream.Null);
            await Task.Delay(TimeSpan.FromSeconds(3));
            await session.StopAsync(CancellationToken.None);
            await drain;
            // Let the GC return freed memory to the OS before /proc is read.
            await Task.Delay(TimeSpan.FromSeconds(2));
            return true;
        }
        catch (Exception ex) when (ex is ServerNotAvailableException or DiagnosticsClientException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}

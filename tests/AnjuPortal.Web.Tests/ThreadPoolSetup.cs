using System.Runtime.CompilerServices;

namespace AnjuPortal.Web.Tests;

/// <summary>
/// bUnit's synchronous WaitFor and Click block a thread-pool thread while the renderer's dispatcher needs another; on a
/// 2-core machine the pool starts with two, and parallel test classes can starve it until a wait times out (seen in CI).
/// </summary>
internal static class ThreadPoolSetup
{
    [ModuleInitializer]
    internal static void RaiseMinThreads()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 32), io);
    }
}

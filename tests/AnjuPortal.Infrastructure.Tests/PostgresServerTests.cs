using AnjuPortal.TestSupport;

namespace AnjuPortal.Infrastructure.Tests;

/// <summary>The PostgreSQL fixture itself: a missing server package must say how to install it.</summary>
public sealed class PostgresServerTests
{
    [Fact]
    public void FindBinDirectory_ThrowsInstallInstruction_WhenBinariesAreMissing()
    {
        var empty = Directory.CreateTempSubdirectory("anju-nopg-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(empty, "15", "bin"));

            var ex = Assert.Throws<InvalidOperationException>(() => PostgresServer.FindBinDirectory(empty));

            Assert.Contains("apt-get install postgresql", ex.Message, StringComparison.Ordinal);
            Assert.Contains(empty, ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [Fact]
    public void FindBinDirectory_PicksNewestVersion_WhenSeveralAreInstalled()
    {
        var root = Directory.CreateTempSubdirectory("anju-fakepg-").FullName;
        try
        {
            foreach (var version in new[] { "9", "15", "13" })
            {
                var bin = Directory.CreateDirectory(Path.Combine(root, version, "bin")).FullName;
                File.WriteAllText(Path.Combine(bin, "initdb"), string.Empty);
                File.WriteAllText(Path.Combine(bin, "pg_ctl"), string.Empty);
            }

            Assert.Equal(Path.Combine(root, "15", "bin"), PostgresServer.FindBinDirectory(root));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}

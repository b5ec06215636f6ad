using AnjuPortal.Infrastructure.PersonalData;
using Microsoft.AspNetCore.DataProtection;

namespace AnjuPortal.Infrastructure.Tests.PersonalData;

public sealed class BlindIndexKeyFileTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "anju-key-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void TheKeyFile_IsWrittenOnce_AndReadBackWithTheSameKeys()
    {
        var keys = new EphemeralDataProtectionProvider();

        var first = BlindIndexKey.FromConfigurationOrFile(null, _folder, keys);
        var again = BlindIndexKey.FromConfigurationOrFile(null, _folder, keys);

        Assert.Equal(first.Key, again.Key);
        Assert.Equal(32, first.Key.Length);
    }

    [Fact]
    public void AKeyFile_FromAnotherDatabasesKeys_IsRefused_WithAMessageThatSaysWhatToDo()
    {
        _ = BlindIndexKey.FromConfigurationOrFile(null, _folder, new EphemeralDataProtectionProvider());

        var refused = Assert.Throws<InvalidOperationException>(() => BlindIndexKey.FromConfigurationOrFile(null, _folder, new EphemeralDataProtectionProvider()));

        Assert.Contains("blind-index.key", refused.Message, StringComparison.Ordinal);
        Assert.Contains("delete this file together with the database", refused.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}

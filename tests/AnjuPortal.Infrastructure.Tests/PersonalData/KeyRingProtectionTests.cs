using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AnjuPortal.Application.Security;
using AnjuPortal.Infrastructure.Tenancy;
using AnjuPortal.TestSupport;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AnjuPortal.Infrastructure.Tests.PersonalData;

/// <summary>The key ring in the database, encrypted with a configured certificate: the backup alone decrypts nothing.</summary>
public sealed class KeyRingProtectionTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("anju-keys-").FullName;
    private SqliteTestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await SqliteTestDatabase.CreateAsync(seedJurisdictions: false);

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task KeysAreEncryptedAtRest_AndReadableAfterRestart_WhenCertificateConfigured()
    {
        var certificate = WriteCertificate("current.pfx", "cert-pass-1");
        string ciphertext;
        await using (var first = Build(("DataProtection:Certificate:Path", certificate), ("DataProtection:Certificate:Password", "cert-pass-1")))
        {
            ciphertext = Protector(first).Protect("220102198001011234");
        }

        var xml = await KeyXmlAsync();
        Assert.NotEmpty(xml);
        Assert.All(xml, x => Assert.Contains("EncryptedData", x, StringComparison.Ordinal));
        Assert.All(xml, x => Assert.DoesNotContain("<masterKey", x, StringComparison.Ordinal));

        await using var restarted = Build(("DataProtection:Certificate:Path", certificate), ("DataProtection:Certificate:Password", "cert-pass-1"));
        Assert.Equal("220102198001011234", Protector(restarted).Unprotect(ciphertext));
    }

    [Fact]
    public async Task DataStaysUnreadable_WithTheDatabaseAlone()
    {
        var certificate = WriteCertificate("current.pfx", "cert-pass-1");
        string ciphertext;
        await using (var withCertificate = Build(("DataProtection:Certificate:Path", certificate), ("DataProtection:Certificate:Password", "cert-pass-1")))
        {
            ciphertext = Protector(withCertificate).Protect("220102198001011234");
        }

        await using var backupOnly = Build();
        Assert.ThrowsAny<CryptographicException>(() => Protector(backupOnly).Unprotect(ciphertext));
    }

    [Fact]
    public async Task OldKeysStayReadable_AfterCertificateRotation()
    {
        var old = WriteCertificate("old.pfx", "old-pass");
        var current = WriteCertificate("new.pfx", "new-pass");
        string ciphertext;
        await using (var before = Build(("DataProtection:Certificate:Path", old), ("DataProtection:Certificate:Password", "old-pass")))
        {
            ciphertext = Protector(before).Protect("13904311234");
        }

        await using var after = Build(
            ("DataProtection:Certificate:Path", current), ("DataProtection:Certificate:Password", "new-pass"),
            ("DataProtection:PreviousCertificates:0:Path", old), ("DataProtection:PreviousCertificates:0:Password", "old-pass"));
        Assert.Equal("13904311234", Protector(after).Unprotect(ciphertext));
    }

    [Fact]
    public void MissingCertificateFile_StopsStartWithMessageNamingTheSetting()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
        {
            using var services = Build(("DataProtection:Certificate:Path", Path.Combine(_folder, "missing.pfx")));
            _ = services.GetRequiredService<IDataProtectionProvider>();
        });

        Assert.Contains("DataProtection:Certificate:Path", error.Message, StringComparison.Ordinal);
    }

    private ServiceProvider Build(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(
            new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Sqlite",
                ["ConnectionStrings:Anju"] = $"Data Source={_database.FilePath}",
                ["PersonalData:BlindIndexKey"] = Convert.ToBase64String(new byte[32]),
            }.Concat(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<ICurrentUser>(_ => SystemUser.Instance);
        services.AddAnjuInfrastructure(configuration, _folder);
        return services.BuildServiceProvider();
    }

    private static IDataProtector Protector(IServiceProvider services)
        => services.GetRequiredService<IDataProtectionProvider>().CreateProtector("KeyRingProtectionTests");

    private async Task<List<string>> KeyXmlAsync()
    {
        await using var db = _database.CreateSystemContext();
        return await db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml!).ToListAsync();
    }

    private string WriteCertificate(string fileName, string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=AnjuPortal key ring (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(_folder, fileName);
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return path;
    }
}

using System.Security.Cryptography.X509Certificates;
using AnjuPortal.Infrastructure.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AnjuPortal.Infrastructure.PersonalData;

/// <summary>
/// The Data Protection key ring: persisted in the database (every node and restart reads the same keys) and, when
/// a certificate is configured, encrypted at rest with it, so a database backup alone decrypts nothing.
/// <list type="bullet">
/// <item><c>DataProtection:Certificate:Path</c> and <c>DataProtection:Certificate:Password</c>: a PKCS#12 (.pfx) file
/// with a private key, kept outside the database and its backups. New keys are encrypted with it.</item>
/// <item><c>DataProtection:PreviousCertificates:N:Path</c> / <c>:Password</c>: certificates replaced in a rotation, kept
/// so that keys written under them can still be read.</item>
/// <item><c>DataProtection:KeyLifetimeDays</c> (default 90): how long a key is used for new data before a new one is made.</item>
/// </list>
/// See docs/security.md, "Keys", for rotation.
/// </summary>
internal static class KeyRingProtection
{
    public static IServiceCollection AddAnjuDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var builder = services.AddDataProtection()
            .SetApplicationName("AnjuPortal")
            .PersistKeysToDbContext<AppDbContext>()
            .SetDefaultKeyLifetime(TimeSpan.FromDays(configuration.GetValue("DataProtection:KeyLifetimeDays", 90)));

        var current = Load(configuration.GetSection("DataProtection:Certificate"));
        if (current is null)
        {
            return services;
        }

        var previous = configuration.GetSection("DataProtection:PreviousCertificates").GetChildren()
            .Select(Load).OfType<X509Certificate2>();
        builder.ProtectKeysWithCertificate(current).UnprotectKeysWithAnyCertificate([current, .. previous]);
        return services;
    }

    private static X509Certificate2? Load(IConfigurationSection section)
    {
        var path = section["Path"];
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{section.Path}:Path 指向的证书文件不存在。请检查配置，或去掉该设置。");
        }

        var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, section["Password"], X509KeyStorageFlags.EphemeralKeySet);
        return certificate.HasPrivateKey
            ? certificate
            : throw new InvalidOperationException($"{section.Path}:Path 的证书没有私钥，无法解密密钥环。请使用含私钥的 .pfx 文件。");
    }
}

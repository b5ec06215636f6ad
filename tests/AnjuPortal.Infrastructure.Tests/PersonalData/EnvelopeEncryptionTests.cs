using System.Security.Cryptography;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.PersonalData;
using AnjuPortal.Infrastructure.PersonalData;
using AnjuPortal.Infrastructure.Tenancy;
using AnjuPortal.TestSupport;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AnjuPortal.Infrastructure.Tests.PersonalData;

/// <summary>ADR-010: personal data sealed with AES-GCM under data keys that Data Protection wraps, without a database.</summary>
public sealed class EnvelopeEncryptionTests
{
    private static readonly string IdNumber = TestIdNumbers.Make("220102", "19800101", 123);

    [Fact]
    public void Protect_WritesTheEnvelope_WithAFreshNonceEachTime()
    {
        var cipher = TestCipher.Create();

        var one = cipher.Protect(IdNumber);
        var two = cipher.Protect(IdNumber);

        Assert.StartsWith("pd2:1:", one, StringComparison.Ordinal);
        Assert.NotEqual(one, two);
        Assert.Equal(IdNumber, cipher.Unprotect(one));
        Assert.Equal(IdNumber, cipher.Unprotect(two));
        Assert.Equal("张三丰", cipher.Unprotect(cipher.Protect("张三丰")));
        Assert.Equal(string.Empty, cipher.Unprotect(cipher.Protect(string.Empty)));
    }

    [Fact]
    public void Unprotect_ReadsValuesWrittenBeforeTheEnvelope_WithDataProtection()
    {
        var provider = new EphemeralDataProtectionProvider();
        var legacy = provider.CreateProtector(PersonalDataCipher.Purpose).Protect(IdNumber);

        var cipher = TestCipher.Create(provider, RandomNumberGenerator.GetBytes(32));

        Assert.StartsWith("CfDJ8", legacy, StringComparison.Ordinal);
        Assert.Equal(IdNumber, cipher.Unprotect(legacy));
    }

    [Theory]
    [InlineData("tag")]
    [InlineData("key id")]
    [InlineData("truncated")]
    [InlineData("not base64")]
    public void Unprotect_RefusesAValueThatWasAltered(string alteration)
    {
        var cipher = TestCipher.Create();
        _ = cipher.Protect("13904311234"); // key 1
        var value = cipher.Protect(IdNumber);
        var body = Convert.FromBase64String(value["pd2:1:".Length..]);
        string altered;
        switch (alteration)
        {
            case "tag":
                body[15] ^= 0x01;
                altered = "pd2:1:" + Convert.ToBase64String(body);
                break;
            case "key id":
                altered = "pd2:2:" + value["pd2:1:".Length..];
                break;
            case "truncated":
                altered = "pd2:1:" + Convert.ToBase64String(body[..20]);
                break;
            default:
                altered = "pd2:1:%%%";
                break;
        }

        Assert.ThrowsAny<CryptographicException>(() => cipher.Unprotect(altered));
    }

    [Fact]
    public void KeyRing_MakesANewKeyWhenTheCurrentOneIsOld_AndStillReadsTheOldValues()
    {
        var provider = new EphemeralDataProtectionProvider();
        var store = new ProcessDataKeyStore();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var cipher = new PersonalDataCipher(provider, new BlindIndexKey(RandomNumberGenerator.GetBytes(32)), new PersonalDataKeyRing(provider, store, clock, TimeSpan.FromDays(90)));

        var january = cipher.Protect(IdNumber);
        clock.Advance(TimeSpan.FromDays(89));
        var march = cipher.Protect(IdNumber);
        clock.Advance(TimeSpan.FromDays(2));
        var april = cipher.Protect(IdNumber);

        Assert.StartsWith("pd2:1:", january, StringComparison.Ordinal);
        Assert.StartsWith("pd2:1:", march, StringComparison.Ordinal);
        Assert.StartsWith("pd2:2:", april, StringComparison.Ordinal);
        Assert.Equal(2, store.Load().Count);
        Assert.All([january, march, april], v => Assert.Equal(IdNumber, cipher.Unprotect(v)));
    }

    [Fact]
    public void KeyRing_StoresTheKeyOnlyWrapped()
    {
        var provider = new EphemeralDataProtectionProvider();
        var store = new ProcessDataKeyStore();
        var ring = new PersonalDataKeyRing(provider, store);

        var (id, key) = ring.Current();

        var stored = Assert.Single(store.Load());
        Assert.Equal(id, stored.Id);
        var wrapped = Convert.FromBase64String(stored.WrappedKey);
        Assert.True(wrapped.Length > key.Length);
        Assert.Equal(-1, wrapped.AsSpan().IndexOf(key));
        Assert.Equal(key, provider.CreateProtector(PersonalDataKeyRing.WrapPurpose).Unprotect(wrapped));
    }

    [Fact]
    public void Protect_IsSafe_FromManyThreadsAtOnce()
    {
        var cipher = TestCipher.Create();
        var values = Enumerable.Range(0, 2000).Select(i => TestIdNumbers.Make("220102", "19800101", i)).ToList();

        var sealedValues = values.AsParallel().WithDegreeOfParallelism(4).Select(v => (Plain: v, Sealed: cipher.Protect(v))).ToList();

        Assert.All(sealedValues, s => Assert.Equal(s.Plain, cipher.Unprotect(s.Sealed)));
        Assert.Equal(values.Count, sealedValues.Select(s => s.Sealed).Distinct().Count());
    }
}

/// <summary>The data keys in the database: every node of one database reads what another wrote, also after a restart.</summary>
public abstract class DataKeyStoreTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("anju-datakeys-").FullName;

    protected TestDatabase Database { get; private set; } = null!;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync() => Database = await CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        await Database.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task TwoNodes_ShareOneDataKey_AndReadEachOthersValues_AfterRestartToo()
    {
        string fromA;
        string fromB;
        await using (var nodeA = Node())
        await using (var nodeB = Node())
        {
            fromA = Cipher(nodeA).Protect("13904311234");
            fromB = Cipher(nodeB).Protect("张三丰");
            Assert.Equal("13904311234", Cipher(nodeB).Unprotect(fromA));
            Assert.Equal("张三丰", Cipher(nodeA).Unprotect(fromB));
        }

        await using (var db = Database.CreateSystemContext())
        {
            var keys = await db.PersonalDataKeys.AsNoTracking().ToListAsync();
            var key = Assert.Single(keys);
            Assert.Equal(TimeSpan.Zero, key.CreatedAt.Offset);
            Assert.StartsWith($"pd2:{key.Id}:", fromA, StringComparison.Ordinal);
            Assert.StartsWith($"pd2:{key.Id}:", fromB, StringComparison.Ordinal);
        }

        await using var restarted = Node();
        Assert.Equal("13904311234", Cipher(restarted).Unprotect(fromA));
        Assert.Equal("张三丰", Cipher(restarted).Unprotect(fromB));
    }

    [Fact]
    public async Task AKeyMadeByAnotherNodeAfterStart_IsFetchedWhenAValueNeedsIt()
    {
        await using var nodeB = Node(TimeProvider.System);
        var fromB = Cipher(nodeB).Protect("warm"); // B has made and cached key 1

        // A runs 91 days later: key 1 has aged out, so A makes key 2, which B has never seen.
        await using var nodeA = Node(new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(91)));
        var fromA = Cipher(nodeA).Protect("13904311234");

        Assert.StartsWith("pd2:1:", fromB, StringComparison.Ordinal);
        Assert.StartsWith("pd2:2:", fromA, StringComparison.Ordinal);
        Assert.Equal("13904311234", Cipher(nodeB).Unprotect(fromA));
        Assert.Equal("warm", Cipher(nodeA).Unprotect(fromB));
    }

    [Fact]
    public async Task AValueWhoseKeyIsNotInTheDatabase_IsRefusedWithAMessageNamingTheKeyStore()
    {
        await using var node = Node();

        var error = Assert.ThrowsAny<CryptographicException>(() => Cipher(node).Unprotect("pd2:99:" + Convert.ToBase64String(new byte[40])));

        Assert.Contains("PersonalDataKeys", error.Message, StringComparison.Ordinal);
    }

    private ServiceProvider Node() => Node(TimeProvider.System);

    private ServiceProvider Node(TimeProvider clock)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = Database.Provider.ToString(),
            ["ConnectionStrings:Anju"] = Database.Settings.ConnectionString,
            ["PersonalData:BlindIndexKey"] = Convert.ToBase64String(new byte[32]),
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(clock);
        services.AddScoped<ICurrentUser>(_ => SystemUser.Instance);
        services.AddAnjuInfrastructure(configuration, _folder);
        return services.BuildServiceProvider();
    }

    private static IPersonalDataCipher Cipher(IServiceProvider node) => node.GetRequiredService<IPersonalDataCipher>();
}

public sealed class SqliteDataKeyStoreTests : DataKeyStoreTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await SqliteTestDatabase.CreateAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresDataKeyStoreTests(PostgresServer server) : DataKeyStoreTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await server.CreateDatabaseAsync();
}

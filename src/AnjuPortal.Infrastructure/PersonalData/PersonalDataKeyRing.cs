using System.Collections.Concurrent;
using System.Security.Cryptography;
using AnjuPortal.Infrastructure.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Infrastructure.PersonalData;

/// <summary>Where the wrapped data keys live: the database in the portal (<see cref="DatabaseDataKeyStore"/>).</summary>
public interface IDataKeyStore
{
    IReadOnlyList<PersonalDataKey> Load();

    /// <summary>Stores a new wrapped key and returns it with its id.</summary>
    PersonalDataKey Add(string wrappedKey, DateTimeOffset createdAt);
}

/// <summary>The keys in table <c>PersonalDataKeys</c>, shared by every node and the job service.</summary>
public sealed class DatabaseDataKeyStore(SystemDbContextFactory contexts) : IDataKeyStore
{
    public IReadOnlyList<PersonalDataKey> Load()
    {
        using var db = contexts.Create();
        return db.Set<PersonalDataKey>().AsNoTracking().OrderBy(k => k.Id).ToList();
    }

    public PersonalDataKey Add(string wrappedKey, DateTimeOffset createdAt)
    {
        using var db = contexts.Create();
        var key = new PersonalDataKey { WrappedKey = wrappedKey, CreatedAt = createdAt.ToUniversalTime() };
        db.Add(key);
        db.SaveChanges();
        return key;
    }
}

/// <summary>Keys held by one process only: unit tests of the cipher, and tools that never store anything.</summary>
public sealed class ProcessDataKeyStore : IDataKeyStore
{
    private readonly List<PersonalDataKey> _keys = [];
    private readonly Lock _gate = new();

    public IReadOnlyList<PersonalDataKey> Load()
    {
        lock (_gate)
        {
            return [.. _keys];
        }
    }

    public PersonalDataKey Add(string wrappedKey, DateTimeOffset createdAt)
    {
        lock (_gate)
        {
            var key = new PersonalDataKey { Id = _keys.Count + 1, WrappedKey = wrappedKey, CreatedAt = createdAt };
            _keys.Add(key);
            return key;
        }
    }
}

/// <summary>
/// The data keys of the personal-data envelope (ADR-010). The current key is the newest one younger than its lifetime
/// (<c>PersonalData:DataKeyLifetimeDays</c>, 90 by default); when there is none, a new random key is made, wrapped by
/// Data Protection and stored. Unwrapped keys stay in this process's memory only; a key another node made is read
/// from the store the first time a value needs it.
/// </summary>
public sealed class PersonalDataKeyRing(IDataProtectionProvider provider, IDataKeyStore store, TimeProvider clock, TimeSpan lifetime)
{
    public const string WrapPurpose = "AnjuPortal.PersonalData.DataKey.v1";

    /// <summary>Values a key encrypts in one process before the next one is made (random 96-bit nonces stay far from collision).</summary>
    public const long MaxUsesPerKey = 1L << 28;

    private readonly IDataProtector _wrapper = provider.CreateProtector(WrapPurpose);
    private readonly ConcurrentDictionary<int, byte[]> _unwrapped = new();
    private readonly Lock _gate = new();
    private volatile CurrentKey? _current;

    public PersonalDataKeyRing(IDataProtectionProvider provider, IDataKeyStore store)
        : this(provider, store, TimeProvider.System, TimeSpan.FromDays(90))
    {
    }

    /// <summary>The key to encrypt with now, and its id.</summary>
    public (int Id, byte[] Key) Current()
    {
        var current = _current;
        if (current is not null && current.IsUsable(clock.GetUtcNow(), lifetime) && Interlocked.Increment(ref current.Uses) <= MaxUsesPerKey)
        {
            return (current.Id, current.Key);
        }

        lock (_gate)
        {
            current = _current;
            var now = clock.GetUtcNow();
            if (current is null || !current.IsUsable(now, lifetime) || Interlocked.Read(ref current.Uses) > MaxUsesPerKey)
            {
                current = Newest(now, exclude: current?.Id) ?? Create(now);
                _current = current;
            }

            Interlocked.Increment(ref current.Uses);
            return (current.Id, current.Key);
        }
    }

    /// <summary>The key with this id, for decryption.</summary>
    public byte[] Find(int id)
    {
        if (_unwrapped.TryGetValue(id, out var key))
        {
            return key;
        }

        lock (_gate)
        {
            if (_unwrapped.TryGetValue(id, out key))
            {
                return key;
            }

            var stored = store.Load().FirstOrDefault(k => k.Id == id)
                ?? throw new CryptographicException($"Personal-data key {id} is not in this database's key store (PersonalDataKeys): was the database restored without it?");
            return Unwrap(stored);
        }
    }

    private CurrentKey? Newest(DateTimeOffset now, int? exclude)
    {
        var newest = store.Load().Where(k => k.Id != exclude && now - k.CreatedAt < lifetime).OrderByDescending(k => k.Id).FirstOrDefault();
        return newest is null ? null : new CurrentKey(newest.Id, Unwrap(newest), newest.CreatedAt);
    }

    private CurrentKey Create(DateTimeOffset now)
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var stored = store.Add(Convert.ToBase64String(_wrapper.Protect(key)), now);
        _unwrapped[stored.Id] = key;
        return new CurrentKey(stored.Id, key, now);
    }

    private byte[] Unwrap(PersonalDataKey stored)
    {
        var key = _wrapper.Unprotect(Convert.FromBase64String(stored.WrappedKey));
        if (key.Length != 32)
        {
            throw new CryptographicException($"Personal-data key {stored.Id} is not a 256-bit key.");
        }

        _unwrapped[stored.Id] = key;
        return key;
    }

    private sealed class CurrentKey(int id, byte[] key, DateTimeOffset createdAt)
    {
        public long Uses;

        public int Id { get; } = id;

        public byte[] Key { get; } = key;

        public bool IsUsable(DateTimeOffset now, TimeSpan lifetime) => now - createdAt < lifetime;
    }
}

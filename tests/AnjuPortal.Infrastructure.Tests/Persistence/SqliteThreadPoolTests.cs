using AnjuPortal.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;

namespace AnjuPortal.Infrastructure.Tests.Persistence;

/// <summary>On SQLite the pool starts with more worker threads (its I/O is synchronous); on the other providers nothing changes.</summary>
public sealed class SqliteThreadPoolTests
{
    [Fact]
    public void Sqlite_AsksForTheDefaultMinimum_UnlessConfigured()
    {
        Assert.Equal(SqliteThreadPool.DefaultMinimum, SqliteThreadPool.MinimumFor(Settings(DatabaseProvider.Sqlite), Config()));
        Assert.Equal(24, SqliteThreadPool.MinimumFor(Settings(DatabaseProvider.Sqlite), Config("24")));
        Assert.Equal(0, SqliteThreadPool.MinimumFor(Settings(DatabaseProvider.Sqlite), Config("0")));
    }

    [Theory]
    [InlineData(DatabaseProvider.PostgreSql)]
    [InlineData(DatabaseProvider.SqlServer)]
    public void AsynchronousProviders_AskForNothing_WhateverIsConfigured(DatabaseProvider provider)
    {
        Assert.Equal(0, SqliteThreadPool.MinimumFor(Settings(provider), Config("300")));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("5000")]
    public void AnImplausibleMinimum_IsRefusedWithItsSettingName(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => SqliteThreadPool.MinimumFor(Settings(DatabaseProvider.Sqlite), Config(value)));
        Assert.Contains("Database:SqliteMinThreads", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_RaisesThePoolsMinimum_AndNeverLowersIt()
    {
        ThreadPool.GetMinThreads(out var before, out var ports);
        var target = before + 3;

        SqliteThreadPool.Apply(Settings(DatabaseProvider.Sqlite), Config(target.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        ThreadPool.GetMinThreads(out var raised, out var portsAfter);
        SqliteThreadPool.Apply(Settings(DatabaseProvider.Sqlite), Config("1"));
        ThreadPool.GetMinThreads(out var after, out _);

        // At least (other tests in this process may raise it too, never lower it).
        Assert.True(raised >= target, $"{raised} < {target}");
        Assert.Equal(ports, portsAfter);
        Assert.True(after >= target, $"{after} < {target}");
    }

    private static DatabaseSettings Settings(DatabaseProvider provider) => new(provider, "Data Source=unused.db", MigrateOnStartup: false);

    private static IConfiguration Config(string? minimum = null) => new ConfigurationBuilder()
        .AddInMemoryCollection(minimum is null ? [] : [new KeyValuePair<string, string?>("Database:SqliteMinThreads", minimum)])
        .Build();
}

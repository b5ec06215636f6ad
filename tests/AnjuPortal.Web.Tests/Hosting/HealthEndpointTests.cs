using System.Net;
using System.Text.Json;

namespace AnjuPortal.Web.Tests.Hosting;

public sealed class HealthEndpointTests
{
    [Fact]
    public async Task LiveAndReady_AnswerAnonymously_WithJson()
    {
        await using var factory = new PortalFactory();
        using var client = factory.CreateBrowserLikeClient();

        using var live = await client.GetAsync("/health/live");
        using var ready = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("application/json", ready.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("Healthy", body.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", body.RootElement.GetProperty("checks").GetProperty("job-storage").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ready_Is503_NamingTheDatabase_WhenItsFolderIsGone_WhileLiveStays200()
    {
        await using var factory = new PortalFactory();
        using var client = factory.CreateBrowserLikeClient();
        using (var before = await client.GetAsync("/health/ready"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        // The SQLite file's folder disappears (a lost volume); open connections are closed, new ones cannot open the file.
        var moved = factory.DataFolder + "-gone";
        Directory.Move(factory.DataFolder, moved);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            using var ready = await client.GetAsync("/health/ready");
            using var live = await client.GetAsync("/health/live");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
            Assert.Equal("Unhealthy", body.RootElement.GetProperty("status").GetString());
            var database = body.RootElement.GetProperty("checks").GetProperty("database");
            Assert.Equal("Unhealthy", database.GetProperty("status").GetString());
            Assert.Equal("The database cannot be queried.", database.GetProperty("description").GetString());
            Assert.DoesNotContain(factory.DataFolder, body.RootElement.GetRawText(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Move(moved, factory.DataFolder);
        }
    }
}

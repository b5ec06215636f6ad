using System.Text.Json;
using AnjuPortal.Hosting.Logging;
using Microsoft.Extensions.Configuration;
using Serilog;

namespace AnjuPortal.Hosting.Tests.Logging;

/// <summary>Logging:Format with the real logger configuration both programs use, writing its rolling file to a temporary folder.</summary>
public sealed class LogFormatTests : IDisposable
{
    // Generated for the test: valid checksum, belongs to no one.
    private const string IdNumber = "22010219800101008X";
    private const string Mobile = "13812345678";

    private readonly string _folder = Directory.CreateTempSubdirectory("anju-log-test-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string[] WriteAndRead(string? format)
    {
        var settings = new Dictionary<string, string?> { ["Logging:Directory"] = _folder };
        if (format is not null)
        {
            settings["Logging:Format"] = format;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using (var logger = LoggingSetup.ConfigureAnjuLogging(new LoggerConfiguration(), configuration, contentRoot: _folder).CreateLogger())
        {
            logger.Information("Imported row {Row} for {Unit}", $"张三,{IdNumber},{Mobile}", "南关区");
            logger.Warning("Second line {Count}", 2);
        }

        var file = Assert.Single(Directory.GetFiles(_folder, "anju-*.log"));
        return File.ReadAllLines(file);
    }

    [Fact]
    public void Json_WritesOneJsonObjectPerLine_WithTheRenderedMessage_AndPersonalDataMasked()
    {
        var lines = WriteAndRead("json");

        Assert.Equal(2, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        using var second = JsonDocument.Parse(lines[1]);
        var message = first.RootElement.GetProperty("@m").GetString();
        Assert.StartsWith("Imported row ", message, StringComparison.Ordinal);
        Assert.Contains("张三,220102********008X,138****5678", message, StringComparison.Ordinal);
        Assert.Equal("张三,220102********008X,138****5678", first.RootElement.GetProperty("Row").GetString());
        Assert.True(first.RootElement.TryGetProperty("@t", out _), "Each line carries its timestamp");
        Assert.Equal("Warning", second.RootElement.GetProperty("@l").GetString());
        Assert.Equal(2, second.RootElement.GetProperty("Count").GetInt32());
        Assert.All(lines, line =>
        {
            Assert.DoesNotContain(IdNumber, line, StringComparison.Ordinal);
            Assert.DoesNotContain(Mobile, line, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData(null)]
    [InlineData("text")]
    public void Text_IsTheDefault_AndIsMaskedToo(string? format)
    {
        var lines = WriteAndRead(format);

        Assert.Equal(2, lines.Length);
        Assert.Contains("[INF] Imported row 张三,220102********008X,138****5678 for 南关区", lines[0], StringComparison.Ordinal);
        Assert.False(lines[0].StartsWith('{'), "Text lines are not JSON");
        Assert.DoesNotContain(IdNumber, string.Concat(lines), StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownFormat_IsRefusedAtStart()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:Format"] = "xml" }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => LoggingSetup.ConfigureAnjuLogging(new LoggerConfiguration(), configuration, _folder));
        Assert.Contains("Logging:Format", error.Message, StringComparison.Ordinal);
    }
}

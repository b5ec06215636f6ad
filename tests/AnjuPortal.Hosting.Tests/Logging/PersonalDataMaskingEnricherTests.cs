using AnjuPortal.Hosting.Logging;
using Serilog.Events;
using Serilog.Parsing;

namespace AnjuPortal.Hosting.Tests.Logging;

public sealed class PersonalDataMaskingEnricherTests
{
    // Generated for the test: valid checksum, belongs to no one.
    private const string IdNumber = "22010219800101008X";

    [Theory]
    [InlineData("220102198001010024", "220102********0024")]
    [InlineData("户主 22010219800101008X 已安置", "户主 220102********008X 已安置")]
    [InlineData("电话13812345678", "电话138****5678")]
    [InlineData("项目 NG-2020-001 计划 1200 套", "项目 NG-2020-001 计划 1200 套")]
    public void Mask_HidesIdAndMobileNumbers_ButLeavesOtherText(string input, string expected)
        => Assert.Equal(expected, PersonalDataMaskingEnricher.Mask(input));

    [Fact]
    public void Enrich_MasksStringProperties_BeforeAnySinkSeesThem()
    {
        var template = new MessageTemplateParser().Parse("Imported {Row}");
        var logEvent = new LogEvent(DateTimeOffset.UtcNow, LogEventLevel.Information, null, template,
            [new LogEventProperty("Row", new ScalarValue($"张三,{IdNumber},13812345678"))]);

        new PersonalDataMaskingEnricher().Enrich(logEvent, new PropertyFactory());

        var rendered = logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.DoesNotContain(IdNumber, rendered, StringComparison.Ordinal);
        Assert.DoesNotContain("13812345678", rendered, StringComparison.Ordinal);
        Assert.Contains("220102********008X", rendered, StringComparison.Ordinal);
    }

    private sealed class PropertyFactory : Serilog.Core.ILogEventPropertyFactory
    {
        public LogEventProperty CreateProperty(string name, object? value, bool destructureObjects = false)
            => new(name, new ScalarValue(value));
    }
}

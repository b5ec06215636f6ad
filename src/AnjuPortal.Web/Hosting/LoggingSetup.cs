using AnjuPortal.Domain.PersonalData;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace AnjuPortal.Web.Hosting;

internal static class LoggingSetup
{
    /// <summary>Serilog to the console and a daily rolling file (kept 180 days by default: at least six months), with request logging.</summary>
    public static WebApplicationBuilder AddAnjuLogging(this WebApplicationBuilder builder)
    {
        var folder = Path.Combine(builder.Environment.ContentRootPath, builder.Configuration["Logging:Directory"] ?? "App_Data/logs");
        var retained = builder.Configuration.GetValue("Logging:RetainedDays", 180);
        builder.Services.AddSerilog((services, config) => config
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Hangfire", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .Enrich.With<PersonalDataMaskingEnricher>()
            .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .WriteTo.File(Path.Combine(folder, "anju-.log"), rollingInterval: RollingInterval.Day, retainedFileCountLimit: retained,
                formatProvider: System.Globalization.CultureInfo.InvariantCulture));
        return builder;
    }
}

/// <summary>
/// Last line of defence for personal data in logs: any string property that looks like an ID number or a mobile
/// number is replaced by its masked form before any sink sees it. Code must not log personal data at all.
/// </summary>
internal sealed class PersonalDataMaskingEnricher : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        foreach (var (name, value) in logEvent.Properties.ToList())
        {
            if (value is ScalarValue { Value: string text } && Mask(text) is var masked && !ReferenceEquals(masked, text))
            {
                logEvent.AddOrUpdateProperty(propertyFactory.CreateProperty(name, masked));
            }
        }
    }

    public static string Mask(string text) => PersonalDataMask.MaskFreeText(text);
}

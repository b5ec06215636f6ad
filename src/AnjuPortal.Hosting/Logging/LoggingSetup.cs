using System.Globalization;
using AnjuPortal.Hosting.Health;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Compact;

namespace AnjuPortal.Hosting.Logging;

public static class LoggingSetup
{
    /// <summary>
    /// Serilog to the console and a daily rolling file (kept 180 days by default: at least six months), as text or,
    /// with <c>Logging:Format=json</c>, one compact JSON object per line; personal data masked before any sink.
    /// </summary>
    public static WebApplicationBuilder AddAnjuLogging(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var contentRoot = builder.Environment.ContentRootPath;
        builder.Services.AddSerilog((_, config) => ConfigureAnjuLogging(config, configuration, contentRoot));
        CacheLoggers(builder.Services);
        return builder;
    }

    /// <summary>Wraps the logger factory <c>AddSerilog</c> registered (the last one) so that each category's logger is made once.</summary>
    public static void CacheLoggers(IServiceCollection services)
    {
        var serilog = services.LastOrDefault(d => d.ServiceType == typeof(ILoggerFactory))
            ?? throw new InvalidOperationException("No ILoggerFactory is registered: call AddSerilog first.");
        var factory = serilog.ImplementationFactory
            ?? throw new InvalidOperationException("AddSerilog registers its logger factory through a factory method; this one was not.");
        services.Remove(serilog);
        services.AddSingleton<ILoggerFactory>(sp => new CachingLoggerFactory((ILoggerFactory)factory(sp)));
    }

    /// <summary>The whole logger configuration, in one place for both programs and the tests.</summary>
    public static LoggerConfiguration ConfigureAnjuLogging(LoggerConfiguration config, IConfiguration configuration, string contentRoot)
    {
        var folder = Path.Combine(contentRoot, configuration["Logging:Directory"] ?? "App_Data/logs");
        var retained = configuration.GetValue("Logging:RetainedDays", 180);
        config
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Hangfire", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .Enrich.With<PersonalDataMaskingEnricher>();
        var file = Path.Combine(folder, "anju-.log");
        if (JsonFormatter(configuration) is { } json)
        {
            return config
                .WriteTo.Console(json)
                .WriteTo.File(json, file, rollingInterval: RollingInterval.Day, retainedFileCountLimit: retained);
        }

        return config
            .WriteTo.Console(formatProvider: CultureInfo.InvariantCulture)
            .WriteTo.File(file, rollingInterval: RollingInterval.Day, retainedFileCountLimit: retained, formatProvider: CultureInfo.InvariantCulture);
    }

    /// <summary>Request logging without the probes: health checks every few seconds would drown the useful lines.</summary>
    public static IApplicationBuilder UseAnjuRequestLogging(this IApplicationBuilder app)
        => app.UseSerilogRequestLogging(options => options.GetLevel = (context, _, exception) =>
            exception is not null || context.Response.StatusCode >= StatusCodes.Status500InternalServerError && !HealthSetup.IsProbe(context.Request.Path)
                ? LogEventLevel.Error
                : HealthSetup.IsProbe(context.Request.Path) ? LogEventLevel.Verbose : LogEventLevel.Information);

    /// <summary><c>Logging:Format</c>: <c>text</c> (default) or <c>json</c> (rendered compact JSON: the message and its properties).</summary>
    private static ITextFormatter? JsonFormatter(IConfiguration configuration)
        => (configuration["Logging:Format"] ?? "text").Trim().ToLowerInvariant() switch
        {
            "text" or "" => null,
            "json" => new RenderedCompactJsonFormatter(),
            var other => throw new InvalidOperationException($"Logging:Format '{other}' is not supported. Use text or json."),
        };
}

using AnjuPortal.Hosting.Logging;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AnjuPortal.Hosting.Tests.Logging;

/// <summary>
/// The logger factory both programs get: Serilog's (the messages reach its file), but one logger per category, so that
/// the loggers Blazor asks for on every circuit are made once, not once per session.
/// </summary>
public sealed class LoggerFactoryTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("anju-logger-factory-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task EachCategory_GetsOneLogger_ThatWritesThroughSerilog()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = _folder, EnvironmentName = "Production" });
        builder.Configuration["Logging:Directory"] = "logs";
        builder.AddAnjuLogging();

        await using (var services = builder.Services.BuildServiceProvider())
        {
            var factory = services.GetRequiredService<ILoggerFactory>();
            Assert.IsType<CachingLoggerFactory>(factory);

            var renderer = factory.CreateLogger("Microsoft.AspNetCore.Components.RenderTree.Renderer");
            Assert.Same(renderer, factory.CreateLogger("Microsoft.AspNetCore.Components.RenderTree.Renderer"));
            Assert.NotSame(renderer, factory.CreateLogger("AnjuPortal.Other"));
            Assert.Same(services.GetRequiredService<ILogger<LoggerFactoryTests>>(), services.GetRequiredService<ILogger<LoggerFactoryTests>>());

            factory.CreateLogger("AnjuPortal.Test").LogWarning("Logged through the cached factory {Number}", 42);
        }

        var file = Assert.Single(Directory.GetFiles(Path.Combine(_folder, "logs"), "anju-*.log"));
        Assert.Contains("Logged through the cached factory 42", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
    }
}

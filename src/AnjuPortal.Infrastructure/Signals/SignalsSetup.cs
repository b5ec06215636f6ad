using AnjuPortal.Application.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AnjuPortal.Infrastructure.Signals;

public static class SignalsSetup
{
    /// <summary>
    /// Cross-node notification signals (ADR-012): Redis pub/sub when <c>Signals:Redis</c> is set, in-process delivery
    /// otherwise; the database poller in both cases (it idles while Redis is connected or nobody listens).
    /// </summary>
    public static IServiceCollection AddAnjuSignals(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = SignalSettings.From(configuration);
        services.AddSingleton(settings);
        services.AddSingleton<LocalSignalHub>();
        if (settings.Redis is { } redis)
        {
            services.AddSingleton(sp => new RedisNotificationSignals(
                redis, settings.RedisChannel, sp.GetRequiredService<LocalSignalHub>(), sp.GetRequiredService<ILogger<RedisNotificationSignals>>()));
            services.AddSingleton<INotificationSignals>(sp => sp.GetRequiredService<RedisNotificationSignals>());
            services.AddSingleton<IBackplaneState>(sp => sp.GetRequiredService<RedisNotificationSignals>());
            services.AddHostedService(sp => sp.GetRequiredService<RedisNotificationSignals>());
        }
        else
        {
            services.AddSingleton<InProcessNotificationSignals>();
            services.AddSingleton<INotificationSignals>(sp => sp.GetRequiredService<InProcessNotificationSignals>());
            services.AddSingleton<IBackplaneState>(sp => sp.GetRequiredService<InProcessNotificationSignals>());
        }

        services.AddSingleton<NotificationSignalInterceptor>();
        services.AddSingleton<NotificationPoller>();
        services.AddHostedService(sp => sp.GetRequiredService<NotificationPoller>());
        return services;
    }
}

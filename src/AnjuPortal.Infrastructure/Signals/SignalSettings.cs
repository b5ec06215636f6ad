using Microsoft.Extensions.Configuration;

namespace AnjuPortal.Infrastructure.Signals;

/// <summary>
/// <c>Signals:Redis</c> (a StackExchange.Redis connection string; empty = no Redis, database polling),
/// <c>Signals:RedisChannel</c> (default <c>anju:notifications</c>; differs per deployment sharing one Redis) and
/// <c>Signals:PollSeconds</c> (default 5).
/// </summary>
public sealed record SignalSettings(string? Redis, string RedisChannel, TimeSpan PollInterval)
{
    public const string DefaultChannel = "anju:notifications";

    public static SignalSettings From(IConfiguration configuration)
    {
        var seconds = configuration.GetValue("Signals:PollSeconds", 5.0);
        return new SignalSettings(
            string.IsNullOrWhiteSpace(configuration["Signals:Redis"]) ? null : configuration["Signals:Redis"],
            string.IsNullOrWhiteSpace(configuration["Signals:RedisChannel"]) ? DefaultChannel : configuration["Signals:RedisChannel"]!,
            TimeSpan.FromSeconds(Math.Clamp(seconds, 0.2, 3600)));
    }
}

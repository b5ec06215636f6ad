using AnjuPortal.Domain.PersonalData;
using Serilog.Core;
using Serilog.Events;

namespace AnjuPortal.Hosting.Logging;

/// <summary>
/// Last line of defence for personal data in logs: any string property that looks like an ID number or a mobile
/// number is replaced by its masked form before any sink sees it. Code must not log personal data at all.
/// </summary>
public sealed class PersonalDataMaskingEnricher : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        ArgumentNullException.ThrowIfNull(propertyFactory);
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

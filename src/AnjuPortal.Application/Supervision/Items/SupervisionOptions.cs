using AnjuPortal.Domain.Supervision;

namespace AnjuPortal.Application.Supervision.Items;

/// <summary>Configuration section <c>Supervision</c>: the lights of supervision items 督办事项.</summary>
public sealed class SupervisionOptions
{
    public const string Section = "Supervision";

    /// <summary>An open item turns yellow this many days before its deadline (default 7; the deadline day is yellow too).</summary>
    public int YellowWindowDays { get; set; } = SupervisionLights.DefaultYellowWindowDays;
}

using System.Collections.Concurrent;
using MudBlazor;
using Microsoft.AspNetCore.Components;

namespace AnjuPortal.Web.Components.Shared;

/// <summary>
/// MudBlazor's alerts and buttons as MudAlert and MudButton draw them (same elements, same classes, same icons), but as
/// frames of the page's own render tree instead of components: for pages every operator keeps open, where each
/// MudBlazor component costs a session ~5 KB whatever it shows (ADR-014). The look is MudBlazor's, from its CSS.
/// </summary>
public static class MudMarkup
{
    // A button's start icon in its span, one string per icon for the whole process (every session's tree refers to it).
    private static readonly ConcurrentDictionary<string, string> StartIcons = new(StringComparer.Ordinal);

    /// <summary>An alert box: MudAlert's text (or outlined) variant with the severity's own icon.</summary>
    public static RenderFragment Alert(Severity severity, RenderFragment content, string? testId = null, string? classes = "mb-2", bool outlined = false, bool dense = false)
        => builder =>
        {
            var name = severity.ToString().ToLowerInvariant();
            builder.OpenElement(0, "div");
            builder.AddAttribute(1, "role", "alert");
            builder.AddAttribute(2, "class", $"mud-alert mud-alert-{(outlined ? "outlined" : "text")}-{name}{(dense ? " mud-dense" : string.Empty)} mud-elevation-0 {classes}");
            builder.AddAttribute(3, "data-testid", testId);
            builder.OpenElement(4, "div");
            builder.AddAttribute(5, "class", "mud-alert-position justify-start");
            builder.OpenElement(6, "div");
            builder.AddAttribute(7, "class", "mud-alert-icon mud-alert-icon-left");
            builder.AddMarkupContent(8, InlineIcon.Shared(Icon(severity), "mud-icon-size-medium"));
            builder.CloseElement();
            builder.OpenElement(9, "div");
            builder.AddAttribute(10, "class", "mud-alert-message");
            builder.AddContent(11, content);
            builder.CloseElement();
            builder.CloseElement();
            builder.CloseElement();
        };

    /// <summary>An alert whose message is one text.</summary>
    public static RenderFragment Alert(Severity severity, string text, string? testId = null, string? classes = "mb-2", bool outlined = false, bool dense = false)
        => Alert(severity, b => b.AddContent(0, text), testId, classes, outlined, dense);

    /// <summary>The classes of a MudButton of this variant, colour and size (for a native button or link).</summary>
    public static string Button(Variant variant, Color color = Color.Default, Size size = Size.Medium)
    {
        var v = variant.ToString().ToLowerInvariant();
        return $"mud-button-root mud-button mud-button-{v} mud-button-{v}-{color.ToString().ToLowerInvariant()} mud-button-{v}-size-{size.ToString().ToLowerInvariant()} mud-ripple";
    }

    /// <summary>A button's label with its start icon, as MudButton's StartIcon draws it.</summary>
    public static RenderFragment ButtonLabel(string icon, string text)
        => builder =>
        {
            builder.OpenElement(0, "span");
            builder.AddAttribute(1, "class", "mud-button-label");
            builder.AddMarkupContent(2, StartIcons.GetOrAdd(icon, i => $"<span class=\"mud-button-icon-start mud-button-icon-size-medium\">{InlineIcon.Html(i, "mud-icon-size-medium")}</span>"));
            builder.AddContent(3, text);
            builder.CloseElement();
        };

    /// <summary>MudAlert's default icon of each severity.</summary>
    private static string Icon(Severity severity) => severity switch
    {
        Severity.Error => Icons.Material.Filled.ErrorOutline,
        Severity.Warning => Icons.Material.Outlined.ReportProblem,
        Severity.Success => Icons.Custom.Uncategorized.AlertSuccess,
        Severity.Info => Icons.Material.Outlined.Info,
        _ => Icons.Material.Outlined.EventNote,
    };
}

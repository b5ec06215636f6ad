using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace AnjuPortal.Web.Components.Shared;

/// <summary>
/// A Material icon drawn as MudIcon draws it (MudBlazor's icon constants are the SVG's inner markup), but as a few
/// frames of the parent's render tree instead of a component of its own: for icons repeated on every page or in every
/// row, where a component per icon costs each session ~5 KB (issue #8). Decorative: hidden from screen readers.
/// </summary>
public static class InlineIcon
{
    public static RenderFragment Medium(string svg, string? classes = null) => Draw(svg, "mud-icon-default mud-icon-size-medium", classes);

    public static RenderFragment Small(string svg, string? classes = null) => Draw(svg, "mud-icon-size-small", classes);

    /// <summary>In the colour of the text around it, as inside MudIconButton and MudButton (the app bar's white on red).</summary>
    public static RenderFragment Inherit(string svg, string? classes = null) => Draw(svg, "mud-icon-size-medium", classes);

    /// <summary>The same SVG as a string, for markup built as text (the navigation menu).</summary>
    public static string Html(string svg, string classes) => $"<svg class=\"mud-icon-root mud-svg-icon {classes}\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" role=\"img\">{svg}</svg>";

    private static RenderFragment Draw(string svg, string size, string? classes) => builder => Build(builder, svg, size, classes);

    private static void Build(RenderTreeBuilder builder, string svg, string size, string? classes)
    {
        builder.OpenElement(0, "svg");
        builder.AddAttribute(1, "class", classes is null ? $"mud-icon-root mud-svg-icon {size}" : $"mud-icon-root mud-svg-icon {size} {classes}");
        builder.AddAttribute(2, "focusable", "false");
        builder.AddAttribute(3, "viewBox", "0 0 24 24");
        builder.AddAttribute(4, "aria-hidden", "true");
        builder.AddAttribute(5, "role", "img");
        builder.AddMarkupContent(6, svg);
        builder.CloseElement();
    }
}

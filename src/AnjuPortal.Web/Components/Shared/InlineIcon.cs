using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;

namespace AnjuPortal.Web.Components.Shared;

/// <summary>
/// A Material icon drawn as MudIcon draws it (MudBlazor's icon constants are the SVG's inner markup), but as one markup
/// frame of the parent's render tree instead of a component of its own: for icons repeated on every page or in every
/// row, where a component per icon costs each session ~5 KB (issue #8). Decorative: hidden from screen readers.
/// </summary>
public static class InlineIcon
{
    public static RenderFragment Small(string svg, string? classes = null) => Draw(svg, Join("mud-icon-size-small", classes));

    /// <summary>In the colour of the text around it, as inside MudIconButton and MudButton (the app bar's white on red).</summary>
    public static RenderFragment Inherit(string svg, string? classes = null) => Draw(svg, Join("mud-icon-size-medium", classes));

    /// <summary>The SVG as a string, for markup built as text (the navigation menu); the fragments above draw the same.</summary>
    public static string Html(string svg, string classes) => $"<svg class=\"mud-icon-root mud-svg-icon {classes}\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" role=\"img\">{svg}</svg>";

    // One drawn string per icon and size for the whole process: every session's render tree refers to the same one.
    private static readonly ConcurrentDictionary<(string Svg, string Classes), string> Drawn = new();

    /// <summary><see cref="Html"/>, drawn once per icon and classes for the process (for markup kept in render trees).</summary>
    public static string Shared(string svg, string classes) => Drawn.GetOrAdd((svg, classes), key => Html(key.Svg, key.Classes));

    private static RenderFragment Draw(string svg, string classes) => builder => builder.AddMarkupContent(0, Shared(svg, classes));

    private static string Join(string size, string? classes) => classes is null ? size : $"{size} {classes}";
}

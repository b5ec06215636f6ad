using Microsoft.AspNetCore.Components;

namespace AnjuPortal.Web.Components.Layout;

/// <summary>A click on the menu button, with whether the screen is narrow (under MudBlazor's md breakpoint, 960 px).</summary>
public sealed class MenuToggleEventArgs : EventArgs
{
    public bool Narrow { get; set; }
}

/// <summary>
/// The menu button's event (js/layout.js registers it on the browser's click): the drawer's state on a screen the
/// server cannot see without asking the browser through JS interop in every circuit (ADR-015). The Razor compiler finds
/// custom events only on a public class named <c>EventHandlers</c> in an imported namespace.
/// </summary>
[EventHandler("onmenutoggle", typeof(MenuToggleEventArgs), enableStopPropagation: true, enablePreventDefault: true)]
public static class EventHandlers
{
}

using MudBlazor;

namespace AnjuPortal.Web.Components.Layout;

/// <summary>A sober government palette (deep red header as on official documents, blue actions) and CJK-friendly fonts.</summary>
internal static class AnjuTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#9b1c1c",
            Secondary = "#1f4e79",
            AppbarBackground = "#9b1c1c",
            Background = "#f5f6f8",
            DrawerBackground = "#ffffff",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["\"Noto Sans CJK SC\"", "\"Microsoft YaHei\"", "\"PingFang SC\"", "\"WenQuanYi Micro Hei\"", "sans-serif"],
            },
        },
    };
}

using AnjuPortal.Web.Components.Pages.Dashboards.Components;

namespace AnjuPortal.Web.Tests.Components.Pages.Dashboards.Components;

public sealed class TrendSvgTests
{
    [Fact]
    public void TheAxis_GoesTo100Percent_OrFurtherWhenAUnitIsPastItsPlan()
    {
        var within = TrendSvg.Markup([new("开工", "#1565c0", [10, 55.5])], ["1月", "2月"]);
        var past = TrendSvg.Markup([new("开工", "#1565c0", [10, 131])], ["1月", "2月"]);

        Assert.Contains(">100%</text>", within, StringComparison.Ordinal);
        Assert.DoesNotContain(">120%</text>", within, StringComparison.Ordinal);
        Assert.Contains(">140%</text>", past, StringComparison.Ordinal);
        Assert.DoesNotContain(">160%</text>", past, StringComparison.Ordinal);
    }

    [Fact]
    public void NamesAndLabels_AreWrittenAsText_NeverAsMarkup()
    {
        var svg = TrendSvg.Markup([new("<script>x</script>", "#000", [1])], ["<b>1月</b>"]);

        Assert.DoesNotContain("<script>", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", svg, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;x&lt;/script&gt;", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void AHigherFigure_IsDrawnHigher_AndTheTimeLineDashed()
    {
        var svg = TrendSvg.Markup([new("开工", "#1565c0", [0, 50, 100]), new("时间进度", "#757575", [8.3, 16.7, 25], Dashed: true)], ["1月", "2月", "3月"]);

        // 0 % sits on the axis (y = 270), 100 % at the top (y = 14), 50 % half way between.
        Assert.Contains("points=\"46,270 376,142 706,14\"", svg, StringComparison.Ordinal);
        Assert.Contains("stroke-dasharray", svg[svg.IndexOf("时间进度", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }
}

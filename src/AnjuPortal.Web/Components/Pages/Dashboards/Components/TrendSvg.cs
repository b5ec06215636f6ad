using System.Globalization;
using System.Net;
using System.Text;

namespace AnjuPortal.Web.Components.Pages.Dashboards.Components;

/// <summary>
/// The trend chart drawn as one SVG string: lines of cumulative task progress per measure and the time progress line,
/// month by month, on a 0–100 % axis (higher when a unit is past its plan). One string instead of a chart component
/// tree: it is built once per dashboard view and shared by every session showing that view (issue #8's memory per
/// session). The figures are also in the table beneath, which is what screen readers read; the chart is aria-hidden.
/// </summary>
public static class TrendSvg
{
    public sealed record Series(string Name, string Colour, IReadOnlyList<double> Values, bool Dashed = false);

    private const double Width = 720, Height = 300, Left = 46, Right = 14, Top = 14, Bottom = 30;

    public static string Markup(IReadOnlyList<Series> series, IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(labels);
        var inv = CultureInfo.InvariantCulture;
        var highest = series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max();
        var top = Math.Max(100, Math.Ceiling(highest / 20) * 20);
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        double X(int i) => labels.Count <= 1 ? Left + (plotWidth / 2) : Left + (plotWidth * i / (labels.Count - 1));
        double Y(double value) => Top + (plotHeight * (1 - (Math.Max(0, value) / top)));

        var s = new StringBuilder(4096);
        s.Append(inv, $"<svg class=\"anju-trend-svg\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-hidden=\"true\" focusable=\"false\">");
        for (var tick = 0d; tick <= top; tick += 20)
        {
            var y = Y(tick);
            s.Append(inv, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\" class=\"anju-trend-grid\"/>");
            s.Append(inv, $"<text x=\"{Left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\" class=\"anju-trend-axis\">{tick:0}%</text>");
        }

        for (var i = 0; i < labels.Count; i++)
        {
            s.Append(inv, $"<text x=\"{X(i):0.#}\" y=\"{Height - 8}\" text-anchor=\"middle\" class=\"anju-trend-axis\">{WebUtility.HtmlEncode(labels[i])}</text>");
        }

        foreach (var line in series)
        {
            var points = string.Join(' ', line.Values.Select((v, i) => string.Create(inv, $"{X(i):0.#},{Y(v):0.#}")));
            var values = string.Join(' ', line.Values.Select(v => v.ToString("0.0", inv)));
            s.Append(inv, $"<g data-series=\"{WebUtility.HtmlEncode(line.Name)}\" data-values=\"{values}\">");
            s.Append(inv, $"<polyline points=\"{points}\" fill=\"none\" stroke=\"{line.Colour}\" stroke-width=\"3\"{(line.Dashed ? " stroke-dasharray=\"6 4\"" : "")}/>");
            for (var i = 0; i < line.Values.Count; i++)
            {
                s.Append(inv, $"<circle cx=\"{X(i):0.#}\" cy=\"{Y(line.Values[i]):0.#}\" r=\"3.5\" fill=\"{line.Colour}\"/>");
            }

            s.Append("</g>");
        }

        s.Append("</svg><ul class=\"anju-trend-legend\">");
        foreach (var line in series)
        {
            s.Append(inv, $"<li><span class=\"anju-trend-swatch{(line.Dashed ? " anju-trend-swatch-dashed" : "")}\" style=\"border-color:{line.Colour}\"></span>{WebUtility.HtmlEncode(line.Name)}</li>");
        }

        s.Append("</ul>");
        return s.ToString();
    }
}

using System.Globalization;
using System.Net;

namespace Trading.Backtesting.Reports;

/// <summary>A time-series chart as inline SVG: value and date axes with gridlines, lines or filled areas, a legend,
/// and hover bands whose &lt;title&gt; shows the date and the values under the pointer (no script needed).</summary>
internal sealed class SvgChart(int width, int height, Func<double, string> formatValue, Func<DateTime, string> formatTime)
{
    private const double Left = 78, Right = 18, Top = 14, Bottom = 30;

    /// <summary>About one hover band per 8 pixels: fine enough to read, few enough to keep the file small.</summary>
    private const int HoverBandWidth = 8;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public List<ChartSeries> Series { get; } = [];

    /// <summary>Keep zero inside the value range (drawdowns, returns).</summary>
    public bool IncludeZero { get; init; }

    /// <summary>Draws the chart; <paramref name="label"/> names it for screen readers.</summary>
    public void Write(TextWriter w, string label)
    {
        w.Write(string.Create(Invariant, $"<svg class=\"chart\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{WebUtility.HtmlEncode(label)}\">"));
        if (!TryRange(out var tMin, out var tMax, out var yMin, out var yMax))
        {
            w.Write(string.Create(Invariant, $"<text x=\"{width / 2}\" y=\"{height / 2}\" class=\"empty\" text-anchor=\"middle\">No data to chart</text></svg>"));
            return;
        }

        var yStep = NiceStep((yMax - yMin) / 5);
        yMin = Math.Floor(yMin / yStep) * yStep;
        yMax = Math.Ceiling(yMax / yStep) * yStep;
        var plotWidth = width - Left - Right;
        var plotHeight = height - Top - Bottom;
        double X(double t) => Left + ((t - tMin) / (tMax - tMin) * plotWidth);
        double Y(double v) => Top + ((yMax - v) / (yMax - yMin) * plotHeight);

        // Value gridlines and labels.
        w.Write("<g class=\"grid\">");
        for (var v = yMin; v <= yMax + (yStep / 2); v += yStep)
        {
            var y = Y(v);
            w.Write(string.Create(Invariant, $"<line x1=\"{Left}\" x2=\"{width - Right}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\"/>"));
            w.Write(string.Create(Invariant, $"<text x=\"{Left - 8}\" y=\"{y + 4:0.#}\" text-anchor=\"end\">{WebUtility.HtmlEncode(formatValue(Math.Abs(v) < yStep / 1e6 ? 0 : v))}</text>"));
        }

        // Date gridlines and labels.
        var first = new DateTime((long)tMin, DateTimeKind.Utc);
        var last = new DateTime((long)tMax, DateTimeKind.Utc);
        foreach (var (time, text) in TimeTicks.Between(first, last, Math.Max(2, (int)(plotWidth / 110))))
        {
            var x = X(time.Ticks);
            w.Write(string.Create(Invariant, $"<line x1=\"{x:0.#}\" x2=\"{x:0.#}\" y1=\"{Top}\" y2=\"{height - Bottom}\"/>"));
            w.Write(string.Create(Invariant, $"<text x=\"{x:0.#}\" y=\"{height - Bottom + 18}\" text-anchor=\"middle\">{WebUtility.HtmlEncode(text)}</text>"));
        }

        w.Write("</g>");
        w.Write(string.Create(Invariant, $"<rect class=\"frame\" x=\"{Left}\" y=\"{Top}\" width=\"{plotWidth}\" height=\"{plotHeight}\"/>"));

        var zero = Y(Math.Clamp(0, yMin, yMax));
        var buckets = Math.Min(1000, (int)plotWidth);
        foreach (var series in Series)
        {
            WriteSeries(w, series, buckets, X, Y, zero);
        }

        WriteLegend(w);
        WriteHoverBands(w, tMin, tMax, plotWidth, plotHeight);
        w.Write("</svg>");
    }

    private static void WriteSeries(TextWriter w, ChartSeries series, int buckets, Func<double, double> x, Func<double, double> y, double zero)
    {
        var times = new double[series.Times.Count];
        for (var i = 0; i < times.Length; i++)
        {
            times[i] = series.Times[i].Ticks;
        }

        var kept = MinMaxDecimation.Select(times, series.Values, buckets);
        var path = new System.Text.StringBuilder(kept.Count * 16);
        var segmentStart = -1.0;
        var lastX = 0.0;
        foreach (var i in kept)
        {
            var value = series.Values[i];
            if (!double.IsFinite(value))
            {
                CloseArea(path, series.FillToZero, segmentStart, lastX, zero);
                segmentStart = -1;
                continue;
            }

            lastX = x(times[i]);
            if (segmentStart < 0)
            {
                segmentStart = lastX;
                if (series.FillToZero)
                {
                    path.Append(Invariant, $"M{lastX:0.#} {zero:0.#}L{lastX:0.#} {y(value):0.#}");
                }
                else
                {
                    path.Append(Invariant, $"M{lastX:0.#} {y(value):0.#}");
                }
            }
            else
            {
                path.Append(Invariant, $"L{lastX:0.#} {y(value):0.#}");
            }
        }

        CloseArea(path, series.FillToZero, segmentStart, lastX, zero);
        if (path.Length == 0)
        {
            return;
        }

        var style = series.FillToZero
            ? $"fill=\"{series.Color}\" fill-opacity=\"0.28\" stroke=\"{series.Color}\" stroke-width=\"1.2\""
            : $"fill=\"none\" stroke=\"{series.Color}\" stroke-width=\"{(series.Dashed ? 1.3 : 1.8).ToString(Invariant)}\"{(series.Dashed ? " stroke-dasharray=\"5 3\"" : string.Empty)}";
        w.Write($"<path class=\"series\" {style} stroke-linejoin=\"round\" d=\"{path}\"/>");
    }

    private static void CloseArea(System.Text.StringBuilder path, bool fill, double segmentStart, double lastX, double zero)
    {
        if (fill && segmentStart >= 0)
        {
            path.Append(Invariant, $"L{lastX:0.#} {zero:0.#}Z");
        }
    }

    private void WriteLegend(TextWriter w)
    {
        // One series needs no key: the chart's heading names it.
        if (Series.Count < 2)
        {
            return;
        }

        var x = Left + 12;
        foreach (var series in Series)
        {
            var dash = series.Dashed ? " stroke-dasharray=\"5 3\"" : string.Empty;
            w.Write(string.Create(Invariant, $"<g class=\"legend\"><line x1=\"{x}\" x2=\"{x + 22}\" y1=\"{Top + 14}\" y2=\"{Top + 14}\" stroke=\"{series.Color}\" stroke-width=\"3\"{dash}/>"));
            var name = WebUtility.HtmlEncode(series.Name);
            w.Write(string.Create(Invariant, $"<text x=\"{x + 28}\" y=\"{Top + 18}\">{name}</text></g>"));
            x += 48 + (series.Name.Length * 7);
        }
    }

    private void WriteHoverBands(TextWriter w, double tMin, double tMax, double plotWidth, double plotHeight)
    {
        var bands = Math.Max(1, (int)(plotWidth / HoverBandWidth));
        var bandWidth = plotWidth / bands;
        w.Write("<g class=\"hover\">");
        for (var b = 0; b < bands; b++)
        {
            var centre = tMin + ((b + 0.5) / bands * (tMax - tMin));
            var text = new System.Text.StringBuilder();
            DateTime? shown = null;
            foreach (var series in Series)
            {
                var i = LastAtOrBefore(series.Times, centre);
                if (i < 0 || !double.IsFinite(series.Values[i]))
                {
                    continue;
                }

                shown ??= series.Times[i];
                text.Append('\n').Append(series.Name).Append(": ").Append(formatValue(series.Values[i]));
            }

            if (shown is null)
            {
                continue;
            }

            var x = Left + (b * bandWidth);
            w.Write(string.Create(Invariant, $"<rect x=\"{x:0.#}\" y=\"{Top}\" width=\"{bandWidth:0.##}\" height=\"{plotHeight}\"><title>{WebUtility.HtmlEncode(formatTime(shown.Value) + text)}</title></rect>"));
        }

        w.Write("</g>");
    }

    private static int LastAtOrBefore(IReadOnlyList<DateTime> times, double ticks)
    {
        int lo = 0, hi = times.Count - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (times[mid].Ticks <= ticks)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found;
    }

    private bool TryRange(out double tMin, out double tMax, out double yMin, out double yMax)
    {
        tMin = double.PositiveInfinity;
        tMax = double.NegativeInfinity;
        yMin = IncludeZero ? 0 : double.PositiveInfinity;
        yMax = IncludeZero ? 0 : double.NegativeInfinity;
        var any = false;
        foreach (var series in Series)
        {
            for (var i = 0; i < series.Values.Count; i++)
            {
                var value = series.Values[i];
                if (!double.IsFinite(value))
                {
                    continue;
                }

                any = true;
                tMin = Math.Min(tMin, series.Times[i].Ticks);
                tMax = Math.Max(tMax, series.Times[i].Ticks);
                yMin = Math.Min(yMin, value);
                yMax = Math.Max(yMax, value);
            }
        }

        if (!any)
        {
            return false;
        }

        // A single time or a flat line still needs a span to draw in.
        if (tMax <= tMin)
        {
            tMin -= TimeSpan.TicksPerDay;
            tMax += TimeSpan.TicksPerDay;
        }

        if (yMax <= yMin)
        {
            var pad = yMin == 0 ? 1 : Math.Abs(yMin) * 0.05;
            yMin -= pad;
            yMax += pad;
        }
        else if (!IncludeZero)
        {
            // Breathing room, but an all-positive series (equity) never gets a negative axis.
            var pad = (yMax - yMin) * 0.04;
            yMin = yMin >= 0 ? Math.Max(0, yMin - pad) : yMin - pad;
            yMax += pad;
        }

        return true;
    }

    /// <summary>1, 2, 2.5 or 5 times a power of ten, at least <paramref name="rough"/>.</summary>
    private static double NiceStep(double rough)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        foreach (var m in (ReadOnlySpan<double>)[1, 2, 2.5, 5, 10])
        {
            if (m * power >= rough)
            {
                return m * power;
            }
        }

        return 10 * power;
    }
}

using System.Globalization;
using Trading.Domain;

namespace Trading.Indicators;

/// <summary>Indicator columns over one bar series, one row per bar, named as <see cref="IndicatorSpec.Columns"/>
/// name them; values are NaN before each column's first valid bar.</summary>
public sealed class IndicatorTable
{
    private readonly double[][] _columns;
    private readonly Dictionary<string, int> _indexByName;

    private IndicatorTable(BarSeries bars, IReadOnlyList<IndicatorSpec> specs, List<string> names, List<double[]> columns)
    {
        Bars = bars;
        Specs = specs;
        ColumnNames = names;
        _columns = [.. columns];
        _indexByName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            _indexByName[names[i]] = i;
        }
    }

    public BarSeries Bars { get; }

    public IReadOnlyList<IndicatorSpec> Specs { get; }

    public IReadOnlyList<string> ColumnNames { get; }

    public int RowCount => Bars.Count;

    /// <summary>The column with this name (<c>sma(20)</c>, <c>macd(12,26,9).signal</c>).</summary>
    /// <exception cref="KeyNotFoundException">No such column; the message lists the columns there are.</exception>
    public ReadOnlySpan<double> this[string column] =>
        _indexByName.TryGetValue(column, out var index)
            ? _columns[index]
            : throw new KeyNotFoundException($"no column '{column}'; the table has {string.Join(", ", ColumnNames)}");

    public ReadOnlySpan<double> Column(int index) => _columns[index];

    public static IndicatorTable Compute(BarSeries bars, IReadOnlyList<IndicatorSpec> specs)
    {
        ArgumentNullException.ThrowIfNull(bars);
        ArgumentNullException.ThrowIfNull(specs);
        var unique = new List<IndicatorSpec>();
        var names = new List<string>();
        var columns = new List<double[]>();
        foreach (var spec in specs)
        {
            if (unique.Contains(spec))
            {
                continue;
            }

            unique.Add(spec);
            names.AddRange(spec.Columns);
            columns.AddRange(spec.Compute(bars));
        }

        return new IndicatorTable(bars, unique, names, columns);
    }

    /// <summary>Parses <paramref name="specs"/> (<c>"sma(20),rsi(14)"</c>) and computes them.</summary>
    public static IndicatorTable Compute(BarSeries bars, string specs) => Compute(bars, IndicatorSpec.Parse(specs));

    // Names such as macd(12,26,9).macd hold commas: quote them as RFC 4180 asks, so every CSV reader splits them right.
    private static void WriteField(TextWriter writer, string text)
    {
        if (text.AsSpan().IndexOfAny(',', '"', '\n') < 0)
        {
            writer.Write(text);
            return;
        }

        writer.Write('"');
        writer.Write(text.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }

    /// <summary>Writes a header <c>date,&lt;columns&gt;</c> then one row per bar: the date as yyyy-MM-dd for daily and
    /// longer bars, ISO-8601 UTC (yyyy-MM-ddTHH:mm:ssZ) for intraday ones; each value in round-trip precision with
    /// the invariant culture; an empty cell where the value is not yet valid. Lines end with '\n'. Column names that
    /// hold a comma are quoted (<c>"macd(12,26,9).macd"</c>), as RFC 4180 requires.</summary>
    /// <param name="from">Rows before this time are left out (they still warmed the indicators up).</param>
    public void WriteCsv(TextWriter writer, DateTime? from = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write("date");
        foreach (var name in ColumnNames)
        {
            writer.Write(',');
            WriteField(writer, name);
        }

        writer.Write('\n');
        var times = Bars.Time;
        Span<char> buffer = stackalloc char[32];
        var first = from is { } start ? Bars.IndexAtOrBefore(start.AddTicks(-1)) + 1 : 0;
        for (var row = first; row < times.Length; row++)
        {
            writer.Write(Bars.Interval.Format(times[row]));
            foreach (var column in _columns)
            {
                writer.Write(',');
                var value = column[row];
                if (double.IsNaN(value))
                {
                    continue;
                }

                if (value.TryFormat(buffer, out var written, "R", CultureInfo.InvariantCulture))
                {
                    writer.Write(buffer[..written]);
                }
                else
                {
                    writer.Write(value.ToString("R", CultureInfo.InvariantCulture));
                }
            }

            writer.Write('\n');
        }
    }
}

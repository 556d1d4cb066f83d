using System.Globalization;
using Trading.Domain;

namespace Trading.Data.Csv;

/// <summary>Writes a series as plain OHLCV CSV (Date,Open,High,Low,Close,Volume) that <see cref="CsvBarImport"/> reads back
/// bit for bit: prices use the shortest round-trip form, so the same series always gives the same bytes.</summary>
public static class BarCsvWriter
{
    public const string Header = "Date,Open,High,Low,Close,Volume";

    public static void Write(BarSeries series, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Header);
        writer.Write('\n');
        var time = series.Time;
        var open = series.Open;
        var high = series.High;
        var low = series.Low;
        var close = series.Close;
        var volume = series.Volume;
        Span<char> buffer = stackalloc char[32];
        for (var i = 0; i < series.Count; i++)
        {
            writer.Write(series.Interval.Format(time[i]));
            WriteNumber(writer, open[i], buffer);
            WriteNumber(writer, high[i], buffer);
            WriteNumber(writer, low[i], buffer);
            WriteNumber(writer, close[i], buffer);
            WriteNumber(writer, volume[i], buffer);
            writer.Write('\n');
        }
    }

    private static void WriteNumber(TextWriter writer, double value, Span<char> buffer)
    {
        writer.Write(',');
        value.TryFormat(buffer, out var written, "R", CultureInfo.InvariantCulture);
        writer.Write(buffer[..written]);
    }
}

using System.Globalization;
using System.Text;
using Trading.Domain;

namespace Trading.Data.Csv;

/// <summary>Reading one CSV line into a row: fields split at the layout's delimiter, numbers parsed straight from the
/// bytes, nulls and problems named by column.</summary>
public sealed partial class CsvBarImport
{
    private RowKind ParseRow(ReadOnlySpan<byte> line, CsvLayout layout, RowSymbols symbols, out Symbol symbol, out Row row, out string? problem)
    {
        row = default;
        symbol = symbols.File;
        var columns = layout.Columns;
        Span<Range> ranges = stackalloc Range[Math.Max(layout.ColumnCount, 6) + 1];
        var count = SplitFields(line, ranges, layout.Delimiter);
        if (count < layout.ColumnCount || count <= columns.Last)
        {
            problem = $"expected {layout.ColumnCount} columns, found {count}";
            return RowKind.Bad;
        }

        var dateField = Field(line, ranges[columns.Date]);
        if (!Times.TryParse(dateField, out var time, out problem))
        {
            return RowKind.Bad;
        }

        if (columns.Symbol != BarColumns.None && !symbols.TryRead(Field(line, ranges[columns.Symbol]), out symbol, out problem))
        {
            return RowKind.Bad;
        }

        var open = Field(line, ranges[columns.Open]);
        var high = Field(line, ranges[columns.High]);
        var low = Field(line, ranges[columns.Low]);
        var close = Field(line, ranges[columns.Close]);
        var volume = columns.Volume == BarColumns.None ? "0"u8 : Field(line, ranges[columns.Volume]);
        var adjusted = columns.AdjClose != BarColumns.None;
        var adjClose = adjusted ? Field(line, ranges[columns.AdjClose]) : "1"u8;
        if (IsNull(open) || IsNull(high) || IsNull(low) || IsNull(close) || IsNull(volume) || IsNull(adjClose)
            || (open.IsEmpty && high.IsEmpty && low.IsEmpty && close.IsEmpty))
        {
            problem = null;
            return RowKind.Null;
        }

        if (!TryParseNumber(open, "open", out var o, out problem)
            || !TryParseNumber(high, "high", out var h, out problem)
            || !TryParseNumber(low, "low", out var l, out problem)
            || !TryParseNumber(close, "close", out var c, out problem)
            || !TryParseNumber(volume, "volume", out var v, out problem)
            || !TryParseNumber(adjClose, "adj_close", out var a, out problem))
        {
            return RowKind.Bad;
        }

        return Check(time, o, h, l, c, v, adjusted ? a : null, out row, out problem);
    }

    /// <summary>Splits on the delimiter into at most <paramref name="ranges"/>.Length fields; returns how many there are.</summary>
    private static int SplitFields(ReadOnlySpan<byte> line, Span<Range> ranges, byte delimiter)
    {
        var count = 0;
        var start = 0;
        while (count < ranges.Length)
        {
            var next = line[start..].IndexOf(delimiter);
            if (next < 0)
            {
                ranges[count++] = new Range(start, line.Length);
                return count;
            }

            ranges[count++] = new Range(start, start + next);
            start += next + 1;
        }

        return count + 1;
    }

    private static ReadOnlySpan<byte> Field(ReadOnlySpan<byte> line, Range range)
    {
        var field = line[range].Trim((byte)' ');
        if (field.Length >= 2 && field[0] == (byte)'"' && field[^1] == (byte)'"')
        {
            field = field[1..^1];
        }

        return field;
    }

    private static bool IsNull(ReadOnlySpan<byte> field) =>
        field.Length == 4 && (field[0] | 0x20) == 'n' && (field[1] | 0x20) == 'u' && (field[2] | 0x20) == 'l' && (field[3] | 0x20) == 'l';

    private static bool TryParseNumber(ReadOnlySpan<byte> field, string column, out double value, out string? problem)
    {
        // NaN and infinities read as numbers here; the bar rule refuses them with the other impossible values.
        if (double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            problem = null;
            return true;
        }

        problem = field.IsEmpty ? $"{column} is empty" : $"{column} '{Text(field)}' is not a number";
        return false;
    }

    private static string Text(ReadOnlySpan<byte> field)
    {
        var text = Encoding.UTF8.GetString(field.Length > 40 ? field[..40] : field);
        return field.Length > 40 ? text + "…" : text;
    }
}

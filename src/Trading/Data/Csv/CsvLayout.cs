using System.Globalization;
using System.Text;

namespace Trading.Data.Csv;

/// <summary>Where the columns of a bar file are, read from its header (or the plain Date,Open,High,Low,Close,Volume
/// order when the file has none).</summary>
/// <remarks>
/// Yahoo's layout is Date,Open,High,Low,Close,Adj Close,Volume; backtrader's adds OpenInterest; Kaggle dumps add Name.
/// Columns we do not use are tolerated so that any of them imports without a conversion step; any other layout is
/// read through a <see cref="ColumnMapping"/>.
/// </remarks>
internal sealed record CsvLayout(byte Delimiter, BarColumns Columns, int ColumnCount, bool HasHeader)
{
    /// <summary>The most columns a bar file may have: about ten is usual, and each row's field table lives on the stack.</summary>
    public const int MaxColumns = 1000;

    /// <summary>Reads the layout from the first line, or explains why it cannot.</summary>
    public static CsvLayout? Detect(ReadOnlySpan<byte> firstLine, ColumnMapping mapping, out string? problem)
    {
        var delimiter = DetectDelimiter(firstLine);
        var columns = firstLine.Count(delimiter) + 1;
        if (columns > MaxColumns)
        {
            problem = string.Create(CultureInfo.InvariantCulture, $"too many columns: {columns:N0}, at most {MaxColumns:N0}");
            return null;
        }

        var fields = Encoding.UTF8.GetString(firstLine).Split((char)delimiter);
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = fields[i].Trim().Trim('"');
        }

        var looksLikeData = fields.Length > 0 && fields[0].Length > 0 && char.IsAsciiDigit(fields[0][0]);
        if (looksLikeData)
        {
            if (!mapping.IsEmpty)
            {
                problem = $"the file has no header (its first line is data), so its columns cannot be mapped by name ({mapping})";
                return null;
            }

            if (fields.Length < 6)
            {
                problem = $"no header and only {fields.Length} columns; expected Date,Open,High,Low,Close,Volume";
                return null;
            }

            problem = null;
            return new CsvLayout(delimiter, BarColumns.Plain, fields.Length, HasHeader: false);
        }

        var found = BarColumns.Find(fields, mapping, out problem);
        return found is null ? null : new CsvLayout(delimiter, found, fields.Length, HasHeader: true);
    }

    private static byte DetectDelimiter(ReadOnlySpan<byte> line)
    {
        if (line.Contains((byte)','))
        {
            return (byte)',';
        }

        if (line.Contains((byte)';'))
        {
            return (byte)';';
        }

        return line.Contains((byte)'\t') ? (byte)'\t' : (byte)',';
    }
}

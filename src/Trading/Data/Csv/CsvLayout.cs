using System.Globalization;
using System.Text;

namespace Trading.Data.Csv;

/// <summary>Where the columns of a bar file are, read from its header (or the plain Date,Open,High,Low,Close,Volume
/// order when the file has none).</summary>
/// <remarks>
/// Yahoo's layout is Date,Open,High,Low,Close,Adj Close,Volume; backtrader's adds OpenInterest; Kaggle dumps add Name.
/// Columns we do not use are tolerated so that any of them imports without a conversion step.
/// </remarks>
internal sealed record CsvLayout(byte Delimiter, int Date, int Open, int High, int Low, int Close, int Volume, int ColumnCount, bool HasHeader)
{
    /// <summary>The most columns a bar file may have: about ten is usual, and each row's field table lives on the stack.</summary>
    public const int MaxColumns = 1000;

    private static readonly string[] DateNames = ["date", "datetime", "time", "timestamp"];

    /// <summary>Reads the layout from the first line, or explains why it cannot.</summary>
    public static CsvLayout? Detect(ReadOnlySpan<byte> firstLine, out string? problem)
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
            fields[i] = fields[i].Trim().Trim('"').ToLowerInvariant();
        }

        var looksLikeData = fields.Length > 0 && fields[0].Length > 0 && char.IsAsciiDigit(fields[0][0]);
        if (looksLikeData)
        {
            if (fields.Length < 6)
            {
                problem = $"no header and only {fields.Length} columns; expected Date,Open,High,Low,Close,Volume";
                return null;
            }

            problem = null;
            return new CsvLayout(delimiter, 0, 1, 2, 3, 4, 5, fields.Length, HasHeader: false);
        }

        var date = IndexOfAny(fields, DateNames);
        var open = Array.IndexOf(fields, "open");
        var high = Array.IndexOf(fields, "high");
        var low = Array.IndexOf(fields, "low");
        var close = Array.IndexOf(fields, "close");
        var volume = Array.IndexOf(fields, "volume");
        var missing = new List<string>();
        if (date < 0)
        {
            missing.Add("Date");
        }

        if (open < 0)
        {
            missing.Add("Open");
        }

        if (high < 0)
        {
            missing.Add("High");
        }

        if (low < 0)
        {
            missing.Add("Low");
        }

        if (close < 0)
        {
            missing.Add("Close");
        }

        if (volume < 0)
        {
            missing.Add("Volume");
        }

        if (missing.Count > 0)
        {
            problem = $"the header lacks {string.Join(", ", missing)}; expected Date,Open,High,Low,Close[,Adj Close],Volume";
            return null;
        }

        problem = null;
        return new CsvLayout(delimiter, date, open, high, low, close, volume, fields.Length, HasHeader: true);
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

    private static int IndexOfAny(string[] fields, string[] names)
    {
        foreach (var name in names)
        {
            var index = Array.IndexOf(fields, name);
            if (index >= 0)
            {
                return index;
            }
        }

        return -1;
    }
}

using System.Globalization;
using System.IO.Compression;
using Trading.Domain;

namespace Trading.Tests.Indicators;

/// <summary>A tiny CSV reader for the test fixtures (header row, comma-separated, no quoting; .gz read through
/// GZipStream). Empty cells read as NaN.</summary>
internal sealed class FixtureCsv
{
    private FixtureCsv(string[] header, List<string[]> rows)
    {
        Header = header;
        Rows = rows;
    }

    public string[] Header { get; }

    public List<string[]> Rows { get; }

    public static string FixturePath(params string[] parts) =>
        Path.Combine([AppContext.BaseDirectory, "Fixtures", .. parts]);

    public static FixtureCsv Read(string path)
    {
        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(stream);
        var header = SplitQuoted(reader.ReadLine() ?? throw new InvalidDataException($"{path} is empty"));
        var rows = new List<string[]>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                rows.Add(line.Split(','));
            }
        }

        return new FixtureCsv(header, rows);
    }

    /// <summary>Splits a header whose names may be quoted because they hold commas: "macd(12,26,9).macd".</summary>
    public static string[] SplitQuoted(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '"')
            {
                if (quoted && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    quoted = !quoted;
                }
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return [.. fields];
    }

    public int IndexOf(string column)
    {
        var index = Array.FindIndex(Header, h => string.Equals(h, column, StringComparison.OrdinalIgnoreCase));
        return index >= 0 ? index : throw new InvalidDataException($"no column '{column}' in {string.Join(",", Header)}");
    }

    public double[] Doubles(string column)
    {
        var index = IndexOf(column);
        var values = new double[Rows.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var cell = Rows[i][index];
            values[i] = cell.Length == 0 ? double.NaN : double.Parse(cell, CultureInfo.InvariantCulture);
        }

        return values;
    }

    public string[] Strings(string column)
    {
        var index = IndexOf(column);
        return Rows.Select(r => r[index]).ToArray();
    }

    /// <summary>Reads date, open, high, low, close, volume columns (any order, any case; Yahoo's Adj Close is ignored).</summary>
    public BarSeries ToBars(string symbol)
    {
        var time = Strings("date")
            .Select(d => DateTime.SpecifyKind(DateTime.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture), DateTimeKind.Utc))
            .ToArray();
        return new BarSeries(
            Symbol.Parse(symbol), Interval.Daily, time, Doubles("open"), Doubles("high"), Doubles("low"), Doubles("close"), Doubles("volume"));
    }
}

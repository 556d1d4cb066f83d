using System.Globalization;

namespace Trading.Data.Csv;

/// <summary>Where each field of a bar file is, by column index, found from the file's column names (a CSV header or a
/// Parquet schema) and the <see cref="ColumnMapping"/>. <see cref="None"/> marks a field the file does not have.</summary>
public sealed record BarColumns(int Date, int Open, int High, int Low, int Close, int Volume, int AdjClose, int Symbol)
{
    public const int None = -1;

    private static readonly string[] DateNames = ["date", "datetime", "time", "timestamp"];

    /// <summary>The plain Date,Open,High,Low,Close,Volume order of a file without a header.</summary>
    public static BarColumns Plain { get; } = new(0, 1, 2, 3, 4, 5, None, None);

    /// <summary>The columns the fields are in, or null and why not: a mapped name the file lacks, or a field neither
    /// mapped nor found by its usual name; the message lists the file's columns as they are spelled.</summary>
    public static BarColumns? Find(IReadOnlyList<string> names, ColumnMapping mapping, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(mapping);
        var lacking = new List<string>();
        var unmapped = new List<string>();

        int Mapped(string field, string? column, Func<int> usual)
        {
            if (column is null)
            {
                var index = usual();
                if (index < 0)
                {
                    unmapped.Add(field);
                }

                return index;
            }

            if (column.Length == 0)
            {
                return None;
            }

            for (var i = 0; i < names.Count; i++)
            {
                if (string.Equals(names[i], column, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            lacking.Add(string.Create(CultureInfo.InvariantCulture, $"{column} (mapped to {field})"));
            return None;
        }

        var date = Mapped("date", mapping.Date, () => Usual(names, DateNames));
        var open = Mapped("open", mapping.Open, () => Usual(names, "open"));
        var high = Mapped("high", mapping.High, () => Usual(names, "high"));
        var low = Mapped("low", mapping.Low, () => Usual(names, "low"));
        var close = Mapped("close", mapping.Close, () => Usual(names, "close"));
        var volume = Mapped("volume", mapping.Volume, () => Usual(names, "volume"));
        var adjClose = mapping.AdjClose is null ? None : Mapped("adj_close", mapping.AdjClose, () => None);
        var symbol = mapping.Symbol is null ? None : Mapped("symbol", mapping.Symbol, () => None);
        var columns = $"its columns are {string.Join(", ", names.Take(50))}{(names.Count > 50 ? string.Create(CultureInfo.InvariantCulture, $" and {names.Count - 50} more") : string.Empty)}";
        if (lacking.Count > 0)
        {
            problem = $"no column {string.Join(" or ", lacking)}; {columns} (names match as spelled, case included)";
            return null;
        }

        if (unmapped.Count > 0)
        {
            var fields = string.Join(", ", unmapped.Select(f => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(f)));
            var c = close >= 0 ? names[close] : "Close";
            var closeOnly = unmapped.Contains("open") || unmapped.Contains("high") || unmapped.Contains("low")
                ? $"; a file of closes only maps open={c},high={c},low={c}"
                : string.Empty;
            var noVolume = unmapped.Contains("volume") ? "; a file without volume maps volume=" : string.Empty;
            problem = $"the header lacks {fields}; {columns}; map them with --columns field=column (like close=Last){closeOnly}{noVolume}";
            return null;
        }

        problem = null;
        return new BarColumns(date, open, high, low, close, volume, adjClose, symbol);
    }

    /// <summary>The highest column index a row needs.</summary>
    public int Last => Math.Max(Math.Max(Math.Max(Date, Open), Math.Max(High, Low)), Math.Max(Math.Max(Close, Volume), Math.Max(AdjClose, Symbol)));

    private static int Usual(IReadOnlyList<string> names, params string[] usual)
    {
        foreach (var name in usual)
        {
            for (var i = 0; i < names.Count; i++)
            {
                if (string.Equals(names[i], name, StringComparison.OrdinalIgnoreCase))
                {
                    return i;
                }
            }
        }

        return None;
    }
}

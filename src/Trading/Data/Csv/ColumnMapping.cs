using System.Text;

namespace Trading.Data.Csv;

/// <summary>Which column of a bar file holds each field, by the name its header (or Parquet schema) spells, case
/// included: <c>date=Timestamp,close=Last</c>. A field left out is found by its usual name (Date, Datetime, Time or
/// Timestamp, Open, High, Low, Close, Volume, in any case).</summary>
/// <remarks>
/// One column may feed several fields: a file of closes only maps <c>open=Close,high=Close,low=Close</c>, and its
/// bars are then points (open = high = low = close), so a limit or stop order fills only when the close reaches its
/// price. <c>volume=</c> (no name) says the file has no volume: its bars have volume 0. <see cref="AdjClose"/> adjusts
/// the bars for dividends and splits; <see cref="Symbol"/> names a column that holds each row's symbol, for a file
/// of many symbols in long format. Neither is looked for unless mapped.
/// </remarks>
public sealed record ColumnMapping
{
    /// <summary>The fields <c>--columns</c> takes, in the order <see cref="ToString"/> writes them.</summary>
    public static IReadOnlyList<string> Fields { get; } = ["date", "open", "high", "low", "close", "volume", "adj_close", "symbol"];

    /// <summary>Nothing mapped: every column is found by its usual name.</summary>
    public static ColumnMapping None { get; } = new();

    public string? Date { get; init; }

    public string? Open { get; init; }

    public string? High { get; init; }

    public string? Low { get; init; }

    public string? Close { get; init; }

    /// <summary>The volume column; empty when the file has none (volume 0).</summary>
    public string? Volume { get; init; }

    /// <summary>The adjusted close: when mapped, open, high, low and close are scaled by adjusted close / close.</summary>
    public string? AdjClose { get; init; }

    /// <summary>The column naming each row's symbol (a long-format file of many symbols).</summary>
    public string? Symbol { get; init; }

    public bool IsEmpty => this == None;

    /// <summary>Reads <c>date=Timestamp,close=Last,...</c>; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static ColumnMapping Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var mapping = None;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in text.Split(','))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException($"takes field=column pairs separated by commas, like date=Timestamp,close=Last; got '{part.Trim()}'");
            }

            var field = part[..equals].Trim().ToLowerInvariant();
            var column = part[(equals + 1)..].Trim();
            if (!seen.Add(field))
            {
                throw new FormatException($"maps {field} twice; map each field once");
            }

            if (column.Length == 0 && field != "volume")
            {
                throw new FormatException($"{field}= names no column; only volume= may (a file without volume)");
            }

            mapping = field switch
            {
                "date" => mapping with { Date = column },
                "open" => mapping with { Open = column },
                "high" => mapping with { High = column },
                "low" => mapping with { Low = column },
                "close" => mapping with { Close = column },
                "volume" => mapping with { Volume = column },
                "adj_close" => mapping with { AdjClose = column },
                "symbol" => mapping with { Symbol = column },
                _ => throw new FormatException($"'{field}' is not a field; the fields are {string.Join(", ", Fields)}"),
            };
        }

        return mapping;
    }

    /// <summary>The mapped fields, as <see cref="Parse"/> reads them.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var (field, column) in Pairs())
        {
            text.Append(text.Length > 0 ? "," : string.Empty).Append(field).Append('=').Append(column);
        }

        return text.ToString();
    }

    /// <summary>The mapped fields and their columns, in the order of <see cref="Fields"/>.</summary>
    public IEnumerable<(string Field, string Column)> Pairs()
    {
        string?[] columns = [Date, Open, High, Low, Close, Volume, AdjClose, Symbol];
        for (var i = 0; i < columns.Length; i++)
        {
            if (columns[i] is { } column)
            {
                yield return (Fields[i], column);
            }
        }
    }
}

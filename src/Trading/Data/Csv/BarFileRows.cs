using Trading.Domain;

namespace Trading.Data.Csv;

/// <summary>One file of an import as an <see cref="IBarFileReader"/> sees it: where its columns are, and where its
/// rows go to be checked like CSV rows (null rows skipped and counted, the bar rule, the import's policies).</summary>
public sealed class BarFileRows
{
    private readonly CsvBarImport _import;
    private readonly int _source;
    private readonly Symbol _symbol;
    private readonly Dictionary<string, Symbol> _symbols = new(StringComparer.Ordinal);
    private BarColumns? _columns;

    internal BarFileRows(CsvBarImport import, int source, Symbol symbol)
    {
        _import = import;
        _source = source;
        _symbol = symbol;
    }

    public BarFileFormat Format => _import.Format;

    /// <summary>Where the fields are among the file's column names; null (and one problem reported) when the
    /// mapping names a column the file lacks or a field is found nowhere.</summary>
    public BarColumns? FindColumns(IReadOnlyList<string> names)
    {
        _columns = BarColumns.Find(names, Format.Columns, out var problem);
        if (_columns is null)
        {
            Problem(0, problem!);
        }

        return _columns;
    }

    /// <summary>Checks one row (numbered from 1) and keeps it as the import's policies say. A null price is a
    /// missing value: all of open, high, low and close null is a day without data (skipped and counted), some of them
    /// null is a problem.</summary>
    public void Add(long row, in BarFileValues values)
    {
        var columns = _columns ?? throw new InvalidOperationException("Find the file's columns before adding rows.");
        var line = Line(row);
        if (!_import.Times.TryConvert(values.Time, out var time, out var problem))
        {
            _import.Take(_source, line, _symbol, CsvBarImport.RowKind.Bad, default, problem);
            return;
        }

        var symbol = _symbol;
        if (columns.Symbol != BarColumns.None && !TrySymbol(values.Symbol, out symbol, out problem))
        {
            _import.Take(_source, line, _symbol, CsvBarImport.RowKind.Bad, default, problem);
            return;
        }

        var noVolume = columns.Volume == BarColumns.None;
        var adjusted = columns.AdjClose != BarColumns.None;
        if (values.Open is null && values.High is null && values.Low is null && values.Close is null)
        {
            _import.Take(_source, line, symbol, CsvBarImport.RowKind.Null, default, null);
            return;
        }

        var missing = values.Open is null ? "open" : values.High is null ? "high" : values.Low is null ? "low" : values.Close is null ? "close"
            : values.Volume is null && !noVolume ? "volume" : values.AdjClose is null && adjusted ? "adj_close" : null;
        if (missing is not null)
        {
            _import.Take(_source, line, symbol, CsvBarImport.RowKind.Bad, default, $"{missing} is null");
            return;
        }

        var kind = _import.Check(time, values.Open!.Value, values.High!.Value, values.Low!.Value, values.Close!.Value, noVolume ? 0 : values.Volume!.Value, adjusted ? values.AdjClose!.Value : null, out var bar, out problem);
        _import.Take(_source, line, symbol, kind, bar, problem);
    }

    /// <summary>A row (numbered from 1) that cannot be read, or with row 0 the whole file.</summary>
    public void Problem(long row, string message) => _import.Take(_source, Line(row), _symbol, CsvBarImport.RowKind.Bad, default, message);

    private static int Line(long row) => (int)Math.Min(row, int.MaxValue);

    private bool TrySymbol(string? text, out Symbol symbol, out string? problem)
    {
        problem = null;
        if (string.IsNullOrEmpty(text))
        {
            symbol = _symbol;
            problem = "symbol is null";
            return false;
        }

        if (_symbols.TryGetValue(text, out symbol))
        {
            return true;
        }

        if (!Symbol.TryParse(text, out symbol, out var error))
        {
            symbol = _symbol;
            problem = $"symbol '{(text.Length > 40 ? text[..40] + "…" : text)}': {error}";
            return false;
        }

        _symbols.Add(text, symbol);
        return true;
    }
}

/// <summary>One row of a typed file: null is a missing value (Parquet's null).</summary>
public readonly record struct BarFileValues(
    BarFileTime Time,
    double? Open,
    double? High,
    double? Low,
    double? Close,
    double? Volume,
    double? AdjClose = null,
    string? Symbol = null);

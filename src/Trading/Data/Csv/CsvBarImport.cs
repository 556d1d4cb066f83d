using System.Globalization;
using System.Text;
using Trading.Domain;

namespace Trading.Data.Csv;

/// <summary>
/// Reads bar files (Yahoo's CSV layout or plain OHLCV with a header) into bar series, checking every row.
/// Add one or more files, then <see cref="Build"/>: the result is either every series, sorted and de-duplicated, or
/// the list of problems with file and line, and then nothing should be stored.
/// </summary>
/// <remarks>
/// Rows that Yahoo writes as <c>null</c>, and rows whose prices are all empty (no trading data that day), are skipped
/// and counted, not treated as errors; a row with only some prices empty is an error.
/// Identical duplicate rows are dropped; duplicates with different values are an error, because we cannot know which
/// one is right. Every bar must keep the <see cref="BarRule"/>. Files of the same symbol are merged, so a history
/// split across files imports as one series.
/// Parsing works on UTF-8 bytes with span parsers: no string per field, so a million rows take well under a second.
/// </remarks>
public sealed class CsvBarImport
{
    /// <summary>How many problems are listed before the rest are only counted.</summary>
    public const int MaxListedProblems = 20;

    private readonly Dictionary<Symbol, List<Row>> _rowsBySymbol = [];
    private readonly List<string> _sources = [];
    private readonly List<CsvFileSummary> _files = [];
    private readonly List<CsvProblem> _problems = [];
    private int _problemCount;

    public CsvBarImport(Interval interval) => Interval = interval;

    public Interval Interval { get; }

    /// <summary>The symbol a file gets when none is given: its name without extension, upper case (brk.b.csv is BRK.B).</summary>
    public static Symbol SymbolFromFileName(string path)
    {
        var stem = Path.GetFileNameWithoutExtension(path);
        if (!Symbol.TryParse(stem, out var symbol, out var error))
        {
            throw new ArgumentException($"{Path.GetFileName(path)}: cannot take the symbol from the file name ({error}); pass --symbol.");
        }

        return symbol;
    }

    /// <summary>Reads a file; the symbol defaults to the file name's stem.</summary>
    public void AddFile(string path, Symbol? symbol = null)
    {
        var bytes = File.ReadAllBytes(path);
        Add(bytes, path, symbol ?? SymbolFromFileName(path));
    }

    /// <summary>Parses the content of one file (UTF-8, any line ending).</summary>
    public void Add(ReadOnlySpan<byte> content, string source, Symbol symbol)
    {
        var sourceIndex = _sources.Count;
        _sources.Add(source);
        if (!_rowsBySymbol.TryGetValue(symbol, out var rows))
        {
            rows = [];
            _rowsBySymbol.Add(symbol, rows);
        }

        var rowsBefore = rows.Count;
        var nullRows = 0;
        var problemsBefore = _problemCount;
        if (content.StartsWith("\uFEFF"u8))
        {
            content = content[3..];
        }

        var lineNumber = 0;
        CsvLayout? layout = null;
        while (!content.IsEmpty)
        {
            var end = content.IndexOf((byte)'\n');
            var line = end < 0 ? content : content[..end];
            content = end < 0 ? [] : content[(end + 1)..];
            lineNumber++;
            if (!line.IsEmpty && line[^1] == (byte)'\r')
            {
                line = line[..^1];
            }

            if (line.IsEmpty || line.IndexOfAnyExcept((byte)' ', (byte)'\t') < 0)
            {
                continue;
            }

            if (layout is null)
            {
                layout = CsvLayout.Detect(line, out var layoutProblem);
                if (layout is null)
                {
                    Report(source, lineNumber, layoutProblem!);
                    break;
                }

                if (layout.HasHeader)
                {
                    continue;
                }
            }

            switch (ParseRow(line, layout, out var row, out var problem))
            {
                case RowKind.Bar:
                    rows.Add(row with { Source = sourceIndex, Line = lineNumber });
                    break;
                case RowKind.Null:
                    nullRows++;
                    break;
                default:
                    Report(source, lineNumber, problem!);
                    break;
            }
        }

        if (layout is null && _problemCount == problemsBefore)
        {
            Report(source, 0, "the file is empty");
        }

        _files.Add(new CsvFileSummary(source, symbol, rows.Count - rowsBefore, nullRows));
    }

    /// <summary>Sorts, de-duplicates and checks the rows of every file added so far.</summary>
    public CsvImportResult Build()
    {
        var series = new List<BarSeries>(_rowsBySymbol.Count);
        var duplicates = 0;
        foreach (var (symbol, rows) in _rowsBySymbol.OrderBy(p => p.Key))
        {
            if (rows.Count == 0)
            {
                continue;
            }

            if (!IsSorted(rows))
            {
                // Stable, so that of two identical duplicates the first one read is kept.
                var sorted = rows.OrderBy(r => r.Time).ToList();
                rows.Clear();
                rows.AddRange(sorted);
            }

            var kept = new List<Row>(rows.Count) { rows[0] };
            for (var i = 1; i < rows.Count; i++)
            {
                var previous = kept[^1];
                var row = rows[i];
                if (row.Time != previous.Time)
                {
                    kept.Add(row);
                }
                else if (row.SameValues(previous))
                {
                    duplicates++;
                }
                else
                {
                    Report(
                        _sources[row.Source],
                        row.Line,
                        $"{Interval.Format(row.Time)} appears twice with different values (also at {_sources[previous.Source]}:{previous.Line})");
                }
            }

            series.Add(ToSeries(symbol, kept));
        }

        return new CsvImportResult(
            _problemCount == 0 ? series : [],
            _files,
            _problems,
            _problemCount,
            duplicates);
    }

    private enum RowKind
    {
        Bar,
        Null,
        Bad,
    }

    private RowKind ParseRow(ReadOnlySpan<byte> line, CsvLayout layout, out Row row, out string? problem)
    {
        row = default;
        Span<Range> ranges = stackalloc Range[Math.Max(layout.ColumnCount, 6) + 1];
        var count = SplitFields(line, ranges, layout.Delimiter);
        if (count < layout.ColumnCount)
        {
            problem = $"expected {layout.ColumnCount} columns, found {count}";
            return RowKind.Bad;
        }

        if (!TryParseTime(Field(line, ranges[layout.Date]), out var time))
        {
            problem = $"'{Text(Field(line, ranges[layout.Date]))}' is not a date (expected yyyy-MM-dd or an ISO-8601 time)";
            return RowKind.Bad;
        }

        var open = Field(line, ranges[layout.Open]);
        var high = Field(line, ranges[layout.High]);
        var low = Field(line, ranges[layout.Low]);
        var close = Field(line, ranges[layout.Close]);
        var volume = Field(line, ranges[layout.Volume]);
        if (IsNull(open) || IsNull(high) || IsNull(low) || IsNull(close) || IsNull(volume)
            || (open.IsEmpty && high.IsEmpty && low.IsEmpty && close.IsEmpty))
        {
            problem = null;
            return RowKind.Null;
        }

        if (!TryParseNumber(open, "open", out var o, out problem)
            || !TryParseNumber(high, "high", out var h, out problem)
            || !TryParseNumber(low, "low", out var l, out problem)
            || !TryParseNumber(close, "close", out var c, out problem)
            || !TryParseNumber(volume, "volume", out var v, out problem))
        {
            return RowKind.Bad;
        }

        var bar = new Bar(Interval.IsIntraday ? time : time.Date, o, h, l, c, v);
        problem = bar.Problem();
        if (problem is not null)
        {
            return RowKind.Bad;
        }

        row = new Row(bar.Time, o, h, l, c, v, 0, 0);
        return RowKind.Bar;
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

    /// <summary>yyyy-MM-dd takes a fast path; anything else goes through the ISO-8601 parser and is taken as UTC.</summary>
    private static bool TryParseTime(ReadOnlySpan<byte> field, out DateTime time)
    {
        if (field.Length == 10 && field[4] == (byte)'-' && field[7] == (byte)'-'
            && TryDigits(field[..4], out var year) && TryDigits(field[5..7], out var month) && TryDigits(field[8..10], out var day)
            && year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month))
        {
            time = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Utc);
            return true;
        }

        if (field.Length == 8 && TryDigits(field[..4], out year) && TryDigits(field[4..6], out month) && TryDigits(field[6..8], out day)
            && year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month))
        {
            time = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Utc);
            return true;
        }

        if (DateTimeOffset.TryParse(
                Text(field),
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces,
                out var parsed))
        {
            time = parsed.UtcDateTime;
            return true;
        }

        time = default;
        return false;
    }

    private static bool TryDigits(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        foreach (var b in digits)
        {
            var d = b - '0';
            if ((uint)d > 9)
            {
                return false;
            }

            value = (value * 10) + d;
        }

        return true;
    }

    private static string Text(ReadOnlySpan<byte> field)
    {
        var text = Encoding.UTF8.GetString(field.Length > 40 ? field[..40] : field);
        return field.Length > 40 ? text + "…" : text;
    }

    private void Report(string source, int line, string message)
    {
        _problemCount++;
        if (_problems.Count < MaxListedProblems)
        {
            _problems.Add(new CsvProblem(source, line, message));
        }
    }

    private static bool IsSorted(List<Row> rows)
    {
        for (var i = 1; i < rows.Count; i++)
        {
            if (rows[i].Time < rows[i - 1].Time)
            {
                return false;
            }
        }

        return true;
    }

    private BarSeries ToSeries(Symbol symbol, List<Row> rows)
    {
        var builder = new BarSeriesBuilder(rows.Count);
        foreach (var r in rows)
        {
            builder.Add(r.Time, r.Open, r.High, r.Low, r.Close, r.Volume);
        }

        return builder.ToSeries(symbol, Interval);
    }

    private readonly record struct Row(DateTime Time, double Open, double High, double Low, double Close, double Volume, int Source, int Line)
    {
        public bool SameValues(Row other) =>
            Open.Equals(other.Open) && High.Equals(other.High) && Low.Equals(other.Low) && Close.Equals(other.Close) && Volume.Equals(other.Volume);
    }
}

/// <summary>What one file contributed: rows read as bars and rows skipped because the source wrote <c>null</c>.</summary>
public sealed record CsvFileSummary(string Source, Symbol Symbol, int Rows, int NullRowsSkipped);

/// <summary>The outcome of an import: the series to store, or the problems (then <see cref="Series"/> is empty).</summary>
public sealed record CsvImportResult(
    IReadOnlyList<BarSeries> Series,
    IReadOnlyList<CsvFileSummary> Files,
    IReadOnlyList<CsvProblem> Problems,
    int ProblemCount,
    int DuplicateRowsSkipped)
{
    public bool Succeeded => ProblemCount == 0;
}

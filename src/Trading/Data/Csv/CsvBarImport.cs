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
/// one is right, unless <see cref="OnConflict"/> says how to settle them. Every bar must keep the
/// <see cref="BarRule"/>; <see cref="OnInvalidBar"/> may skip the rows that break it instead. Files of the same
/// symbol are merged, so a history split across files imports as one series.
/// Parsing works on UTF-8 bytes with span parsers: no string per field, so a million rows take well under a second.
/// </remarks>
public sealed class CsvBarImport
{
    /// <summary>How many problems are listed before the rest are only counted.</summary>
    public const int MaxListedProblems = 20;

    /// <summary>How many skipped rows or conflicting dates a file's summary lists before it only counts them.</summary>
    public const int MaxListedPerFile = 5;

    private readonly Dictionary<Symbol, List<Row>> _rowsBySymbol = [];
    private readonly List<string> _sources = [];
    private readonly List<FileState> _files = [];
    private readonly List<CsvProblem> _problems = [];
    private int _problemCount;
    private int _invalidBarProblems;
    private int _conflictProblems;

    public CsvBarImport(Interval interval) => Interval = interval;

    public Interval Interval { get; }

    /// <summary>What to do with a date that appears twice with different values (default: refuse the import).</summary>
    public CsvConflictPolicy OnConflict { get; init; }

    /// <summary>What to do with a row that breaks the bar rule (default: refuse the import).</summary>
    public CsvInvalidBarPolicy OnInvalidBar { get; init; }

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

    /// <summary>Parses the content of one file: UTF-8, or UTF-16 or UTF-32 with a byte order mark (what Excel and
    /// PowerShell write as "Unicode"); lines end in LF, CRLF or a lone CR (old Mac files).</summary>
    public void Add(ReadOnlySpan<byte> content, string source, Symbol symbol)
    {
        if (WideEncoding(content) is { } wide)
        {
            Add(Encoding.UTF8.GetBytes(wide.GetString(content[wide.Preamble.Length..])), source, symbol);
            return;
        }

        var sourceIndex = _sources.Count;
        _sources.Add(source);
        if (!_rowsBySymbol.TryGetValue(symbol, out var rows))
        {
            rows = [];
            _rowsBySymbol.Add(symbol, rows);
        }

        var file = new FileState(source, symbol);
        _files.Add(file);
        var problemsBefore = _problemCount;
        if (content.StartsWith("\uFEFF"u8))
        {
            content = content[3..];
        }

        var lineNumber = 0;
        CsvLayout? layout = null;
        while (!content.IsEmpty)
        {
            var end = content.IndexOfAny((byte)'\n', (byte)'\r');
            var line = end < 0 ? content : content[..end];
            var next = end < 0 ? content.Length : end + (content[end] == (byte)'\r' && end + 1 < content.Length && content[end + 1] == (byte)'\n' ? 2 : 1);
            content = content[next..];
            lineNumber++;

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
                    file.Rows++;
                    break;
                case RowKind.Null:
                    file.NullRows++;
                    break;
                case RowKind.Invalid when OnInvalidBar == CsvInvalidBarPolicy.Skip:
                    file.SkipInvalid(new CsvProblem(source, lineNumber, problem!));
                    break;
                case RowKind.Invalid:
                    _invalidBarProblems++;
                    Report(source, lineNumber, problem!);
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
    }

    /// <summary>The encoding a byte order mark names, when it is not UTF-8's (UTF-32 first: its little-endian mark
    /// begins with UTF-16's).</summary>
    private static Encoding? WideEncoding(ReadOnlySpan<byte> content)
    {
        Encoding[] wide = [Encoding.UTF32, new UTF32Encoding(bigEndian: true, byteOrderMark: true), Encoding.Unicode, Encoding.BigEndianUnicode];
        foreach (var encoding in wide)
        {
            if (content.StartsWith(encoding.Preamble))
            {
                return encoding;
            }
        }

        return null;
    }

    /// <summary>Sorts, de-duplicates and checks the rows of every file added so far, settling conflicts as
    /// <see cref="OnConflict"/> says.</summary>
    public CsvImportResult Build()
    {
        foreach (var rows in _rowsBySymbol.Values)
        {
            if (!IsSorted(rows))
            {
                // Stable, so that of rows with one time the first one read stays first.
                var sorted = rows.OrderBy(r => r.Time).ToList();
                rows.Clear();
                rows.AddRange(sorted);
            }
        }

        var (series, duplicates) = Resolve(reportConflicts: true);
        if (OnConflict == CsvConflictPolicy.SkipFile && _files.Any(f => f.Skipped))
        {
            // Conflicts are between files that are all skipped now, so what is left has none.
            foreach (var rows in _rowsBySymbol.Values)
            {
                rows.RemoveAll(r => _files[r.Source].Skipped);
            }

            (series, duplicates) = Resolve(reportConflicts: false);
        }

        return new CsvImportResult(
            _problemCount == 0 ? series : [],
            [.. _files.Select(f => f.ToSummary())],
            _problems,
            _problemCount,
            duplicates)
        {
            InvalidBarProblems = _invalidBarProblems,
            ConflictProblems = _conflictProblems,
        };
    }

    /// <summary>One series per symbol from its sorted rows: one row per time, identical repeats dropped.</summary>
    private (List<BarSeries> Series, int Duplicates) Resolve(bool reportConflicts)
    {
        var series = new List<BarSeries>(_rowsBySymbol.Count);
        var duplicates = 0;
        foreach (var (symbol, rows) in _rowsBySymbol.OrderBy(p => p.Key))
        {
            var kept = new List<Row>(rows.Count);
            var start = 0;
            while (start < rows.Count)
            {
                var end = start + 1;
                while (end < rows.Count && rows[end].Time == rows[start].Time)
                {
                    end++;
                }

                var first = rows[start];
                var conflict = false;
                for (var i = start + 1; i < end; i++)
                {
                    if (rows[i].SameValues(first))
                    {
                        duplicates++;
                    }
                    else
                    {
                        conflict = true;
                        if (reportConflicts && OnConflict == CsvConflictPolicy.Refuse)
                        {
                            _conflictProblems++;
                            Report(
                                _sources[rows[i].Source],
                                rows[i].Line,
                                $"{Interval.Format(rows[i].Time)} appears twice with different values (also at {_sources[first.Source]}:{first.Line})");
                        }
                    }
                }

                if (conflict && reportConflicts)
                {
                    for (var i = start; i < end; i++)
                    {
                        _files[rows[i].Source].Conflict(first.Time, skip: OnConflict == CsvConflictPolicy.SkipFile);
                    }
                }

                kept.Add(OnConflict == CsvConflictPolicy.KeepLast ? rows[end - 1] : first);
                start = end;
            }

            if (kept.Count > 0)
            {
                series.Add(ToSeries(symbol, kept));
            }
        }

        return (series, duplicates);
    }

    private enum RowKind
    {
        Bar,
        Null,

        /// <summary>Read as numbers, but breaks the bar rule.</summary>
        Invalid,

        /// <summary>Cannot be read.</summary>
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
            return RowKind.Invalid;
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

    /// <summary>What the import learns about one file while reading and resolving it.</summary>
    private sealed class FileState(string source, Symbol symbol)
    {
        private readonly List<CsvProblem> _invalidExamples = [];
        private readonly SortedSet<DateTime> _conflicts = [];
        private int _invalidRows;

        public int Rows { get; set; }

        public int NullRows { get; set; }

        public bool Skipped { get; private set; }

        public void SkipInvalid(CsvProblem problem)
        {
            _invalidRows++;
            if (_invalidExamples.Count < MaxListedPerFile)
            {
                _invalidExamples.Add(problem);
            }
        }

        public void Conflict(DateTime time, bool skip)
        {
            _conflicts.Add(time);
            Skipped |= skip;
        }

        public CsvFileSummary ToSummary() => new(source, symbol, Rows, NullRows)
        {
            InvalidRowsSkipped = _invalidRows,
            InvalidRowExamples = _invalidExamples,
            ConflictingTimes = [.. _conflicts],
            Skipped = Skipped,
        };
    }

    private readonly record struct Row(DateTime Time, double Open, double High, double Low, double Close, double Volume, int Source, int Line)
    {
        public bool SameValues(Row other) =>
            Open.Equals(other.Open) && High.Equals(other.High) && Low.Equals(other.Low) && Close.Equals(other.Close) && Volume.Equals(other.Volume);
    }
}

/// <summary>The outcome of an import: the series to store, or the problems (then <see cref="Series"/> is empty).</summary>
public sealed record CsvImportResult(
    IReadOnlyList<BarSeries> Series,
    IReadOnlyList<CsvFileSummary> Files,
    IReadOnlyList<CsvProblem> Problems,
    int ProblemCount,
    int DuplicateRowsSkipped)
{
    public bool Succeeded => ProblemCount == 0;

    /// <summary>How many of the problems are rows that break the bar rule (<see cref="CsvInvalidBarPolicy.Skip"/> would leave them out).</summary>
    public int InvalidBarProblems { get; init; }

    /// <summary>How many of the problems are dates repeated with different values (a <see cref="CsvConflictPolicy"/> would settle them).</summary>
    public int ConflictProblems { get; init; }
}

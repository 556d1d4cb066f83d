using System.Globalization;
using System.Text;
using Trading.Domain;

namespace Trading.Data.Csv;

/// <summary>
/// Reads bar files (Yahoo's CSV layout, plain OHLCV with a header, any layout through a <see cref="BarFileFormat"/>, and
/// through an <see cref="IBarFileReader"/> other formats such as Parquet) into bar series, checking every row.
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
public sealed partial class CsvBarImport
{
    /// <summary>How many problems are listed before the rest are only counted.</summary>
    public const int MaxListedProblems = 20;

    /// <summary>How many skipped rows or conflicting dates a file's summary lists before it only counts them.</summary>
    public const int MaxListedPerFile = 5;

    private readonly Dictionary<Symbol, List<Row>> _rowsBySymbol = [];
    private readonly List<(string Name, bool ByRow)> _sources = [];
    private readonly List<FileState> _files = [];
    private readonly List<CsvProblem> _problems = [];
    private int _problemCount;
    private int _invalidBarProblems;
    private int _conflictProblems;
    private BarTimeParser? _times;

    public CsvBarImport(Interval interval) => Interval = interval;

    public Interval Interval { get; }

    /// <summary>The files' columns, date format and time zone (default: Yahoo's and plain OHLCV layouts, UTC).</summary>
    public BarFileFormat Format { get; init; } = BarFileFormat.Default;

    /// <summary>Readers of formats other than CSV, asked in turn about each file <see cref="AddFileAsync"/> reads.</summary>
    public IReadOnlyList<IBarFileReader> Readers { get; init; } = [];

    internal BarTimeParser Times => _times ??= new BarTimeParser(Format, Interval);

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

    /// <summary>Reads a CSV file; the symbol defaults to the file name's stem.</summary>
    public void AddFile(string path, Symbol? symbol = null)
    {
        var bytes = File.ReadAllBytes(path);
        Add(bytes, path, symbol ?? DefaultSymbol(path));
    }

    /// <summary>Reads a file with the first of <see cref="Readers"/> that reads it, else as CSV; the symbol defaults
    /// to the file name's stem (a file whose symbol column names each row's symbol needs none).</summary>
    public async Task AddFileAsync(string path, Symbol? symbol = null, CancellationToken cancellationToken = default)
    {
        var start = new byte[8];
        int read;
        using (var stream = File.OpenRead(path))
        {
            read = await stream.ReadAtLeastAsync(start, start.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        }

        foreach (var reader in Readers)
        {
            if (reader.Reads(path, start.AsSpan(0, read)))
            {
                await reader.ReadAsync(path, Open(path, byRow: true, symbol ?? DefaultSymbol(path)), cancellationToken).ConfigureAwait(false);
                return;
            }
        }

        AddFile(path, symbol);
    }

    /// <summary>Reads a file with <paramref name="reader"/>, whatever its name or first bytes.</summary>
    public Task AddWithAsync(IBarFileReader reader, string path, Symbol? symbol = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.ReadAsync(path, Open(path, byRow: true, symbol ?? DefaultSymbol(path)), cancellationToken);
    }

    /// <summary>The file name's symbol, or when the rows name their own symbols one that only stands for the file.</summary>
    private Symbol DefaultSymbol(string path) =>
        Format.Columns.Symbol is not null && !Symbol.TryParse(Path.GetFileNameWithoutExtension(path), out _) ? Symbol.Parse("FILE") : SymbolFromFileName(path);

    /// <summary>Registers a file read by an <see cref="IBarFileReader"/>.</summary>
    private BarFileRows Open(string source, bool byRow, Symbol symbol)
    {
        var index = _sources.Count;
        _sources.Add((source, byRow));
        _files.Add(new FileState(source, symbol));
        return new BarFileRows(this, index, symbol);
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
        _sources.Add((source, false));
        var file = new FileState(source, symbol);
        _files.Add(file);
        var symbols = new RowSymbols(symbol);
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
                layout = CsvLayout.Detect(line, Format.Columns, out var layoutProblem);
                if (layout is null)
                {
                    Report(sourceIndex, lineNumber, layoutProblem!);
                    break;
                }

                if (layout.HasHeader)
                {
                    continue;
                }
            }

            var kind = ParseRow(line, layout, symbols, out var rowSymbol, out var row, out var problem);
            Take(sourceIndex, lineNumber, rowSymbol, kind, row, problem);
        }

        if (layout is null && _problemCount == problemsBefore)
        {
            Report(sourceIndex, 0, "the file is empty");
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

    /// <summary>Keeps, counts or reports one checked row of a file.</summary>
    internal void Take(int sourceIndex, int line, Symbol symbol, RowKind kind, Row row, string? problem)
    {
        var (source, byRow) = _sources[sourceIndex];
        var file = _files[sourceIndex];
        switch (kind)
        {
            case RowKind.Bar:
                if (!_rowsBySymbol.TryGetValue(symbol, out var rows))
                {
                    rows = [];
                    _rowsBySymbol.Add(symbol, rows);
                }

                rows.Add(row with { Source = sourceIndex, Line = line });
                file.Add(symbol);
                break;
            case RowKind.Null:
                file.NullRows++;
                break;
            case RowKind.Invalid when OnInvalidBar == CsvInvalidBarPolicy.Skip:
                file.SkipInvalid(new CsvProblem(source, line, problem!) { ByRow = byRow });
                break;
            case RowKind.Invalid:
                _invalidBarProblems++;
                Report(sourceIndex, line, problem!);
                break;
            default:
                Report(sourceIndex, line, problem!);
                break;
        }
    }

    /// <summary>Adjusts a row by its adjusted close (null: the file has none) and checks the bar rule.</summary>
    internal RowKind Check(DateTime time, double open, double high, double low, double close, double volume, double? adjClose, out Row row, out string? problem)
    {
        row = default;
        if (adjClose is { } adjusted && double.IsFinite(close) && close > 0)
        {
            if (!double.IsFinite(adjusted) || adjusted <= 0)
            {
                problem = $"adj close {adjusted.ToString(CultureInfo.InvariantCulture)} is not a positive price";
                return RowKind.Invalid;
            }

            // One factor for all four prices keeps their order: low <= open, close <= high survive the scaling.
            var factor = adjusted / close;
            (open, high, low, close) = (open * factor, high * factor, low * factor, close * factor);
        }

        var bar = new Bar(time, open, high, low, close, volume);
        problem = bar.Problem();
        if (problem is not null)
        {
            return RowKind.Invalid;
        }

        row = new Row(bar.Time, open, high, low, close, volume, 0, 0);
        return RowKind.Bar;
    }

    internal enum RowKind
    {
        Bar,
        Null,

        /// <summary>Read as numbers, but breaks the bar rule.</summary>
        Invalid,

        /// <summary>Cannot be read.</summary>
        Bad,
    }

    private void Report(int sourceIndex, int line, string message)
    {
        _problemCount++;
        if (_problems.Count < MaxListedProblems)
        {
            var (source, byRow) = _sources[sourceIndex];
            _problems.Add(new CsvProblem(source, line, message) { ByRow = byRow });
        }
    }

    /// <summary>Where a row is, as a problem names it: <c>prices.csv:12</c>, <c>prices.parquet row 12</c>.</summary>
    private string Place(int sourceIndex, int line) =>
        _sources[sourceIndex].ByRow ? $"{_sources[sourceIndex].Name} row {line}" : $"{_sources[sourceIndex].Name}:{line}";

    internal readonly record struct Row(DateTime Time, double Open, double High, double Low, double Close, double Volume, int Source, int Line)
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

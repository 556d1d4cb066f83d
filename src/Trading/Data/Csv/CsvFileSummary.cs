using Trading.Domain;

namespace Trading.Data.Csv;

/// <summary>What one file contributed: rows read as bars, rows skipped because the source wrote <c>null</c>, and
/// what the import's policies did with it. <see cref="Symbol"/> is the file's symbol; a file whose rows name their
/// own symbols lists them in <see cref="Symbols"/>.</summary>
public sealed record CsvFileSummary(string Source, Symbol Symbol, int Rows, int NullRowsSkipped)
{
    /// <summary>The symbols of the rows read as bars, in order (the file's symbol alone when it has none).</summary>
    public IReadOnlyList<Symbol> Symbols { get; init; } = [Symbol];

    /// <summary>Rows left out because they break the bar rule (<see cref="CsvInvalidBarPolicy.Skip"/>).</summary>
    public int InvalidRowsSkipped { get; init; }

    /// <summary>The first few of those rows, with line and reason.</summary>
    public IReadOnlyList<CsvProblem> InvalidRowExamples { get; init; } = [];

    /// <summary>Dates (or times) of this file's symbol that appear with different values, in this file or another,
    /// resolved as the import's <see cref="CsvConflictPolicy"/> says; by time.</summary>
    public IReadOnlyList<DateTime> ConflictingTimes { get; init; } = [];

    /// <summary>True when the whole file was left out for its conflicts (<see cref="CsvConflictPolicy.SkipFile"/>).</summary>
    public bool Skipped { get; init; }
}

namespace Trading.Data.Csv;

/// <summary>One thing wrong with an input file, with the place to look: <c>prices.csv:12: high 9.5 is below low 10</c>,
/// or in a file of rows rather than lines <c>prices.parquet: row 12: ...</c>.</summary>
public sealed record CsvProblem(string Source, int Line, string Message)
{
    /// <summary>True when <see cref="Line"/> counts rows from 1 (a Parquet file), not text lines.</summary>
    public bool ByRow { get; init; }

    public override string ToString() => Line <= 0 ? $"{Source}: {Message}" : ByRow ? $"{Source}: row {Line}: {Message}" : $"{Source}:{Line}: {Message}";
}

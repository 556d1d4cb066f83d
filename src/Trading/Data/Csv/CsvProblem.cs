namespace Trading.Data.Csv;

/// <summary>One thing wrong with an input file, with the place to look: <c>prices.csv:12: high 9.5 is below low 10</c>.</summary>
public sealed record CsvProblem(string Source, int Line, string Message)
{
    public override string ToString() => Line > 0 ? $"{Source}:{Line}: {Message}" : $"{Source}: {Message}";
}

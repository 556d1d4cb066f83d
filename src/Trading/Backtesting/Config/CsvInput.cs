namespace Trading.Backtesting.Config;

/// <summary>A CSV file of bars a run reads instead of stored symbols (<c>"csv": {"path": "nvda.csv", "symbol":
/// "NVDA"}</c>; <c>--csv nvda.csv --symbol NVDA</c>). How the file is laid out (column mapping, date formats, time
/// zone) belongs here too, beside the path, so a recorded run reads the file the same way again.</summary>
/// <param name="Path">The file's full path (a config's relative path is resolved against the config's folder).</param>
public sealed record CsvInput(string Path)
{
    /// <summary>The symbol the file's bars trade under; null: the file's name in upper case.</summary>
    public string? Symbol { get; init; }
}

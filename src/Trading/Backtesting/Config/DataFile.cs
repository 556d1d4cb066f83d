using Trading.Data.Csv;

namespace Trading.Backtesting.Config;

/// <summary>A file of bars a run reads instead of stored symbols, with how to read it, so a recorded run reads it the
/// same way again: <c>"csv": {"path": "nvda.csv", "symbol": "NVDA"}</c> (<c>--csv nvda.csv --symbol NVDA</c>) or
/// <c>"parquet": {"path": "bars.parquet", "columns": {"symbol": "ticker"}, "time_zone": "America/New_York"}</c>.</summary>
/// <param name="Path">The file's full path (a config's relative path is resolved against the config's folder).</param>
public sealed record DataFile(string Path)
{
    /// <summary>The symbol the file's bars trade under; null: the file's name in upper case (or each row's, with a
    /// symbol column).</summary>
    public string? Symbol { get; init; }

    /// <summary>Which columns hold what, how dates are written, the zone of times without an offset.</summary>
    public BarFileFormat Format { get; init; } = BarFileFormat.Default;
}

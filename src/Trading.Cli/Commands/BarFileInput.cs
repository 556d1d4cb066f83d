using Trading.Backtesting;
using Trading.Data.Csv;
using Trading.Data.Parquet;
using Trading.Domain;

namespace Trading.Cli.Commands;

/// <summary>The bars of one user file (<c>--csv</c> or <c>--parquet</c>) as a backtest's input: every symbol the file
/// holds (one, or many with a symbol column), between the run's dates.</summary>
internal static class BarFileInput
{
    public static async Task<BacktestInput> LoadAsync(
        FileInfo file,
        bool parquet,
        Symbol? symbol,
        BarFileFormat format,
        Interval interval,
        DateTime? start,
        DateTime? end,
        CancellationToken cancellationToken)
    {
        CliOptions.RequireFile(file);
        var import = new CsvBarImport(interval) { Format = format };
        var fileSymbol = symbol ?? (Symbol.TryParse(Path.GetFileNameWithoutExtension(file.Name), out var fromName) ? fromName : Symbol.Parse(parquet ? "PARQUET" : "CSV"));
        if (parquet)
        {
            // The option says the format: a file that is not Parquet is one line from the reader, whatever its name.
            await import.AddWithAsync(ParquetBarReader.Instance, file.FullName, fileSymbol, cancellationToken).ConfigureAwait(false);
        }
        else if (ParquetBarReader.Instance.Reads(string.Empty, await StartAsync(file, cancellationToken).ConfigureAwait(false)))
        {
            throw new CliException($"--csv: {file.Name} is a Parquet file; give it as --parquet {file.Name}");
        }
        else
        {
            import.AddFile(file.FullName, fileSymbol);
        }

        var result = import.Build();
        if (!result.Succeeded)
        {
            throw new CliException($"{result.ProblemCount} bad {(result.ProblemCount == 1 ? "row" : "rows")} in {file.Name}; first: {result.Problems[0]}");
        }

        if (result.Series.Count == 0)
        {
            var nulls = result.Files.Sum(f => f.NullRowsSkipped);
            throw new CliException($"{file.FullName} has no bars to backtest ({(nulls > 0 ? $"{nulls} null rows" : "a header and no rows")})");
        }

        var universe = result.Series.Select(s => s.Between(start, end)).ToList();
        if (universe.TrueForAll(s => s.IsEmpty))
        {
            var first = result.Series.Min(s => s.FirstTime);
            var last = result.Series.Max(s => s.LastTime);
            throw new CliException($"{file.Name} has no bars{CliOptions.RangeText(start, end)}; it holds {interval.Format(first)} to {interval.Format(last)}");
        }

        return new BacktestInput([.. universe.Where(s => !s.IsEmpty)], []);
    }

    private static async Task<byte[]> StartAsync(FileInfo file, CancellationToken cancellationToken)
    {
        var start = new byte[4];
        await using var stream = file.OpenRead();
        var read = await stream.ReadAtLeastAsync(start, start.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        return start[..read];
    }
}

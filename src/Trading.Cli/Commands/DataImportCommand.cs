using System.CommandLine;
using System.Globalization;
using Trading.Data;
using Trading.Data.Csv;

namespace Trading.Cli.Commands;

/// <summary><c>trade data import FILE... [--symbol S] [--interval 1d]</c>: all files or nothing.</summary>
internal static class DataImportCommand
{
    public static Command Create(CliContext context)
    {
        var files = new Argument<FileInfo[]>("files")
        {
            Description = "CSV files: Yahoo's layout (Date,Open,High,Low,Close,Adj Close,Volume) or plain OHLCV with a header.",
            Arity = ArgumentArity.OneOrMore,
        };
        var symbol = new Option<string?>("--symbol") { Description = "Symbol for every file (default: each file's name in upper case, nvda.csv is NVDA)." };
        var interval = CliOptions.Interval();
        var command = new Command("import", "Import bars from CSV files atomically: one bad row and nothing is stored; importing twice stores each bar once.");
        command.Arguments.Add(files);
        command.Options.Add(symbol);
        command.Options.Add(interval);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var chosenSymbol = parsed.GetValue(symbol) is { } text ? Symbol.Parse(text) : (Symbol?)null;
            var import = new CsvBarImport(CliOptions.ParseInterval(parsed.GetValue(interval)));
            foreach (var file in parsed.GetValue(files)!)
            {
                if (!file.Exists)
                {
                    throw new CliException($"{file.FullName}: no such file");
                }

                import.AddFile(file.FullName, chosenSymbol);
            }

            var result = import.Build();
            if (!result.Succeeded)
            {
                foreach (var problem in result.Problems)
                {
                    context.Error.WriteLine(problem.ToString());
                }

                var more = result.ProblemCount > result.Problems.Count ? $" ({result.ProblemCount - result.Problems.Count} more not listed)" : string.Empty;
                throw new CliException($"{result.ProblemCount} bad rows{more}; nothing was stored. First: {result.Problems[0]}");
            }

            using var store = context.OpenStore(parsed);
            var written = await store.WriteAsync(new MarketDataBatch(result.Series, []), cancellationToken).ConfigureAwait(false);
            foreach (var file in result.Files)
            {
                var nulls = file.NullRowsSkipped > 0 ? $", {file.NullRowsSkipped} null rows skipped" : string.Empty;
                context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(file.Source)}: {file.Rows} rows for {file.Symbol}{nulls}"));
            }

            foreach (var series in result.Series)
            {
                context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{series.Symbol} {series.Interval}: {series.Count} bars, {series.Interval.Format(series.FirstTime)} to {series.Interval.Format(series.LastTime)}"));
            }

            var duplicates = result.DuplicateRowsSkipped > 0 ? $" ({result.DuplicateRowsSkipped} identical duplicate rows dropped)" : string.Empty;
            context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"stored {written.BarsWritten} bars in {store}{duplicates}"));
            return 0;
        });
        return command;
    }
}

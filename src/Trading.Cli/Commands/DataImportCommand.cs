using System.CommandLine;
using System.Globalization;
using System.Text;
using Trading.Data;
using Trading.Data.Csv;
using Trading.Data.Parquet;
using Trading.Domain;

namespace Trading.Cli.Commands;

/// <summary><c>trade data import FILE... [--symbol S] [--interval 1d] [--columns ...] [--date-format F] [--time-zone Z]
/// [--on-conflict ...] [--on-invalid-bar ...]</c>: CSV or Parquet files,
/// all files or nothing, unless a policy says how to settle conflicting dates or rows that break the bar rule.</summary>
internal static class DataImportCommand
{
    public static Command Create(CliContext context)
    {
        var files = new Argument<FileInfo[]>("files")
        {
            Description = "CSV files (Yahoo's layout, plain OHLCV with a header, or any layout through --columns) or Parquet files (known by their first bytes or a .parquet name).",
            Arity = ArgumentArity.OneOrMore,
        };
        var symbol = new Option<string?>("--symbol") { Description = "Symbol for every file (default: each file's name in upper case, nvda.csv is NVDA)." };
        var interval = CliOptions.Interval();
        var barFile = new BarFileOptions();
        var onConflict = new Option<string>("--on-conflict")
        {
            Description = "A date repeated with different values: error (nothing is stored), keep-first or keep-last (that row is kept), skip-file (every file holding one is left out).",
            DefaultValueFactory = _ => "error",
        };
        onConflict.AcceptOnlyFromAmong("error", "keep-first", "keep-last", "skip-file");
        var onInvalidBar = new Option<string>("--on-invalid-bar")
        {
            Description = $"A row that breaks the bar rule (prices {BarRule.MinPrice:0e0} to {BarRule.MaxPrice:0e0}, low <= open, close <= high, dates {BarRule.EarliestDate:yyyy} to {BarRule.LatestDate:yyyy}): error (nothing is stored) or skip (the row is left out and reported).",
            DefaultValueFactory = _ => "error",
        };
        onInvalidBar.AcceptOnlyFromAmong("error", "skip");
        var command = new Command("import", "Import bars from CSV or Parquet files atomically: one bad row and nothing is stored; importing twice stores each bar once.");
        command.Arguments.Add(files);
        command.Options.Add(symbol);
        command.Options.Add(interval);
        barFile.AddTo(command);
        command.Options.Add(onConflict);
        command.Options.Add(onInvalidBar);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var chosenSymbol = parsed.GetValue(symbol) is { } text ? Symbol.Parse(text) : (Symbol?)null;
            var format = barFile.Read(parsed);
            if (chosenSymbol is not null && format.Columns.Symbol is { } column)
            {
                throw new CliException($"--symbol names every bar's symbol, but --columns symbol={column} reads each row's: give one or the other");
            }

            var import = new CsvBarImport(CliOptions.ParseInterval(parsed.GetValue(interval)))
            {
                Format = format,
                Readers = [ParquetBarReader.Instance],
                OnConflict = parsed.GetValue(onConflict) switch
                {
                    "keep-first" => CsvConflictPolicy.KeepFirst,
                    "keep-last" => CsvConflictPolicy.KeepLast,
                    "skip-file" => CsvConflictPolicy.SkipFile,
                    _ => CsvConflictPolicy.Refuse,
                },
                OnInvalidBar = parsed.GetValue(onInvalidBar) == "skip" ? CsvInvalidBarPolicy.Skip : CsvInvalidBarPolicy.Refuse,
            };
            foreach (var file in parsed.GetValue(files)!)
            {
                CliOptions.RequireFile(file);
                await import.AddFileAsync(file.FullName, chosenSymbol, cancellationToken).ConfigureAwait(false);
            }

            var result = import.Build();
            if (!result.Succeeded)
            {
                if (result.ProblemCount == 1)
                {
                    throw new CliException($"{result.Problems[0]}; nothing was stored{Hint(result)}");
                }

                foreach (var problem in result.Problems)
                {
                    context.Error.WriteLine(problem.ToString());
                }

                var more = result.ProblemCount > result.Problems.Count ? $" ({result.ProblemCount - result.Problems.Count} more not listed)" : string.Empty;
                throw new CliException($"{result.ProblemCount} bad rows{more}; nothing was stored{Hint(result)}. First: {result.Problems[0]}");
            }

            using var store = context.OpenStore(parsed);
            var written = await store.WriteAsync(new MarketDataBatch(result.Series, []), cancellationToken).ConfigureAwait(false);
            foreach (var file in result.Files)
            {
                context.Output.WriteLine(Describe(file, import.OnConflict, import.Interval));
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

    /// <summary>"COH.csv: 1259 rows for COH, 1 conflicting date kept first (2017-10-30)".</summary>
    private static string Describe(CsvFileSummary file, CsvConflictPolicy onConflict, Interval interval)
    {
        var name = Path.GetFileName(file.Source);
        var conflicts = file.ConflictingTimes.Count == 0
            ? string.Empty
            : string.Create(CultureInfo.InvariantCulture, $"{file.ConflictingTimes.Count} conflicting {Plural(file.ConflictingTimes.Count, "date")} ({List(file.ConflictingTimes.Select(interval.Format), file.ConflictingTimes.Count)})");
        if (file.Skipped)
        {
            return $"{name}: skipped, {conflicts}";
        }

        var symbols = file.Symbols.Count == 1
            ? file.Symbols[0].ToString()
            : string.Create(CultureInfo.InvariantCulture, $"{file.Symbols.Count} symbols ({List(file.Symbols.Select(s => s.ToString()), file.Symbols.Count)})");
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"{name}: {file.Rows} rows for {symbols}"));
        if (file.NullRowsSkipped > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $", {file.NullRowsSkipped} null rows skipped");
        }

        if (file.InvalidRowsSkipped > 0)
        {
            var examples = file.InvalidRowExamples.Select(p => string.Create(CultureInfo.InvariantCulture, $"line {p.Line}: {p.Message}"));
            text.Append(CultureInfo.InvariantCulture, $", {file.InvalidRowsSkipped} invalid {Plural(file.InvalidRowsSkipped, "row")} skipped ({List(examples, file.InvalidRowsSkipped)})");
        }

        if (conflicts.Length > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $", {conflicts} kept {(onConflict == CsvConflictPolicy.KeepLast ? "last" : "first")}");
        }

        return text.ToString();
    }

    /// <summary>" (--on-invalid-bar skip leaves out ...)" when a policy could settle the problems.</summary>
    private static string Hint(CsvImportResult result)
    {
        var hints = new List<string>();
        if (result.InvalidBarProblems > 0)
        {
            hints.Add($"--on-invalid-bar skip leaves out the {result.InvalidBarProblems} {(result.InvalidBarProblems == 1 ? "row that breaks" : "rows that break")} the bar rule");
        }

        if (result.ConflictProblems > 0)
        {
            hints.Add($"--on-conflict keep-first, keep-last or skip-file settles the {result.ConflictProblems} repeated {Plural(result.ConflictProblems, "date")}");
        }

        return hints.Count > 0 ? $" ({string.Join("; ", hints)})" : string.Empty;
    }

    private static string Plural(int count, string noun) => count == 1 ? noun : noun + "s";

    /// <summary>The first few items, then how many more.</summary>
    private static string List(IEnumerable<string> items, int count)
    {
        var shown = items.Take(CsvBarImport.MaxListedPerFile).ToList();
        return count > shown.Count ? string.Create(CultureInfo.InvariantCulture, $"{string.Join("; ", shown)}; {count - shown.Count} more") : string.Join("; ", shown);
    }
}

using System.CommandLine;
using System.Globalization;
using Trading.Data.Csv;
using Trading.Domain;
using Trading.Indicators;

namespace Trading.Cli.Commands;

/// <summary><c>trade indicators (--csv FILE | --symbol S) --indicators "sma(20),rsi(14)" [--out FILE]</c>.</summary>
internal static class IndicatorsCommand
{
    public static Command Create(CliContext context)
    {
        var csv = new Option<FileInfo?>("--csv") { Description = "Read bars from this CSV file (Yahoo layout or plain OHLCV)." };
        var symbol = new Option<string?>("--symbol") { Description = "Read bars of this symbol from the store." };
        var indicators = new Option<string>("--indicators")
        {
            Description = $"Comma-separated list, e.g. \"sma(20),ema(20),rsi(14),macd(12,26,9),bbands(20,2),atr(14),stoch(14,3,3),obv\". Valid: {IndicatorSpec.ValidChoices}.",
            Required = true,
        };
        var output = new Option<FileInfo?>("--out") { Description = "Write the CSV here instead of to standard output." };
        var interval = CliOptions.Interval();
        var from = CliOptions.Date("--from", "First bar to compute from (with --symbol)");
        var to = CliOptions.Date("--to", "Last bar (with --symbol)");
        var adjust = new Option<string>("--adjust")
        {
            Description = "With --symbol: take stored splits (and dividends) out of the prices first: none, splits or all.",
            DefaultValueFactory = _ => "splits",
        }.OneOf("none", "splits", "all");
        var command = new Command("indicators", "Compute technical indicators (TA-Lib conventions) and write them as CSV: date, then one column per output.");
        command.Options.Add(csv);
        command.Options.Add(symbol);
        command.Options.Add(indicators);
        command.Options.Add(output);
        command.Options.Add(interval);
        command.Options.Add(from);
        command.Options.Add(to);
        command.Options.Add(adjust);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            // Parse the specs first: a typo should not wait for a database or a file.
            var specs = IndicatorSpec.Parse(parsed.GetValue(indicators)!);
            var barInterval = CliOptions.ParseInterval(parsed.GetValue(interval));
            var (start, end) = CliOptions.ParseRange(parsed.GetValue(from), parsed.GetValue(to));
            var file = parsed.GetValue(csv);
            var ticker = parsed.GetValue(symbol);
            var target = parsed.GetValue(output) is { } outFile ? context.OutputFile(parsed, "--out", outFile, (file, "the --csv input")) : null;
            BarSeries bars;
            // Bars before --from are read too: they warm the indicators up, so the first row written has values.
            if (file is not null && ticker is null)
            {
                var all = ReadCsv(file, barInterval);
                bars = all.Between(null, end);
                if (bars.IsEmpty || (start is { } s && bars.LastTime < s))
                {
                    throw new CliException($"{file.Name} has no bars{CliOptions.RangeText(start, end)}; it holds {barInterval.Format(all.FirstTime)} to {barInterval.Format(all.LastTime)}");
                }
            }
            else if (ticker is not null && file is null)
            {
                var wanted = Symbol.Parse(ticker);
                using var store = context.OpenExistingStore(parsed);
                await store.RequireStoredAsync([wanted], barInterval, cancellationToken).ConfigureAwait(false);
                bars = await store.ReadBarsAsync(wanted, barInterval, null, end, cancellationToken).ConfigureAwait(false);
                if (bars.IsEmpty || (start is { } s && bars.LastTime < s))
                {
                    throw new CliException($"no {barInterval} bars of {wanted} in {store}{CliOptions.RangeText(start, end)}; run 'trade data import', 'trade data fetch' or 'trade data synth' first");
                }

                var adjustment = parsed.GetValue(adjust)!.ToLowerInvariant() switch
                {
                    "none" => PriceAdjustment.None,
                    "all" => PriceAdjustment.SplitsAndDividends,
                    _ => PriceAdjustment.Splits,
                };
                if (adjustment != PriceAdjustment.None)
                {
                    // Actions after the last bar still matter: they scale every bar we hold.
                    var actions = await store.ReadActionsAsync(wanted, DateOnly.FromDateTime(bars.FirstTime).AddDays(1), cancellationToken: cancellationToken).ConfigureAwait(false);
                    bars = bars.AdjustedFor(actions, adjustment);
                }
            }
            else
            {
                throw new CliException("give exactly one of --csv FILE or --symbol S");
            }

            var table = IndicatorTable.Compute(bars, specs);
            if (target is not null)
            {
                target.WriteText(writer => table.WriteCsv(writer, start), cancellationToken);
                context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {table.RowCount - (start is { } first ? bars.IndexAtOrBefore(first.AddTicks(-1)) + 1 : 0)} rows x {table.ColumnNames.Count} indicator columns for {bars.Symbol} to {target}"));
            }
            else
            {
                table.WriteCsv(context.Output, start);
            }

            return 0;
        });
        return command;
    }

    private static BarSeries ReadCsv(FileInfo file, Interval interval)
    {
        CliOptions.RequireFile(file);

        var import = new CsvBarImport(interval);
        var name = Path.GetFileNameWithoutExtension(file.Name);
        import.AddFile(file.FullName, Symbol.TryParse(name, out var symbol) ? symbol : Symbol.Parse("CSV"));
        var result = import.Build();
        if (!result.Succeeded)
        {
            throw new CliException($"{result.ProblemCount} bad {(result.ProblemCount == 1 ? "row" : "rows")} in {file.Name}; first: {result.Problems[0]}");
        }

        return result.Series.Count > 0 ? result.Series[0] : throw new CliException($"{file.FullName}: no bars");
    }
}

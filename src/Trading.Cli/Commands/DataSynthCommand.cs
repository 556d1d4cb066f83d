using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Trading.Data;
using Trading.Data.Csv;
using Trading.Data.Synthetic;
using Trading.Domain;

namespace Trading.Cli.Commands;

/// <summary><c>trade data synth [--symbols 50] [--from 2000-01-01] [--to 2024-12-31] [--seed 42] [--csv DIR]</c>.</summary>
internal static class DataSynthCommand
{
    public static Command Create(CliContext context)
    {
        var symbols = CliOptions.SyntheticSymbols();
        var from = CliOptions.Date("--from", "First session, default 2000-01-01");
        var to = CliOptions.Date("--to", "Last session, default 2024-12-31");
        var seed = CliOptions.Seed();
        var csv = new Option<DirectoryInfo?>("--csv") { Description = "Also write one CSV per symbol and actions.csv into this folder." };
        var command = new Command("synth", "Generate the built-in synthetic market (stocks, sectors, splits, dividends, index ^SYN) and store it.");
        command.Options.Add(symbols);
        command.Options.Add(from);
        command.Options.Add(to);
        command.Options.Add(seed);
        command.Options.Add(csv);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var (start, end) = CliOptions.ParseRange(parsed.GetValue(from), parsed.GetValue(to));
            var options = new SyntheticMarketOptions
            {
                Symbols = parsed.GetValue(symbols),
                Seed = parsed.GetValue(seed),
                From = start is { } s ? DateOnly.FromDateTime(s) : new SyntheticMarketOptions().From,
                To = end is { } e ? DateOnly.FromDateTime(e) : new SyntheticMarketOptions().To,
            };
            options.Validate();
            var folder = parsed.GetValue(csv);
            if (folder is not null && File.Exists(folder.FullName))
            {
                throw new CliException($"--csv {folder.FullName} is a file; give a folder to write the CSV files into");
            }

            var clock = Stopwatch.StartNew();
            var market = SyntheticMarket.Generate(options);
            var generated = clock.Elapsed;
            using var store = context.OpenStore(parsed);
            await RefuseToMixAsync(store, market, cancellationToken).ConfigureAwait(false);
            clock.Restart();
            var written = await store.WriteAsync(market, cancellationToken).ConfigureAwait(false);
            var stored = clock.Elapsed;
            Describe(context, market, options, generated);
            context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"stored {written.BarsWritten:N0} bars and {written.ActionsWritten:N0} actions in {store} in {stored.TotalSeconds:F2} s ({written.BarsWritten / Math.Max(stored.TotalSeconds, 1e-9):N0} bars/s)"));
            if (folder is not null)
            {
                WriteCsv(context, parsed, market, folder, cancellationToken);
                context.Output.WriteLine($"wrote {market.Series.Count} CSV files and actions.csv to {folder.FullName}");
            }

            return 0;
        });
        return command;
    }

    /// <summary>Refuses to store <paramref name="market"/> where its symbols already hold something else (another
    /// seed, other dates): a write replaces bars day by day and adds actions, so the two markets would mix, the old
    /// splits applied to the new prices and the old bars left around the new range, and every backtest would be
    /// silently wrong. Storing the same market again is fine.</summary>
    internal static async Task RefuseToMixAsync(CliStore store, MarketDataBatch market, CancellationToken cancellationToken)
    {
        var stored = (await store.ListAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(s => (s.Symbol, s.Interval));
        var actions = market.Actions.ToLookup(a => a.Symbol);
        var mixed = new List<(Symbol Symbol, string Why)>();
        foreach (var series in market.Series)
        {
            if (!stored.TryGetValue((series.Symbol, series.Interval), out var summary))
            {
                continue;
            }

            if (summary.First < series.FirstTime || summary.Last > series.LastTime || summary.BarCount > series.Count)
            {
                mixed.Add((series.Symbol, string.Create(CultureInfo.InvariantCulture, $"{summary.BarCount} bars from {series.Interval.Format(summary.First)} to {series.Interval.Format(summary.Last)}, this market {series.Count} from {series.Interval.Format(series.FirstTime)} to {series.Interval.Format(series.LastTime)}")));
                continue;
            }

            var generated = actions[series.Symbol].ToHashSet();
            var foreign = (await store.ReadActionsAsync(series.Symbol, cancellationToken: cancellationToken).ConfigureAwait(false)).Count(a => !generated.Contains(a));
            if (foreign > 0)
            {
                mixed.Add((series.Symbol, string.Create(CultureInfo.InvariantCulture, $"{foreign} {(foreign == 1 ? "split or dividend" : "splits and dividends")} this market does not have")));
            }
        }

        if (mixed.Count > 0)
        {
            var more = mixed.Count > 1 ? string.Create(CultureInfo.InvariantCulture, $" (and {mixed.Count - 1} more)") : string.Empty;
            throw new CliException(
                $"{store} already holds another market's {mixed[0].Symbol}{more}: {mixed[0].Why}; storing this one over it would mix the two " +
                "(old splits on new prices, old bars around the new range). Use another --db, or the --symbols, --seed, --from and --to it was made with");
        }
    }

    internal static void Describe(CliContext context, MarketDataBatch market, SyntheticMarketOptions options, TimeSpan elapsed)
    {
        var splits = market.Actions.Count(a => a.Kind == CorporateActionKind.Split);
        var dividends = market.Actions.Count - splits;
        var first = market.Series[0];
        context.Output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"generated {options.Symbols} stocks and {SyntheticMarket.IndexSymbol} (seed {options.Seed}), {first.FirstTime:yyyy-MM-dd} to {first.LastTime:yyyy-MM-dd}: {market.BarCount:N0} bars, {splits} splits, {dividends} dividends in {elapsed.TotalSeconds:F2} s"));
    }

    /// <summary>Plain OHLCV per symbol plus the corporate actions, all with fixed formats, so a seed always gives the
    /// same bytes; each file whole or not at all.</summary>
    private static void WriteCsv(CliContext context, ParseResult parsed, MarketDataBatch market, DirectoryInfo folder, CancellationToken cancellationToken)
    {
        foreach (var series in market.Series)
        {
            context.OutputFile(parsed, "--csv", new FileInfo(Path.Combine(folder.FullName, series.Symbol.Value + ".csv")))
                .WriteText(writer => BarCsvWriter.Write(series, writer), cancellationToken);
        }

        context.OutputFile(parsed, "--csv", new FileInfo(Path.Combine(folder.FullName, "actions.csv"))).WriteText(
            writer =>
            {
                writer.Write("Symbol,ExDate,Kind,Value\n");
                foreach (var action in market.Actions)
                {
                    var kind = action.Kind == CorporateActionKind.Split ? "split" : "dividend";
                    writer.Write(string.Create(CultureInfo.InvariantCulture, $"{action.Symbol},{action.ExDate:yyyy-MM-dd},{kind},{action.Value}\n"));
                }
            },
            cancellationToken);
    }
}

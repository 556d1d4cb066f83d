using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Trading.Backtesting;
using Trading.Backtesting.Reports;
using Trading.Data.Caching;
using Trading.Data.Synthetic;
using Trading.Domain;
using Trading.Execution;
using Trading.Indicators;
using Trading.Strategies;
using Trading.Strategies.Momentum;

namespace Trading.Cli.Commands;

/// <summary><c>trade demo</c>: the whole data path on embedded defaults, no network, nothing to install.</summary>
/// <remarks>
/// Generates the synthetic market, stores it in SQLite, reads it back through the cache, computes indicators for every
/// symbol, ranks the stocks with the momentum strategy's signals (split-adjusted, with the regime filter on the index),
/// then backtests sma_cross and momentum over the market (5 bp commission) and writes their reports.
/// </remarks>
internal static class DemoCommand
{
    private const string Specs = "sma(50),sma(200),rsi(14),atr(20),linreg_slope(90,log),linreg_r2(90,log),macd(12,26,9),bbands(20,2)";

    public static Command Create(CliContext context)
    {
        var symbols = CliOptions.SyntheticSymbols();
        var seed = CliOptions.Seed();
        var top = new NumberOption<int>("--top", "How many stocks to show in the ranking.", 10, "at least 1", t => t >= 1);
        var command = new Command("demo", "Generate the synthetic market, store it, compute indicators, rank by momentum, and backtest sma_cross and momentum over it with reports.");
        command.Options.Add(symbols);
        command.Options.Add(seed);
        command.Options.Add(top);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var options = new SyntheticMarketOptions { Symbols = parsed.GetValue(symbols), Seed = parsed.GetValue(seed) };
            options.Validate();
            var show = parsed.GetValue(top);

            var specs = IndicatorSpec.Parse(Specs);
            var clock = Stopwatch.StartNew();
            var market = SyntheticMarket.Generate(options);
            DataSynthCommand.Describe(context, market, options, clock.Elapsed);

            using var database = context.OpenStore(parsed);
            await DataSynthCommand.RefuseToMixAsync(database, market, cancellationToken).ConfigureAwait(false);
            clock.Restart();
            var written = await database.WriteAsync(market, cancellationToken).ConfigureAwait(false);
            Say(context, $"stored {written.BarsWritten:N0} bars and {written.ActionsWritten:N0} corporate actions in {database} in {clock.Elapsed.TotalSeconds:F2} s ({written.BarsWritten / Math.Max(clock.Elapsed.TotalSeconds, 1e-9):N0} bars/s)");

            using var store = new CachedMarketDataStore(database);
            var series = new List<BarSeries>(market.Series.Count);
            clock.Restart();
            foreach (var stored in market.Series)
            {
                // Indicators see split-adjusted prices: a 2:1 split is not a 50% crash.
                var bars = await store.ReadBarsAsync(stored.Symbol, stored.Interval, cancellationToken: cancellationToken).ConfigureAwait(false);
                var actions = await store.ReadActionsAsync(stored.Symbol, cancellationToken: cancellationToken).ConfigureAwait(false);
                series.Add(bars.AdjustedFor(actions));
            }

            var firstRead = clock.Elapsed;
            clock.Restart();
            foreach (var stored in market.Series)
            {
                await store.ReadBarsAsync(stored.Symbol, stored.Interval, cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            Say(context, $"read {series.Count} series and their actions back and adjusted them for splits in {firstRead.TotalMilliseconds:F0} ms; reading them again took {clock.Elapsed.TotalMilliseconds:F1} ms from the cache");

            clock.Restart();
            var tables = series.Select(s => IndicatorTable.Compute(s, specs)).ToList();
            var updates = (double)series.Sum(s => (long)s.Count) * specs.Count;
            Say(context, $"computed {specs.Count} indicators ({string.Join(", ", specs.Select(s => s.Name))}) over {series.Count} series in {clock.Elapsed.TotalMilliseconds:F0} ms ({updates / clock.Elapsed.TotalSeconds / 1e6:F0}M indicator updates/s)");

            var folder = Path.Combine(database.Folder, "demo");
            Directory.CreateDirectory(folder);
            var indexTable = tables[series.FindIndex(s => s.Symbol == SyntheticMarket.IndexSymbol)];
            var indexCsv = context.OutputFile(parsed, "the demo", new FileInfo(Path.Combine(folder, "SYN-indicators.csv")));
            indexCsv.WriteText(writer => indexTable.WriteCsv(writer), cancellationToken);

            Say(context, $"wrote the index's indicators to {indexCsv}");

            // The original's question: what would momentum buy today? Ranked from the store, split-adjusted.
            var stocks = market.Series.Where(s => s.Symbol != SyntheticMarket.IndexSymbol).ToList();
            var momentum = StrategyRegistry.Default.Find(MomentumStrategy.Name);
            var momentumParameters = momentum.Bind(new Dictionary<string, string>());
            var ranking = await MomentumSignals.GenerateAsync(
                store,
                [.. stocks.Select(s => s.Symbol)],
                SyntheticMarket.IndexSymbol,
                Interval.Daily,
                null,
                null,
                MomentumParameters.From(momentumParameters).Ranking,
                cancellationToken).ConfigureAwait(false);
            SignalsCommand.WriteTable(context, ranking, MomentumParameters.From(momentumParameters).Ranking, 100_000m, show);

            // Backtests trade prices as traded and let the ledger apply splits and dividends on their dates.
            var input = new BacktestInput(stocks, market.Actions, market.Series.First(s => s.Symbol == SyntheticMarket.IndexSymbol))
            {
                MarketIndex = market.Series.First(s => s.Symbol == SyntheticMarket.IndexSymbol),
                Calendar = SyntheticExchangeCalendar.Instance,
            };
            var settings = new BacktestSettings { Venue = new VenueSettings { Commission = new PercentOfValueCommission(0.0005m) } };
            foreach (var name in new[] { "sma_cross", MomentumStrategy.Name })
            {
                var definition = StrategyRegistry.Default.Find(name);
                var parameters = definition.Defaults;
                var result = BacktestEngine.Run(definition.Name, definition.Create(parameters), parameters, input, settings, cancellationToken: cancellationToken);
                BacktestSummary.Write(context.Console, result);
                var report = context.OutputFile(parsed, "the demo", new FileInfo(Path.Combine(folder, $"{name}.html")));
                report.WriteText(writer => HtmlReport.Write(result, writer), cancellationToken);
                var results = context.OutputFile(parsed, "the demo", new FileInfo(Path.Combine(folder, $"{name}.json")));
                results.Write(json => JsonReport.Write(result, json), cancellationToken);

                Say(context, $"wrote the {name} report to {report} and its results to {results}");
            }

            context.Output.WriteLine("next: 'trade signals --symbols SYN001,SYN002,SYN003 --index ^SYN', 'trade backtest --strategy momentum --report r.html', 'trade data list', 'trade data import FILE.csv'");
            return 0;
        });
        return command;
    }

    private static void Say(CliContext context, FormattableString text) => context.Output.WriteLine(text.ToString(CultureInfo.InvariantCulture));
}

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

namespace Trading.Cli.Commands;

/// <summary><c>trade demo</c>: the whole data path on embedded defaults, no network, nothing to install.</summary>
/// <remarks>
/// Generates the synthetic market, stores it in SQLite, reads it back through the cache, computes indicators for every
/// symbol and ranks the stocks (split-adjusted) by the momentum score of the original system (annualised exponential regression slope
/// times R squared), then backtests sma_cross over the market (5 bp commission) and writes its HTML report.
/// </remarks>
internal static class DemoCommand
{
    private const string Specs = "sma(50),sma(200),rsi(14),atr(20),linreg_slope(90,log),linreg_r2(90,log),macd(12,26,9),bbands(20,2)";

    public static Command Create(CliContext context)
    {
        var symbols = new Option<int>("--symbols") { Description = "Number of synthetic stocks.", DefaultValueFactory = _ => 50 };
        var seed = new Option<ulong>("--seed") { Description = "Random seed of the synthetic market.", DefaultValueFactory = _ => 42 };
        var top = new Option<int>("--top") { Description = "How many stocks to show in the ranking.", DefaultValueFactory = _ => 10 };
        var command = new Command("demo", "Generate the synthetic market, store it, compute indicators, rank by momentum, and backtest sma_cross over it with a report.");
        command.Options.Add(symbols);
        command.Options.Add(seed);
        command.Options.Add(top);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var options = new SyntheticMarketOptions { Symbols = parsed.GetValue(symbols), Seed = parsed.GetValue(seed) };
            options.Validate();
            var show = parsed.GetValue(top);
            if (show < 1)
            {
                throw new CliException($"--top must be at least 1; got {show}");
            }

            var specs = IndicatorSpec.Parse(Specs);
            var clock = Stopwatch.StartNew();
            var market = SyntheticMarket.Generate(options);
            DataSynthCommand.Describe(context, market, options, clock.Elapsed);

            using var sqlite = context.OpenStore(parsed);
            clock.Restart();
            var written = await sqlite.WriteAsync(market, cancellationToken).ConfigureAwait(false);
            Say(context, $"stored {written.BarsWritten:N0} bars and {written.ActionsWritten:N0} corporate actions in {sqlite} in {clock.Elapsed.TotalSeconds:F2} s ({written.BarsWritten / Math.Max(clock.Elapsed.TotalSeconds, 1e-9):N0} bars/s)");

            using var store = new CachedMarketDataStore(sqlite);
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

            var folder = Path.Combine(Path.GetDirectoryName(sqlite.DatabasePath)!, "demo");
            Directory.CreateDirectory(folder);
            var indexTable = tables[series.FindIndex(s => s.Symbol == SyntheticMarket.IndexSymbol)];
            var indexCsv = Path.Combine(folder, "SYN-indicators.csv");
            await using (var writer = new StreamWriter(indexCsv))
            {
                indexTable.WriteCsv(writer);
            }

            Say(context, $"wrote the index's indicators to {indexCsv}");
            context.Console.Write(Ranking(tables.Where(t => t.Bars.Symbol != SyntheticMarket.IndexSymbol), show, IndexTrend(indexTable)));

            // The backtest trades prices as traded and lets the ledger apply splits and dividends on their dates.
            var definition = StrategyRegistry.Default.Find("sma_cross");
            var parameters = definition.Bind(new Dictionary<string, string>());
            var stocks = market.Series.Where(s => s.Symbol != SyntheticMarket.IndexSymbol).ToList();
            var result = BacktestEngine.Run(
                definition.Name,
                definition.Create(parameters),
                parameters.AsText(),
                new BacktestInput(stocks, market.Actions, market.Series.First(s => s.Symbol == SyntheticMarket.IndexSymbol)),
                new BacktestSettings { Venue = new VenueSettings { Commission = new PercentOfValueCommission(0.0005m) } },
                cancellationToken: cancellationToken);
            BacktestSummary.Write(context.Console, result);
            var report = Path.Combine(folder, "sma_cross.html");
            await using (var writer = new StreamWriter(report))
            {
                HtmlReport.Write(result, writer);
            }

            await using (var json = File.Create(Path.Combine(folder, "sma_cross.json")))
            {
                JsonReport.Write(result, json);
            }

            Say(context, $"wrote the backtest's report to {report} and its results to {Path.Combine(folder, "sma_cross.json")}");
            context.Output.WriteLine("next: 'trade backtest --strategy rsi_reversion --symbols SYN001,SYN002 --report r.html', 'trade data list', 'trade data import FILE.csv'");
            return 0;
        });
        return command;
    }

    private static string IndexTrend(IndicatorTable index)
    {
        var last = index.RowCount - 1;
        var close = index.Bars.Close[last];
        var sma200 = index["sma(200)"][last];
        return close > sma200
            ? string.Create(CultureInfo.InvariantCulture, $"^SYN {close:F2} is above its 200-day average {sma200:F2}: the regime filter would allow buying")
            : string.Create(CultureInfo.InvariantCulture, $"^SYN {close:F2} is below its 200-day average {sma200:F2}: the regime filter would buy nothing new");
    }

    /// <summary>Stocks by the original's momentum score on the last day: (exp(slope x 252) - 1) x R squared.</summary>
    private static Table Ranking(IEnumerable<IndicatorTable> stocks, int top, string caption)
    {
        var rows = new List<(string Symbol, double Close, double Sma50, double Sma200, double Rsi, double Atr, double Score)>();
        foreach (var table in stocks)
        {
            var last = table.RowCount - 1;
            var slope = table["linreg_slope(90,log)"][last];
            var r2 = table["linreg_r2(90,log)"][last];
            rows.Add((table.Bars.Symbol.Value, table.Bars.Close[last], table["sma(50)"][last], table["sma(200)"][last], table["rsi(14)"][last], table["atr(20)"][last], (Math.Exp(slope * 252) - 1) * r2));
        }

        var result = new Table().Border(TableBorder.Simple).Title($"Top {top} by momentum score on the last day").Caption(Markup.Escape(caption));
        foreach (var column in new[] { "symbol", "close", "sma(50)", "sma(200)", "rsi(14)", "atr(20)", "score", "trend" })
        {
            result.AddColumn(column == "symbol" || column == "trend" ? new TableColumn(column) : new TableColumn(column).RightAligned());
        }

        foreach (var row in rows.OrderByDescending(r => r.Score).Take(top))
        {
            result.AddRow(
                row.Symbol,
                F(row.Close),
                F(row.Sma50),
                F(row.Sma200),
                F(row.Rsi),
                F(row.Atr),
                row.Score.ToString("F3", CultureInfo.InvariantCulture),
                row.Close > row.Sma200 ? "above 200d" : "below 200d");
        }

        return result;

        static string F(double value) => double.IsNaN(value) ? "-" : value.ToString("F2", CultureInfo.InvariantCulture);
    }

    private static void Say(CliContext context, FormattableString text) => context.Output.WriteLine(text.ToString(CultureInfo.InvariantCulture));
}

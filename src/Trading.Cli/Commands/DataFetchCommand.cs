using System.CommandLine;
using System.Globalization;
using Trading.Configuration;
using Trading.Data;
using Trading.Data.Yahoo;
using Trading.Domain;

namespace Trading.Cli.Commands;

/// <summary><c>trade data fetch AAPL MSFT --from 2020-01-01 --to 2024-12-31 [--interval 1d]</c> from Yahoo Finance.</summary>
/// <remarks>Each symbol is fetched and stored on its own: one unknown ticker does not cost the others their data.</remarks>
internal static class DataFetchCommand
{
    public static Command Create(CliContext context)
    {
        var symbols = new Argument<string[]>("symbols") { Description = "Tickers as Yahoo spells them (AAPL, BRK-B, ^GSPC); commas also separate.", Arity = ArgumentArity.OneOrMore };
        var from = CliOptions.Date("--from", "First day, default one year before --to");
        var to = CliOptions.Date("--to", "Last day, default today");
        var interval = CliOptions.Interval();
        var command = new Command("fetch", "Fetch bars, splits and dividends from Yahoo Finance and store them (prices as traded).");
        command.Arguments.Add(symbols);
        command.Options.Add(from);
        command.Options.Add(to);
        command.Options.Add(interval);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var tickers = CliOptions.ParseSymbols(parsed.GetValue(symbols)!, "data fetch");
            var barInterval = CliOptions.ParseInterval(parsed.GetValue(interval));
            var (start, end) = CliOptions.ParseRange(parsed.GetValue(from), parsed.GetValue(to));
            var last = end ?? DateTime.SpecifyKind(DateTime.UtcNow.Date, DateTimeKind.Utc);
            var first = start ?? last.AddYears(-1);
            if (first > last)
            {
                throw new CliException($"--from {first:yyyy-MM-dd} is after the last day {last:yyyy-MM-dd}");
            }

            // --to names a day; the provider's range is inclusive to the second, so take the whole day.
            var until = last.AddDays(1).AddTicks(-1);
            using var store = context.OpenStore(parsed);
            await using var yahoo = YahooFinanceHost.Create(o => context.Configuration.GetSection(YahooFinanceOptions.SectionName).BindChecked(o));
            var failures = 0;
            foreach (var symbol in tickers)
            {
                try
                {
                    var chart = await yahoo.Provider.FetchChartAsync(symbol, barInterval, first, until, cancellationToken).ConfigureAwait(false);
                    var batch = chart.ToBatch();
                    await store.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
                    context.Output.WriteLine(Describe(symbol, barInterval, batch) + Dropped(chart));
                }
                catch (MarketDataUnavailableException ex)
                {
                    failures++;
                    context.Error.WriteLine($"{symbol}: {CliErrors.OneLine(ex)}");
                }
            }

            if (failures > 0)
            {
                throw new CliException(failures == tickers.Length
                    ? $"no symbol could be fetched ({failures} of {tickers.Length} failed)"
                    : $"{failures} of {tickers.Length} symbols failed; the others were stored");
            }

            return 0;
        });
        return command;
    }

    private static string Describe(Symbol symbol, Interval interval, MarketDataBatch batch)
    {
        var bars = batch.Series.FirstOrDefault(s => s.Symbol == symbol);
        var splits = batch.Actions.Count(a => a.Kind == CorporateActionKind.Split);
        var dividends = batch.Actions.Count - splits;
        var range = bars is { Count: > 0 }
            ? $"{bars.Count} {interval} bars, {interval.Format(bars.FirstTime)} to {interval.Format(bars.LastTime)}"
            : "no bars in that range";
        return string.Create(CultureInfo.InvariantCulture, $"{symbol}: {range}, {splits} splits, {dividends} dividends");
    }

    /// <summary>", 1 bar dropped (2017-12-06: open 52.02 is above high 50.71)" when Yahoo sent bars that break the bar rule.</summary>
    private static string Dropped(YahooChart chart)
    {
        if (chart.DroppedBars.Count == 0)
        {
            return string.Empty;
        }

        var first = chart.DroppedBars[0];
        var more = chart.DroppedBars.Count > 1 ? $"; {chart.DroppedBars.Count - 1} more" : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $", {chart.DroppedBars.Count} invalid {(chart.DroppedBars.Count == 1 ? "bar" : "bars")} dropped ({chart.Interval.Format(first.Time)}: {first.Problem}{more})");
    }
}

using System.Globalization;
using Trading.Backtesting;
using Trading.Domain;
using Trading.Strategies;
using Xunit.Abstractions;

namespace Trading.Tests.Strategies;

/// <summary>sma_cross over the 489 real S&amp;P 500 stocks of shared/data (2012-2017) decides every cross exactly as
/// the same averages computed in decimal arithmetic would, ties included.</summary>
/// <remarks>The reference reads each close as the decimal the exchange printed, to 8 places: the file writes some
/// closes as binary fractions (27.567954999999998 for 27.567955), and that printing noise is no more a price than
/// the last bit of a double is. It keeps a side per symbol, changes it only when the averages differ (a tie keeps
/// it), and expects a buy on every change to above and a sell on every change to below that follows a buy.</remarks>
public sealed class SmaCrossDecimalTiesTests(ITestOutputHelper output)
{
    private const int Fast = 10;
    private const int Slow = 30;

    [SkippableFact]
    public void Sma_cross_decides_every_cross_of_the_sp500_as_decimal_averages_do_ties_included()
    {
        var folder = SharedData("sp500-2012-2017");
        Skip.If(folder is null, "shared/data/sp500-2012-2017 is not next to this clone: the hand-made ties in BuiltInStrategyTests still run");

        var universe = new List<BarSeries>();
        var expected = new List<(string Symbol, DateTime Time, OrderSide Side)>();
        var ties = new List<string>();
        foreach (var file in Directory.GetFiles(folder, "*.csv").Order(StringComparer.Ordinal))
        {
            var symbol = Path.GetFileNameWithoutExtension(file).ToUpperInvariant();
            var (times, closes, stored) = Closes(file);
            universe.Add(SeriesOf(symbol, times, stored));
            expected.AddRange(DecimalCrosses(symbol, times, closes, ties));
        }

        var definition = StrategyRegistry.Default.Find("sma_cross");
        var parameters = definition.Bind(new Dictionary<string, string> { ["fast"] = "10", ["slow"] = "30", ["quantity"] = "100" });
        var result = BacktestEngine.Run(
            definition.Name,
            definition.Create(parameters),
            parameters.AsText(),
            new BacktestInput(universe, []),
            new BacktestSettings { InitialCash = 1_000_000_000m });
        var actual = result.Orders
            .Select(o => (Symbol: o.Request.Symbol.Value, Time: o.SubmittedAt, o.Request.Side))
            .OrderBy(o => o.Symbol, StringComparer.Ordinal).ThenBy(o => o.Time)
            .ToList();

        output.WriteLine($"{universe.Count} stocks, {expected.Count} crosses; the 10- and 30-bar averages tie in decimal on {ties.Count} bars:");
        ties.ForEach(output.WriteLine);
        Assert.True(ties.Count > 0, "the data should hold ties, or this test proves nothing about them");
        Assert.Equal(expected.OrderBy(o => o.Symbol, StringComparer.Ordinal).ThenBy(o => o.Time), actual);
    }

    /// <summary>Where the decimal averages change side, as sma_cross's orders: a buy on every change to above, a
    /// sell on a change to below once bought. Each tie is added to <paramref name="ties"/>.</summary>
    private static IEnumerable<(string, DateTime, OrderSide)> DecimalCrosses(string symbol, DateTime[] times, decimal[] closes, List<string> ties)
    {
        var crosses = new List<(string, DateTime, OrderSide)>();
        decimal fastSum = 0, slowSum = 0;
        var side = 0;
        var bought = false;
        for (var i = 0; i < closes.Length; i++)
        {
            fastSum += closes[i] - (i >= Fast ? closes[i - Fast] : 0);
            slowSum += closes[i] - (i >= Slow ? closes[i - Slow] : 0);
            if (i < Slow - 1)
            {
                continue;
            }

            // fast / 10 against slow / 30, with no division to round.
            var difference = (fastSum * Slow) - (slowSum * Fast);
            if (difference == 0)
            {
                ties.Add(FormattableString.Invariant($"{symbol} {times[i]:yyyy-MM-dd}: close {closes[i]}, both averages {fastSum / Fast}"));
                continue;
            }

            var now = Math.Sign(difference);
            if (side == -1 && now == 1)
            {
                crosses.Add((symbol, times[i], OrderSide.Buy));
                bought = true;
            }
            else if (side == 1 && now == -1 && bought)
            {
                crosses.Add((symbol, times[i], OrderSide.Sell));
                bought = false;
            }

            side = now;
        }

        return crosses;
    }

    /// <summary>The dated closes of a file of the Yahoo layout, as decimals to 8 places and as the doubles an import
    /// stores; rows without a close skipped, and a repeated date's second row.</summary>
    private static (DateTime[] Times, decimal[] Closes, double[] Stored) Closes(string file)
    {
        var lines = File.ReadAllLines(file);
        var header = lines[0].Split(',');
        var dateColumn = Array.IndexOf(header, "Date");
        var closeColumn = Array.IndexOf(header, "Close");
        var times = new List<DateTime>();
        var closes = new List<decimal>();
        var stored = new List<double>();
        foreach (var line in lines.Skip(1))
        {
            var fields = line.Split(',');
            if (fields.Length <= closeColumn || fields[closeColumn].Length == 0)
            {
                continue;
            }

            var time = DateTime.SpecifyKind(DateTime.ParseExact(fields[dateColumn], "yyyy-MM-dd", CultureInfo.InvariantCulture), DateTimeKind.Utc);
            if (times.Count > 0 && times[^1] == time)
            {
                continue; // COH.csv repeats a date with another volume: the first row is kept
            }

            times.Add(time);
            closes.Add(Math.Round(decimal.Parse(fields[closeColumn], NumberStyles.Float, CultureInfo.InvariantCulture), 8, MidpointRounding.ToEven));
            stored.Add(double.Parse(fields[closeColumn], NumberStyles.Float, CultureInfo.InvariantCulture));
        }

        return ([.. times], [.. closes], [.. stored]);
    }

    /// <summary>Bars whose every price is the close: only the closes decide sma_cross's orders.</summary>
    private static BarSeries SeriesOf(string symbol, DateTime[] times, double[] prices) =>
        new(
            Symbol.Parse(symbol),
            Interval.Daily,
            times,
            (double[])prices.Clone(),
            (double[])prices.Clone(),
            (double[])prices.Clone(),
            prices,
            [.. Enumerable.Repeat(1_000_000.0, prices.Length)]);

    private static string? SharedData(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", name);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

using System.Text.Json;

namespace Trading.Tests.Cli;

/// <summary>Issue 12's "done when", through the CLI only, as a newcomer would do it from the README and the guide:
/// <c>trade new strategy my_rsi</c>, edit the file (an RSI entry with a limit order and a bracket), backtest it with a
/// per-share commission.</summary>
public sealed class FirstStrategyTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task A_new_strategy_edited_to_a_limit_entry_with_a_bracket_backtests_with_a_per_share_commission()
    {
        var settings = new Dictionary<string, string?> { ["Strategies:CachePath"] = Path.Combine(_cli.Directory, "cache") };
        var created = await _cli.TradeWith(settings, ["new", "strategy", "my_rsi", "--output", _cli.Directory]);
        Assert.True(created.ExitCode == 0, created.Error);
        var file = Path.Combine(_cli.Directory, "my_rsi.cs");

        // The edits the guide's "Your first strategy" shows: buy an oversold close with a limit at that close,
        // protected by a take-profit 4% above and a stop-loss 3% below once it fills; the bracket is the exit, so the
        // breakout's exit, its parameter and its helpers go.
        var source = File.ReadAllText(file);
        foreach (var (from, to) in Edits)
        {
            Assert.Contains(from, source, StringComparison.Ordinal);
            source = source.Replace(from, to, StringComparison.Ordinal);
        }

        source = source[..source.IndexOf("    // The highest close of the bars before this one", StringComparison.Ordinal)].TrimEnd() + "\n}\n";
        Assert.Equal(File.ReadAllText(Path.Combine(Samples.SampleStrategies.Folder, "my_rsi.cs")), source);
        File.WriteAllText(file, source);
        var json = Path.Combine(_cli.Directory, "my_rsi.json");

        var run = await _cli.TradeWith(settings, ["backtest", "--strategy-file", file, "--commission", "per_share:0.005,minimum=1", "--from", "2019-01-01", "--to", "2021-12-31", "--json", json]);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.StartsWith("my_rsi (entry_bars=20, allocation=0.9)", run.Output.Split('\n').First(l => l.StartsWith("my_rsi", StringComparison.Ordinal)), StringComparison.Ordinal);
        var result = JsonDocument.Parse(File.ReadAllText(json)).RootElement;
        var orders = result.GetProperty("orders").EnumerateArray().ToList();
        var fills = result.GetProperty("fills").EnumerateArray().ToList();

        // Entries are limit buys; exits are the bracket's take-profit limits and stop-losses, and when one leg
        // filled the other was cancelled.
        Assert.Contains(orders, o => o.GetProperty("side").GetString() == "buy" && o.GetProperty("type").GetString() == "limit" && o.GetProperty("status").GetString() == "filled");
        Assert.DoesNotContain(orders, o => o.GetProperty("side").GetString() == "buy" && o.GetProperty("type").GetString() != "limit");
        var exits = orders.Where(o => o.GetProperty("side").GetString() == "sell").ToList();
        Assert.Contains(exits, o => o.GetProperty("type").GetString() == "limit" && o.GetProperty("status").GetString() == "filled");
        Assert.Contains(exits, o => o.GetProperty("type").GetString() == "stop" && o.GetProperty("status").GetString() == "filled");
        Assert.Contains(exits, o => o.GetProperty("status").GetString() == "cancelled");
        Assert.All(exits, o => Assert.Contains(o.GetProperty("type").GetString(), new[] { "limit", "stop" }));

        // Every fill paid 0.005 a share, at least 1.00 (IB's fixed pricing without the cap), worked by hand.
        Assert.True(fills.Count >= 4, $"{fills.Count} fills");
        Assert.All(fills, f => Assert.Equal(Math.Max(0.005m * f.GetProperty("quantity").GetDecimal(), 1m), f.GetProperty("commission").GetDecimal()));

        // The run records its configuration, so it can be repeated from its own output.
        var again = await _cli.TradeWith(settings, ["backtest", "--config", json]);
        Assert.True(again.ExitCode == 0, again.Error);
        Assert.Contains(Summary(run.Output), again.Output, StringComparison.Ordinal);
    }

    private static readonly (string From, string To)[] Edits =
    [
        (
            """
            /// <summary>my_rsi: buys when the close rises above the highest close of the previous entry_bars bars;
            /// sells when it falls below the lowest close of the previous exit_bars bars.</summary>
            """,
            """
            /// <summary>my_rsi: bids at the close when RSI(14) is below 30; once filled, a take-profit 4% above and a
            /// stop-loss 3% below protect the position and cancel each other.</summary>
            """),
        (
            "\"Breakout: buy a close above the highest of the previous entry_bars closes, sell a close below the lowest of the previous exit_bars.\",",
            "\"RSI(14) below 30: a limit bid at the close, with a 4% take-profit and a 3% stop-loss.\","),
        (
            """
                        StrategyParameter.Integer("entry_bars", 20, 2, 1000, "Bars whose highest close an entry must beat"),
                        StrategyParameter.Integer("exit_bars", 10, 2, 1000, "Bars whose lowest close an exit must break"),

            """,
            """
                        StrategyParameter.Integer("entry_bars", 20, 2, 1000, "Bars of history before the first entry"),

            """),
        (
            """
                    parameters => new MyRsi(parameters),
                    [
                        new ParameterRule("exit_bars must not exceed entry_bars", p =>
                            p.GetInt("exit_bars") <= p.GetInt("entry_bars") ? null : $"exit_bars ({p.GetInt("exit_bars")}) must not exceed entry_bars ({p.GetInt("entry_bars")})"),
                    ]);
            """,
            "        parameters => new MyRsi(parameters));"),
        ("    private readonly int _exitBars;\n", string.Empty),
        ("        _exitBars = parameters.GetInt(\"exit_bars\");\n", string.Empty),
        ("close > Highest(context, symbol, _entryBars)", "context.Indicator(symbol, \"rsi(14)\") < 30"),
        (
            "context.Submit(OrderRequest.Market(context.Symbols[symbol], OrderSide.Buy, shares, \"entry\"));",
            "context.SubmitBracket(OrderRequest.Limit(context.Symbols[symbol], OrderSide.Buy, shares, (decimal)close), (decimal)close * 1.04m, (decimal)close * 0.97m);"),
        (
            """
                    else if (held > 0 && close < Lowest(context, symbol, _exitBars))
                    {
                        context.Submit(OrderRequest.Market(context.Symbols[symbol], OrderSide.Sell, held, "exit"));
                    }

            """,
            string.Empty),
    ];

    /// <summary>The summary's final-equity line: the same in a repeated run.</summary>
    private static string Summary(string output) =>
        output.Split('\n').First(l => l.Contains("final equity", StringComparison.Ordinal)).Trim();
}

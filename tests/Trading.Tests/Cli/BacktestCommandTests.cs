using System.Text.Json;
using System.Text.RegularExpressions;

namespace Trading.Tests.Cli;

public sealed class BacktestCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    /// <summary>Ten days of a hand-made path: down, then up (the fast average crosses above the slow), then down.</summary>
    private string Path10() => _cli.File("abc.csv", HandMadeBars.TenDays);

    [Fact]
    public async Task A_csv_backtest_writes_json_with_the_documented_fields_and_exact_money()
    {
        var json = Path.Combine(_cli.Directory, "out", "r.json");

        var run = await _cli.Trade("backtest", "--strategy", "sma_cross", "--csv", Path10(), "--set", "fast=2", "--set", "slow=3", "--set", "quantity=100", "--cash", "10000", "--commission-rate", "0.001", "--json", json);

        Assert.Equal(0, run.ExitCode);
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var root = document.RootElement;
        foreach (var field in new[] { "final_equity", "final_cash", "metrics", "trades", "fills", "orders", "equity_curve" })
        {
            Assert.True(root.TryGetProperty(field, out _), $"missing {field}");
        }

        // SMA(2) crosses above SMA(3) at the close of 01-05 (10 > 9.33); the buy fills at 01-08's open, 13.
        // SMA(2) falls below SMA(3) at 01-10's close (11 < 11.67); the sell fills at 01-11's open, 8.
        var fills = root.GetProperty("fills").EnumerateArray().ToList();
        Assert.Equal(2, fills.Count);
        Assert.Equal("2024-01-08", fills[0].GetProperty("date").GetString());
        Assert.Equal("buy", fills[0].GetProperty("side").GetString());
        Assert.Equal(13m, fills[0].GetProperty("price").GetDecimal());
        Assert.Equal(1.3m, fills[0].GetProperty("commission").GetDecimal());
        Assert.Equal("2024-01-11", fills[1].GetProperty("date").GetString());
        Assert.Equal(8m, fills[1].GetProperty("price").GetDecimal());
        // 10,000 − 1,300 − 1.30 + 800 − 0.80 = 9,497.90, all in cash at the end.
        Assert.Equal(9_497.90m, root.GetProperty("final_cash").GetDecimal());
        Assert.Equal(9_497.90m, root.GetProperty("final_equity").GetDecimal());
        Assert.Equal(1, root.GetProperty("metrics").GetProperty("trade_count").GetInt32());
        Assert.Equal(10, root.GetProperty("equity_curve").GetArrayLength());
        // Holding 100 shares from 13 down to 8 by 01-11's open: equity falls from its peak 10,098.70 (01-08 close).
        var last = root.GetProperty("equity_curve")[9];
        Assert.Equal(9_497.90m, last.GetProperty("equity").GetDecimal());
        Assert.True(last.GetProperty("drawdown").GetDouble() < 0);
        var orders = root.GetProperty("orders").EnumerateArray().ToList();
        Assert.Equal(["filled", "filled"], orders.Select(o => o.GetProperty("status").GetString()));
        Assert.Equal("market", orders[0].GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_csv_file_s_bars_trade_under_the_symbol_given_with_symbol_not_the_file_s_name()
    {
        var csv = _cli.File("nvda-1999-2014.txt", HandMadeBars.TenDays);
        var json = Path.Combine(_cli.Directory, "named.json");

        var run = await _cli.Trade("backtest", "--strategy", "buy_and_hold", "--csv", csv, "--symbol", "nvda", "--json", json);

        Assert.Equal(0, run.ExitCode);
        var fills = JsonDocument.Parse(File.ReadAllText(json)).RootElement.GetProperty("fills");
        Assert.Equal("NVDA", fills[0].GetProperty("symbol").GetString());

        var bad = await _cli.Trade("backtest", "--strategy", "buy_and_hold", "--csv", csv, "--symbol", "not a symbol");
        Assert.Equal(1, bad.ExitCode);
        Assert.StartsWith("error: --symbol: ", bad.Error, StringComparison.Ordinal);
        var stored = await _cli.Trade("backtest", "--strategy", "buy_and_hold", "--symbol", "NVDA");
        Assert.Equal(1, stored.ExitCode);
        Assert.Contains("--symbol names the bars of a --csv or --parquet file", stored.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_with_no_closed_trade_shows_n_a_for_win_rate_profit_factor_and_expectancy()
    {
        var run = await _cli.Trade("backtest", "--strategy", "buy_and_hold", "--csv", Path10(), "--set", "quantity=10");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"round trips\s*│\s*0\s*│\s*win rate\s*│\s*n/a", run.Output);
        Assert.Matches(@"expectancy\s*│\s*n/a\s*│\s*profit factor\s*│\s*n/a", run.Output);
    }

    [Fact]
    public async Task An_order_cut_to_the_cash_at_the_open_and_cancelled_is_explained_under_the_summary()
    {
        // 100 shares pass the check at the close of 10 with 1,000 of cash; the open of the fill bar is 1,000, so one
        // share is bought and the other 99 cancelled.
        var csv = _cli.File("cut.csv", """
            Date,Open,High,Low,Close,Volume
            2024-01-01,10,10,10,10,1000
            2024-01-02,1000,1000,1000,1000,1000
            2024-01-03,9,9,9,9,1000
            """);

        var run = await _cli.Trade("backtest", "--strategy", "buy_and_hold", "--csv", csv, "--set", "quantity=100", "--cash", "1000");

        Assert.Equal(0, run.ExitCode);
        var text = Regex.Replace(run.Output, @"\s+", " ");
        Assert.Contains("note: cancelled 1: Buy 100 CUT", text, StringComparison.Ordinal);
        Assert.Contains("insufficient cash at fill: 1 of 100 shares affordable at 1000", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Orders_a_cash_account_cannot_pay_for_are_rejected_with_the_reason()
    {
        var json = Path.Combine(_cli.Directory, "r.json");

        var run = await _cli.Trade("backtest", "--strategy", "buy_and_hold", "--csv", Path10(), "--set", "quantity=5000", "--cash", "1000", "--json", json);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("orders were rejected", run.Output, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var order = document.RootElement.GetProperty("orders")[0];
        Assert.Equal("rejected", order.GetProperty("status").GetString());
        Assert.Contains("cash", order.GetProperty("reason").GetString()!, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_report_is_one_self_contained_html_file()
    {
        var report = Path.Combine(_cli.Directory, "r.html");

        var run = await _cli.Trade("backtest", "--strategy", "buy_and_hold", "--csv", Path10(), "--report", report);

        Assert.Equal(0, run.ExitCode);
        var html = File.ReadAllText(report);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("buy_and_hold", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stored_symbols_run_with_splits_and_dividends_and_print_a_summary()
    {
        await _cli.Trade("data", "synth", "--symbols", "3", "--from", "2010-01-01", "--to", "2014-12-31");

        var run = await _cli.Trade("backtest", "--strategy", "sma_cross", "--symbols", "SYN001,SYN002", "--benchmark", "^SYN");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("sma_cross (fast=10, slow=30", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"final equity\s+│\s+[\d,]+\.\d\d", run.Output);
        Assert.Contains("alpha / beta", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--strategy", "nope" }, "unknown strategy 'nope'; valid: buy_and_hold, sma_cross, rsi_reversion, bollinger_breakout")]
    [InlineData(new[] { "--strategy", "sma_cross", "--set", "fast=30", "--set", "slow=10" }, "fast (30) must be less than slow (10)")]
    [InlineData(new[] { "--strategy", "sma_cross", "--set", "fats=3" }, "unknown parameter 'fats' for sma_cross; valid: fast, slow, quantity, allocation")]
    [InlineData(new[] { "--strategy", "sma_cross", "--set", "fast" }, "--set takes name=value")]
    [InlineData(new[] { "--strategy", "sma_cross", "--symbols", "NOPE" }, "no database at")]
    [InlineData(new[] { "--strategy", "sma_cross", "--from", "2024-02-01", "--to", "2024-01-01" }, "--to 2024-01-01 is before --from 2024-02-01")]
    public async Task Bad_input_is_one_line_and_exit_code_1(string[] args, string expected)
    {
        var run = await _cli.Trade(["backtest", .. args]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
    }
}

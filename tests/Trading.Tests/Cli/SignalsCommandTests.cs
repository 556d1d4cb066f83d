using System.Text.Json;

namespace Trading.Tests.Cli;

public sealed class SignalsCommandTests : IDisposable
{
    private const string TenSymbols = "SYN001,SYN002,SYN003,SYN004,SYN005,SYN006,SYN007,SYN008,SYN009,SYN010";

    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    /// <summary>Ten synthetic stocks and ^SYN from 2019: well over the 200 index bars and 100 stock bars the
    /// filters need by 2020-06-30.</summary>
    private async Task Synth()
    {
        var synth = await _cli.Trade("data", "synth", "--symbols", "10", "--from", "2019-01-01", "--to", "2020-12-31");
        Assert.Equal(0, synth.ExitCode);
    }

    [Fact]
    public async Task Signals_print_a_table_with_the_regime_line()
    {
        await Synth();

        var run = await _cli.Trade("signals", "--symbols", TenSymbols, "--index", "^SYN", "--date", "2020-06-30");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);

        // 10 × 20% = 2 in the top; the regime line names the index and its 200-bar average.
        Assert.Matches(@"momentum as of 2020-06-30: top 2 of 10 \(20%\); (bullish|bearish): \^SYN closed at [\d.]+ (above|at or below) its 200-bar average [\d.]+", run.Output);
        foreach (var symbol in TenSymbols.Split(','))
        {
            Assert.Contains(symbol, run.Output, StringComparison.Ordinal);
        }

        Assert.Matches(@"\b(BUY|HOLD)\b", run.Output);
        Assert.Contains("SELL", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signals_as_json_are_the_original_systems_list()
    {
        await Synth();

        var run = await _cli.Trade("signals", "--symbols", TenSymbols, "--index", "^SYN", "--date", "2020-06-30", "--json");

        Assert.Equal(0, run.ExitCode);
        using var document = JsonDocument.Parse(run.Output);
        var root = document.RootElement;
        Assert.Equal("2020-06-30", root.GetProperty("as_of").GetString());
        Assert.Equal(10, root.GetProperty("universe_size").GetInt32());
        Assert.Equal(2, root.GetProperty("top_count").GetInt32());
        Assert.Contains("^SYN", root.GetProperty("market_regime").GetString(), StringComparison.Ordinal);
        var signals = root.GetProperty("signals").EnumerateArray().ToList();
        Assert.Equal(10, signals.Count);
        Assert.Equal(TenSymbols.Split(',').Order(StringComparer.Ordinal), signals.Select(s => s.GetProperty("symbol").GetString()!).Order(StringComparer.Ordinal));
        foreach (var signal in signals)
        {
            Assert.Contains(signal.GetProperty("signal").GetString(), new[] { "BUY", "HOLD", "SELL" });
            Assert.True(signal.GetProperty("current_price").GetDouble() > 0);
            foreach (var field in new[] { "risk_unit", "momentum_score", "rank", "reason" })
            {
                Assert.True(signal.TryGetProperty(field, out _), $"missing {field}");
            }
        }

        // Two years of history: every stock can be scored; the top two are bought or held, the rest sold.
        Assert.All(signals, s => Assert.Equal(JsonValueKind.Number, s.GetProperty("momentum_score").ValueKind));
        Assert.All(signals, s => Assert.True(s.GetProperty("risk_unit").GetDouble() > 0));
        Assert.True(signals.Count(s => s.GetProperty("signal").GetString() is "BUY" or "HOLD") <= 2);
        Assert.All(signals.Where(s => s.GetProperty("signal").GetString() == "SELL"), s => Assert.False(string.IsNullOrEmpty(s.GetProperty("reason").GetString())));
    }

    [Fact]
    public async Task Without_an_index_the_output_says_the_regime_filter_is_off()
    {
        await Synth();

        var run = await _cli.Trade("signals", "--symbols", TenSymbols, "--date", "2020-06-30");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("regime filter off", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("HOLD", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_universe_file_lists_the_symbols()
    {
        await Synth();
        var universe = _cli.File("universe.txt", "# the first three\nSYN001, SYN002\nSYN003 # and this one\n");

        var run = await _cli.Trade("signals", "--universe", universe, "--date", "2020-06-30", "--json");

        Assert.Equal(0, run.ExitCode);
        using var document = JsonDocument.Parse(run.Output);
        Assert.Equal(3, document.RootElement.GetProperty("universe_size").GetInt32());
        Assert.Equal(1, document.RootElement.GetProperty("top_count").GetInt32());
    }

    [Theory]
    [InlineData(new[] { "--symbols", TenSymbols, "--index", "^NOPE" }, "no 1d bars stored for the market index ^NOPE")]
    [InlineData(new[] { "--strategy", "sma_cross", "--symbols", TenSymbols }, "sma_cross trades symbol by symbol and does not rank; signals come from: momentum")]
    [InlineData(new[] { "--strategy", "nope", "--symbols", TenSymbols }, "unknown strategy 'nope'")]
    [InlineData(new[] { "--index", "^SYN" }, "give the symbols to rank: --symbols A,B or --universe FILE")]
    [InlineData(new[] { "--symbols", "NOPE1,NOPE2" }, "no 1d bars stored for 2 symbols (NOPE1, NOPE2) in")]
    [InlineData(new[] { "--symbols", TenSymbols, "--set", "top_percentage=0" }, "top_percentage must be above 0")]
    public async Task Bad_input_is_one_error_line_and_exit_code_1(string[] args, string expected)
    {
        await Synth();

        var run = await _cli.Trade(["signals", .. args, "--date", "2020-06-30"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
        var line = Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.StartsWith("error:", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }
}

using System.Security.Cryptography;

namespace Trading.Tests.Cli;

public sealed class SynthAndDemoCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Synth_stores_the_stocks_and_the_index()
    {
        var synth = await _cli.Trade("data", "synth", "--symbols", "3", "--from", "2020-01-01", "--to", "2020-12-31");
        var list = await _cli.Trade("data", "list");

        Assert.Equal(0, synth.ExitCode);
        Assert.Contains("generated 3 stocks and ^SYN (seed 42)", synth.Output, StringComparison.Ordinal);
        Assert.Matches(@"\^SYN\s+1d\s+2020-01-02\s+2020-12-31\s+25\d", list.Output);
        Assert.Matches(@"SYN003\s+1d", list.Output);
        Assert.Contains("4 series", list.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_seed_writes_the_same_bytes_and_another_seed_does_not()
    {
        string Folder(string name) => Path.Combine(_cli.Directory, name);
        await _cli.Trade("data", "synth", "--symbols", "4", "--from", "2015-01-01", "--to", "2016-12-31", "--csv", Folder("a"));
        await _cli.Trade("data", "synth", "--symbols", "4", "--from", "2015-01-01", "--to", "2016-12-31", "--csv", Folder("b"));
        await _cli.TradeConfigured(null, "data", "synth", "--symbols", "4", "--from", "2015-01-01", "--to", "2016-12-31", "--seed", "7", "--csv", Folder("c"), "--db", Path.Combine(_cli.Directory, "seed7.db"));

        Assert.Equal(Digest(Folder("a")), Digest(Folder("b")));
        Assert.NotEqual(Digest(Folder("a")), Digest(Folder("c")));
        Assert.Equal(6, Directory.GetFiles(Folder("a")).Length);
    }

    [Theory]
    [InlineData("--from", "2020-13-01", 2, "--from '2020-13-01' is not a date")]
    [InlineData("--to", "1999-01-01", 1, "--to 1999-01-01 is before --from")]
    public async Task Synth_refuses_bad_options_in_one_line(string option, string value, int exitCode, string expected)
    {
        var args = option == "--to" ? new[] { "data", "synth", "--from", "2000-01-01", option, value } : ["data", "synth", option, value];

        var result = await _cli.Trade(args);

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task Demo_runs_the_whole_data_path_and_ranks_stocks()
    {
        var demo = await _cli.Trade("demo", "--symbols", "5", "--top", "3");

        Assert.Equal(0, demo.ExitCode);
        Assert.Matches(@"momentum as of \d{4}-\d\d-\d\d: top 1 of 5 \(20%\); (bullish|bearish): \^SYN closed at", demo.Output);
        Assert.Matches(@"│ (BUY|HOLD|SELL) ", demo.Output);
        Assert.True(File.Exists(Path.Combine(_cli.Directory, "demo", "SYN-indicators.csv")));
        Assert.Contains("sma_cross (fast=10, slow=30", demo.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_cli.Directory, "demo", "sma_cross.html")));
        Assert.True(File.Exists(Path.Combine(_cli.Directory, "demo", "sma_cross.json")));
        Assert.Contains("momentum (lookback_period=90, top_percentage=0.2", demo.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_cli.Directory, "demo", "momentum.html")));
        Assert.Contains("\"rebalances\": [", File.ReadAllText(Path.Combine(_cli.Directory, "demo", "momentum.json")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--seed", "7")]
    [InlineData("--from", "2016-01-01")]
    public async Task Synth_of_another_market_over_a_stored_one_is_refused_and_the_stored_one_kept(string option, string value)
    {
        var first = await _cli.Trade("data", "synth", "--symbols", "3", "--from", "2015-01-01", "--to", "2016-12-31");
        Assert.Equal(0, first.ExitCode);
        var before = await Backtest();

        var second = await _cli.Trade(option == "--from"
            ? ["data", "synth", "--symbols", "3", "--from", value, "--to", "2016-12-31"]
            : ["data", "synth", "--symbols", "3", "--from", "2015-01-01", "--to", "2016-12-31", option, value]);

        Assert.Equal(1, second.ExitCode);
        var line = Assert.Single(second.Error.TrimEnd().Split('\n'));
        Assert.StartsWith($"error: SQLite market data store at {_cli.DatabasePath} already holds another market's SYN", line, StringComparison.Ordinal);
        Assert.Contains("Use another --db", line, StringComparison.Ordinal);
        Assert.Equal(before, await Backtest());
    }

    [Fact]
    public async Task Synth_of_the_same_market_again_or_of_fewer_of_its_stocks_stores_it_again()
    {
        var first = await _cli.Trade("data", "synth", "--symbols", "3", "--from", "2015-01-01", "--to", "2016-12-31");
        var before = await Backtest();

        var again = await _cli.Trade("data", "synth", "--symbols", "3", "--from", "2015-01-01", "--to", "2016-12-31");
        var fewer = await _cli.Trade("data", "synth", "--symbols", "2", "--from", "2015-01-01", "--to", "2016-12-31");

        Assert.Equal((0, 0, 0), (first.ExitCode, again.ExitCode, fewer.ExitCode));
        Assert.Equal(before, await Backtest());
    }

    [Fact]
    public async Task Demo_with_another_seed_over_the_demo_database_is_refused()
    {
        var first = await _cli.Trade("data", "synth", "--symbols", "1");
        Assert.Equal(0, first.ExitCode);

        var demo = await _cli.Trade("demo", "--symbols", "1", "--seed", "7");

        Assert.Equal(1, demo.ExitCode);
        Assert.Contains("already holds another market's SYN001", demo.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_cli.Directory, "demo")));
    }

    /// <summary>Every stored stock held from the first bar with splits and dividends applied: the final equity
    /// changes with any bar or action of the stored market.</summary>
    private async Task<string> Backtest()
    {
        var run = await _cli.Trade("backtest", "--strategy", "buy_and_hold", "--symbols", "SYN001,SYN002,SYN003");
        Assert.Equal(0, run.ExitCode);
        return Assert.Single(run.Output.Split('\n'), l => l.Contains("final equity", StringComparison.Ordinal));
    }

    private static string Digest(string folder)
    {
        using var sha = SHA256.Create();
        foreach (var file in Directory.GetFiles(folder).Order(StringComparer.Ordinal))
        {
            var bytes = File.ReadAllBytes(file);
            sha.TransformBlock(bytes, 0, bytes.Length, null, 0);
        }

        sha.TransformFinalBlock([], 0, 0);
        return Convert.ToHexString(sha.Hash!);
    }
}

using System.Text.Json;

namespace Trading.Tests.Cli;

public sealed class MomentumBacktestCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task A_momentum_backtest_over_a_universe_file_writes_its_rebalances()
    {
        var synth = await _cli.Trade("data", "synth", "--symbols", "10", "--from", "2017-01-01", "--to", "2019-12-31");
        Assert.Equal(0, synth.ExitCode);
        var universe = _cli.File("universe.txt", "# synthetic stocks\nSYN001,SYN002,SYN003,SYN004,SYN005\nSYN006\nSYN007\nSYN008 SYN009 SYN010\n");
        var json = Path.Combine(_cli.Directory, "momentum.json");
        var html = Path.Combine(_cli.Directory, "momentum.html");

        var run = await _cli.Trade(
            "backtest", "--strategy", "momentum", "--universe", universe, "--index", "^SYN",
            "--from", "2018-01-01", "--to", "2019-12-31", "--json", json, "--report", html);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var root = document.RootElement;
        Assert.Equal(10, root.GetProperty("symbols").GetArrayLength());
        var rebalances = root.GetProperty("rebalances").EnumerateArray().ToList();
        Assert.NotEmpty(rebalances);

        // Weekly on Wednesdays (or the next open day of the week): two years hold about 104 of them.
        Assert.InRange(rebalances.Count, 95, 106);
        foreach (var rebalance in rebalances)
        {
            var date = DateOnly.Parse(rebalance.GetProperty("date").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(date.DayOfWeek, DayOfWeek.Wednesday, DayOfWeek.Friday);
            Assert.NotEmpty(rebalance.GetProperty("notes").EnumerateArray());
        }

        var lines = rebalances.SelectMany(r => r.GetProperty("lines").EnumerateArray()).ToList();
        Assert.NotEmpty(lines);
        Assert.Contains(lines, l => l.GetProperty("outcome").GetString() == "filled");
        foreach (var field in new[] { "symbol", "before", "desired", "ordered", "filled", "after", "outcome" })
        {
            Assert.All(lines, l => Assert.True(l.TryGetProperty(field, out _), $"missing {field}"));
        }

        Assert.NotEmpty(root.GetProperty("fills").EnumerateArray());
        Assert.Contains("Rebalances", File.ReadAllText(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_index_is_read_not_traded()
    {
        await _cli.Trade("data", "synth", "--symbols", "3", "--from", "2019-01-01", "--to", "2019-12-31");

        var run = await _cli.Trade("backtest", "--strategy", "momentum", "--symbols", "SYN001,^SYN", "--index", "^SYN");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("the index ^SYN is read, not traded: leave it out of --symbols", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Symbols_and_a_universe_file_together_are_refused()
    {
        var universe = _cli.File("u.txt", "SYN001\n");

        var run = await _cli.Trade("backtest", "--strategy", "momentum", "--symbols", "SYN002", "--universe", universe);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("give --symbols or --universe, not both", run.Error, StringComparison.Ordinal);
    }
}

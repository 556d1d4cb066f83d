using Trading.Data.Storage.Sqlite;

namespace Trading.Tests.Cli;

/// <summary><c>trade paper</c>: a node run to the end of its replay, resumed by name, and refused in one line with
/// nothing stored when it cannot start.</summary>
public sealed class PaperCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    private async Task Synth() =>
        Assert.Equal(0, (await _cli.Trade("data", "synth", "--symbols", "4", "--from", "2019-01-01", "--to", "2020-12-31")).ExitCode);

    private async Task<int> StoredNodes()
    {
        using var registry = new SqliteJournalStore(_cli.DatabasePath);
        return (await registry.ReadNodesAsync()).Count;
    }

    [Fact]
    public async Task A_node_runs_its_replay_to_the_end_like_the_backtest_and_resumes_by_name_without_stepping_again()
    {
        await Synth();

        var run = await _cli.Trade("paper", "--strategy", "sma_cross", "--symbols", "SYN001,SYN002", "--set", "fast=5", "--set", "slow=20");
        var backtest = await _cli.Trade("backtest", "--strategy", "sma_cross", "--symbols", "SYN001,SYN002", "--set", "fast=5", "--set", "slow=20");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Matches(@"node paper-sma_cross finished: finished 2020-12-31 00:00 equity [\d,.]+", run.Output);
        var equity = System.Text.RegularExpressions.Regex.Match(run.Output, @"equity ([\d,.]+)").Groups[1].Value;
        Assert.Matches($@"final equity\s+│\s+{System.Text.RegularExpressions.Regex.Escape(equity)}\s", backtest.Output);

        var again = await _cli.Trade("paper", "--node", "paper-sma_cross");

        Assert.True(again.ExitCode == 0, again.Error);
        Assert.Contains("resuming", again.Error, StringComparison.Ordinal);
        Assert.Contains($"equity {equity}", again.Output, StringComparison.Ordinal);
        Assert.Equal(1, await StoredNodes());
    }

    [Theory]
    [InlineData("no strategy named 'nope'", "--strategy", "nope", "--symbols", "SYN001")]
    [InlineData("fast must be a whole number", "--strategy", "sma_cross", "--symbols", "SYN001", "--set", "fast=x")]
    [InlineData("unknown parameter 'nosuch'", "--strategy", "sma_cross", "--symbols", "SYN001", "--set", "nosuch=1")]
    [InlineData("no 1d bars stored for NOPE", "--strategy", "sma_cross", "--symbols", "NOPE")]
    [InlineData("has nothing to deliver", "--strategy", "sma_cross", "--symbols", "SYN001", "--from", "2030-01-01")]
    [InlineData("no node named ghost", "--node", "ghost")]
    [InlineData("give --strategy NAME", "--symbols", "SYN001")]
    public async Task A_node_that_cannot_start_is_one_error_line_and_nothing_is_stored(string expected, params string[] args)
    {
        await Synth();

        var run = await _cli.Trade(["paper", .. args]);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: ", run.Error, StringComparison.Ordinal);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(" (Parameter '", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, await StoredNodes());
    }

    [Fact]
    public async Task Another_definition_under_a_stored_nodes_name_is_refused()
    {
        await Synth();
        Assert.Equal(0, (await _cli.Trade("paper", "--strategy", "sma_cross", "--symbols", "SYN001", "--node", "mine")).ExitCode);

        var run = await _cli.Trade("paper", "--strategy", "buy_and_hold", "--symbols", "SYN001", "--node", "mine");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("a node named mine exists with another definition", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_node_takes_the_parameters_stored_for_its_strategy_under_its_set_values_and_keeps_them()
    {
        await Synth();
        await new SqliteStrategySettingsStore(_cli.DatabasePath).WriteAsync("sma_cross", new Dictionary<string, string> { ["fast"] = "3", ["slow"] = "9" });

        var run = await _cli.Trade("paper", "--strategy", "sma_cross", "--symbols", "SYN001", "--set", "slow=12", "--node", "configured");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("parameters stored for this database: fast=3", run.Output, StringComparison.Ordinal);
        using var registry = new SqliteJournalStore(_cli.DatabasePath);
        var definition = Trading.Nodes.NodeDefinition.FromJson((await registry.ReadNodeAsync("configured"))!.Definition);
        Assert.Equal(new Dictionary<string, string> { ["fast"] = "3", ["slow"] = "12" }, definition.Parameters);

        // Configured again later, the stored node keeps what it was made with.
        await new SqliteStrategySettingsStore(_cli.DatabasePath).WriteAsync("sma_cross", new Dictionary<string, string> { ["fast"] = "4" });
        var resumed = await _cli.Trade("paper", "--node", "configured");
        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Equal(definition.Parameters, Trading.Nodes.NodeDefinition.FromJson((await registry.ReadNodeAsync("configured"))!.Definition).Parameters);
    }
}

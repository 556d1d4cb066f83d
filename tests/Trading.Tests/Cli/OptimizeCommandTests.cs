using System.Text.Json;

namespace Trading.Tests.Cli;

public sealed class OptimizeCommandTests : IDisposable
{
    /// <summary>Down four days to 7, then up every day to 13: the earlier a fast average crosses above a slow one, the
    /// lower the entry, and nothing crosses back before the end.</summary>
    private const string VShape = """
        Date,Open,High,Low,Close,Volume
        2024-01-01,10,10,10,10,1000
        2024-01-02,9,9,9,9,1000
        2024-01-03,8,8,8,8,1000
        2024-01-04,7,7,7,7,1000
        2024-01-05,8,8,8,8,1000
        2024-01-08,9,9,9,9,1000
        2024-01-09,10,10,10,10,1000
        2024-01-10,11,11,11,11,1000
        2024-01-11,12,12,12,12,1000
        2024-01-12,13,13,13,13,1000
        """;

    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    private Task<(int ExitCode, string Output, string Error)> Optimize(params string[] more) =>
        _cli.Trade(["optimize", "--strategy", "sma_cross", "--csv", _cli.File("v.csv", VShape), "--cash", "10000", .. more]);

    [Fact]
    public async Task A_tiny_grid_over_hand_made_bars_ranks_the_earliest_cross_first_and_writes_every_trial()
    {
        var json = Path.Combine(_cli.Directory, "sweep.json");
        var csv = Path.Combine(_cli.Directory, "sweep.csv");

        var run = await Optimize("--param", "fast=1:2:1", "--param", "slow=2:4:1", "--param", "quantity=100", "--objective", "total_return", "--jobs", "2", "--json", json, "--results-csv", csv);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("sma_cross: fast=1:2:1 slow=2:4:1 quantity=100: 6 combinations, 1 skipped by its rules; 5 trials on 2 jobs", run.Output, StringComparison.Ordinal);
        Assert.Contains("5 trials run, 1 skipped by rules;", run.Output, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var root = document.RootElement;
        Assert.Equal(6, root.GetProperty("grid_size").GetInt64());
        Assert.Equal(1, root.GetProperty("skipped_by_rules").GetInt64());
        Assert.Equal(5, root.GetProperty("trials_run").GetInt32());
        var trials = root.GetProperty("trials").EnumerateArray().ToList();

        // fast=1 crosses slow=2 and slow=3 at 01-05's close (8 above 7.5 and 7.67): 100 bought at 01-08's open, 9,
        // worth 13 at the end: +400. Every other pair crosses a day later and buys at 10: +300. Ties by grid order.
        Assert.Equal([(1, 2), (1, 3), (1, 4), (2, 3), (2, 4)], trials.Select(t => (t.GetProperty("parameters").GetProperty("fast").GetInt32(), t.GetProperty("parameters").GetProperty("slow").GetInt32())));
        Assert.Equal([0.04m, 0.04m, 0.03m, 0.03m, 0.03m], trials.Select(t => Math.Round(t.GetProperty("objective").GetDecimal(), 10)));
        Assert.Equal(10_400m, trials[0].GetProperty("metrics").GetProperty("final_equity").GetDecimal());
        Assert.Equal(100, trials[0].GetProperty("parameters").GetProperty("quantity").GetInt32());
        var rows = File.ReadAllLines(csv);
        Assert.Equal(6, rows.Length);
        Assert.StartsWith("rank,trial,fast,slow,quantity,allocation,objective,constraints_met,total_return,", rows[0], StringComparison.Ordinal);
        Assert.StartsWith("1,0,1,2,100,1,0.04", rows[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_job_and_three_write_the_same_trials()
    {
        var one = Path.Combine(_cli.Directory, "one.csv");
        var three = Path.Combine(_cli.Directory, "three.csv");

        var a = await _cli.Trade("optimize", "--strategy", "sma_cross", "--from", "2020-01-01", "--param", "fast=5:20:5", "--param", "slow=10:40:10", "--jobs", "1", "--results-csv", one);
        var b = await _cli.Trade("optimize", "--strategy", "sma_cross", "--from", "2020-01-01", "--param", "fast=5:20:5", "--param", "slow=10:40:10", "--jobs", "3", "--results-csv", three);

        Assert.Equal(0, a.ExitCode);
        Assert.Equal(0, b.ExitCode);
        Assert.Equal(File.ReadAllText(one), File.ReadAllText(three));
        Assert.Equal(13, File.ReadAllLines(one).Length);
    }

    [Fact]
    public async Task Trials_breaking_a_constraint_are_written_after_those_keeping_it()
    {
        var json = Path.Combine(_cli.Directory, "constrained.json");

        var run = await Optimize("--param", "fast=1:2:1", "--param", "slow=2:4:1", "--param", "quantity=100", "--objective", "total_return", "--constraint", "total_return<0.035", "--json", json);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("2 failed constraints", run.Output, StringComparison.Ordinal);
        var trials = JsonDocument.Parse(File.ReadAllText(json)).RootElement.GetProperty("trials").EnumerateArray().ToList();
        Assert.Equal([true, true, true, false, false], trials.Select(t => t.GetProperty("constraints_met").GetBoolean()));
        Assert.Equal([2, 3, 4, 0, 1], trials.Select(t => t.GetProperty("trial").GetInt32()));
    }

    [Fact]
    public async Task A_random_search_draws_the_same_trials_for_a_seed()
    {
        var first = Path.Combine(_cli.Directory, "r1.csv");
        var second = Path.Combine(_cli.Directory, "r2.csv");

        var a = await Optimize("--param", "fast=1:5:1", "--param", "slow=2:9:1", "--method", "random", "--trials", "4", "--seed", "7", "--results-csv", first);
        var b = await Optimize("--param", "fast=1:5:1", "--param", "slow=2:9:1", "--method", "random", "--trials", "4", "--seed", "7", "--results-csv", second);

        Assert.Equal(0, a.ExitCode);
        Assert.Contains("4 drawn at random (seed 7); 4 trials", a.Output, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(first), File.ReadAllText(second));
        Assert.Equal(5, File.ReadAllLines(first).Length);
    }

    [Theory]
    [InlineData(1, "error: --param fast=0:50:5: the range reaches outside fast's bounds, 1 to 1000", "--param", "fast=0:50:5")]
    [InlineData(1, "error: --param unknown parameter 'fastest' for sma_cross; valid: fast, slow, quantity, allocation", "--param", "fastest=5:50:5")]
    [InlineData(2, "error: --constraint 'drawdown<0.2': unknown metric 'drawdown'; valid: total_return,", "--param", "fast=5", "--constraint", "drawdown<0.2")]
    [InlineData(2, "error: --objective unknown metric 'profit'; valid: total_return,", "--param", "fast=5", "--objective", "profit")]
    [InlineData(2, "error: --trials draws a random sample: give it with --method random", "--param", "fast=5", "--trials", "5")]
    [InlineData(1, "error: every one of the 1 combinations breaks a rule of sma_cross", "--param", "fast=40")]
    public async Task A_bad_search_is_one_error_line(int exitCode, string line, params string[] args)
    {
        var run = await Optimize(args);

        Assert.Equal(exitCode, run.ExitCode);
        Assert.StartsWith(line, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
    }
}

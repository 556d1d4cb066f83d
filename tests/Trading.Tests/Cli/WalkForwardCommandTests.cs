using System.Text.Json;

namespace Trading.Tests.Cli;

public sealed class WalkForwardCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    private Task<(int ExitCode, string Output, string Error)> WalkForward(params string[] more) =>
        _cli.Trade(["walkforward", "--strategy", "sma_cross", "--from", "2019-01-01", "--param", "fast=5:10:5", "--param", "slow=20:40:20", .. more]);

    [Fact]
    public async Task A_rolling_walk_forward_over_the_synthetic_market_searches_each_window_and_compounds_the_tests()
    {
        var json = Path.Combine(_cli.Directory, "wf.json");
        var again = Path.Combine(_cli.Directory, "wf2.json");

        var run = await WalkForward("--train", "2y", "--test", "1y", "--jobs", "2", "--json", json);
        var rerun = await WalkForward("--train", "2y", "--test", "1y", "--jobs", "1", "--json", again);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(0, rerun.ExitCode);
        Assert.Contains("4 combinations; 4 trials on 2 jobs; 4 rolling windows, train 2y, test 1y", run.Output, StringComparison.Ordinal);
        Assert.Contains("stitched out of sample: total_return", run.Output, StringComparison.Ordinal);
        Assert.Contains("walk-forward efficiency", run.Output, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(json), File.ReadAllText(again));

        using var document = JsonDocument.Parse(File.ReadAllText(json));
        Assert.True(document.RootElement.GetProperty("warm_up").GetBoolean());
        Assert.Equal(4, document.RootElement.GetProperty("windows_planned").GetInt32());
        Assert.False(document.RootElement.TryGetProperty("note", out _));
        var windows = document.RootElement.GetProperty("windows").EnumerateArray().ToList();
        Assert.Equal(["2019-01-02", "2020-01-02", "2021-01-02", "2022-01-02"], windows.Select(w => w.GetProperty("train_start").GetString()));
        Assert.Equal(["2021-01-02", "2022-01-02", "2023-01-02", "2024-01-02"], windows.Select(w => w.GetProperty("test_start").GetString()));
        Assert.Equal([false, false, false, true], windows.Select(w => w.GetProperty("partial").GetBoolean()));
        Assert.All(windows, w => Assert.Equal(4, w.GetProperty("trials").GetInt32()));
        Assert.All(windows, w => Assert.Equal(w.GetProperty("in_sample_objective").GetDouble(), w.GetProperty("in_sample").GetProperty("sharpe").GetDouble()));

        // sma_cross holds cash on a test's first bar, so each test curve starts at the initial 100,000 and the
        // stitched curve compounds the windows' returns.
        var compounded = windows.Aggregate(1.0, (product, w) => product * (1 + w.GetProperty("out_of_sample").GetProperty("total_return").GetDouble()));
        var stitched = document.RootElement.GetProperty("stitched");
        Assert.Equal(compounded - 1, stitched.GetProperty("out_of_sample").GetProperty("total_return").GetDouble(), 9);
        Assert.Equal(100_000 * compounded, stitched.GetProperty("final_equity").GetDouble(), 4);
        Assert.Equal(
            windows.Sum(w => w.GetProperty("out_of_sample").GetProperty("trades").GetInt32()),
            stitched.GetProperty("out_of_sample").GetProperty("trades").GetInt32());
    }

    [Fact]
    public async Task No_warm_up_starts_each_test_run_cold_and_says_so()
    {
        var json = Path.Combine(_cli.Directory, "cold.json");
        var warmJson = Path.Combine(_cli.Directory, "warm.json");

        var cold = await WalkForward("--train", "2y", "--test", "1y", "--no-warm-up", "--json", json);
        var warm = await WalkForward("--train", "2y", "--test", "1y", "--json", warmJson);

        Assert.Equal(0, cold.ExitCode);
        Assert.Contains("4 rolling windows, train 2y, test 1y (cold)", cold.Output, StringComparison.Ordinal);
        Assert.Contains("4 rolling windows, train 2y, test 1y (warmed up on the training bars)", warm.Output, StringComparison.Ordinal);
        Assert.Contains("window 1 of 4 done: train 2019-01-02..2021-01-02, test 2021-01-02..2022-01-02: fast=", cold.Output, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        using var warmDocument = JsonDocument.Parse(File.ReadAllText(warmJson));
        Assert.False(document.RootElement.GetProperty("warm_up").GetBoolean());

        // The same parameters are chosen (the searches are the same); what they earn out of sample differs.
        var parameters = (JsonDocument d) => d.RootElement.GetProperty("windows").EnumerateArray().Select(w => w.GetProperty("parameters").GetRawText()).ToList();
        Assert.Equal(parameters(warmDocument), parameters(document));
        Assert.NotEqual(
            warmDocument.RootElement.GetProperty("stitched").GetProperty("final_equity").GetDouble(),
            document.RootElement.GetProperty("stitched").GetProperty("final_equity").GetDouble());
    }

    [Fact]
    public async Task An_anchored_walk_forward_keeps_every_training_window_at_the_first_bar()
    {
        var json = Path.Combine(_cli.Directory, "anchored.json");

        var run = await WalkForward("--train", "3y", "--test", "18m", "--anchored", "--json", json);

        Assert.Equal(0, run.ExitCode);
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var windows = document.RootElement.GetProperty("windows").EnumerateArray().ToList();
        Assert.Equal(["2019-01-02", "2019-01-02"], windows.Select(w => w.GetProperty("train_start").GetString()));
        Assert.Equal(["2022-01-02", "2023-07-02"], windows.Select(w => w.GetProperty("train_end").GetString()));
        Assert.Equal(["2023-07-02", "2025-01-02"], windows.Select(w => w.GetProperty("test_end").GetString()));
    }

    [Theory]
    [InlineData(2, "error: --train '3w' is not a length of months or years like 6m, 1y or 3y", "--train", "3w", "--test", "1y")]
    [InlineData(2, "error: --test '0m' is not a length of months or years like 6m, 1y or 3y", "--train", "1y", "--test", "0m")]
    [InlineData(1, "error: the bars from 2019-01-02 to 2024-12-31 are too short for --train 6y and a test window after it", "--train", "6y", "--test", "1y")]
    [InlineData(1, "error: --param fast=0:50:5: the range reaches outside fast's bounds, 1 to 1000", "--train", "1y", "--test", "1y", "--param", "fast=0:50:5")]
    public async Task A_bad_walk_forward_is_one_error_line(int exitCode, string line, params string[] args)
    {
        var run = await WalkForward(args);

        Assert.Equal(exitCode, run.ExitCode);
        Assert.StartsWith(line, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
    }
}

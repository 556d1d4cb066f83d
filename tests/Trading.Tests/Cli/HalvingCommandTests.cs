using System.Text.Json;

namespace Trading.Tests.Cli;

public sealed class HalvingCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    /// <summary>Nine candidates over the synthetic market's last five years (about 1,260 sessions): room for two rungs
    /// of eta 3 (the first at least 250 sessions), not three.</summary>
    private Task<(int ExitCode, string Output, string Error)> Halving(params string[] more) =>
        _cli.Trade(["optimize", "--strategy", "sma_cross", "--from", "2020-01-01", "--param", "fast=5,10,15", "--param", "slow=30,50,70", "--method", "halving", .. more]);

    [Fact]
    public async Task A_halving_searchs_html_report_shows_each_rung_its_period_trials_and_how_many_it_kept()
    {
        var page = Path.Combine(_cli.Directory, "halving.html");

        var run = await Halving("--report", page);

        Assert.Equal(0, run.ExitCode);
        var html = File.ReadAllText(page);
        Assert.Contains("Successive halving, rung by rung", html, StringComparison.Ordinal);
        Assert.Contains("9 candidates; each rung keeps the best 1/3", html, StringComparison.Ordinal);
        Assert.Matches("<tr><td>1</td><td>202[0-4]-[0-9-]+</td><td>[0-9,]+</td><td>9 of 9</td><td>[-0-9.]+</td><td>3</td></tr>", html);
        Assert.Contains("<tr><td>2</td><td>2024-12-31 (all)</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>3 of 3</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_halving_search_prints_and_writes_its_rungs_who_survived_and_its_cost_against_the_grid()
    {
        var json = Path.Combine(_cli.Directory, "halving.json");
        var csv = Path.Combine(_cli.Directory, "halving.csv");

        var run = await Halving("--jobs", "2", "--json", json, "--results-csv", csv);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("9 combinations; 9 trials on 2 jobs; successive halving with eta 3: 9, 3 trials on the first 33.", run.Output, StringComparison.Ordinal);
        Assert.Contains("12 trials run in 2 rungs (3 ranked)", run.Output, StringComparison.Ordinal);
        Assert.Contains("rung 1 of 2: 9 of 9 trials on 2020-01-0", run.Output, StringComparison.Ordinal);
        Assert.Contains("bar times): the best 3 kept", run.Output, StringComparison.Ordinal);
        Assert.Contains("rung 2 of 2: 3 of 3 trials on the whole range, 2020-01-0", run.Output, StringComparison.Ordinal);
        Assert.Contains("halving cost ", run.Output, StringComparison.Ordinal);

        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var root = document.RootElement;
        Assert.Equal("halving", root.GetProperty("method").GetString());
        Assert.Equal(9, root.GetProperty("trials_planned").GetInt32());
        Assert.Equal(3, root.GetProperty("trials").GetArrayLength());
        var halving = root.GetProperty("halving");
        Assert.Equal(3, halving.GetProperty("eta").GetInt32());
        Assert.Equal(12, halving.GetProperty("trials_run").GetInt32());
        Assert.True(halving.GetProperty("complete").GetBoolean());
        var rungs = halving.GetProperty("rungs").EnumerateArray().ToList();
        Assert.Equal([9, 3], rungs.Select(r => r.GetProperty("trials_run").GetInt32()));
        Assert.Equal([false, true], rungs.Select(r => r.GetProperty("whole_range").GetBoolean()));
        var survivors = rungs[0].GetProperty("survivors").EnumerateArray().Select(s => s.GetInt32()).ToList();
        Assert.Equal(survivors, root.GetProperty("trials").EnumerateArray().Select(t => t.GetProperty("trial").GetInt32()).Order());

        // The bar events: the first rung's nine trials on a third of the bars, the three survivors on all of them.
        var events = rungs.Select(r => r.GetProperty("bar_events").GetInt64()).ToList();
        Assert.Equal(events.Sum(), halving.GetProperty("bar_events").GetInt64());
        Assert.Equal(events[1] * 3, halving.GetProperty("grid_bar_events").GetInt64());
        Assert.InRange(halving.GetProperty("fraction_of_grid").GetDouble(), 0.6, 0.7);

        // Overfitting statistics over the three trials of the whole range.
        Assert.Equal(3, root.GetProperty("overfitting").GetProperty("deflated_sharpe").GetProperty("trials").GetInt32());

        var rows = File.ReadAllLines(csv);
        Assert.Equal(1 + 3 + 9, rows.Length);
        Assert.StartsWith("rung,rung_end,survived,rank,trial,fast,slow,", rows[0], StringComparison.Ordinal);
        Assert.All(rows[1..4], row => Assert.StartsWith("2,2024-12-31,,", row, StringComparison.Ordinal));
        Assert.Equal(["1", "2", "3"], rows[1..4].Select(r => r.Split(',')[3]));
        Assert.Equal([.. Enumerable.Repeat("true", 3), .. Enumerable.Repeat("false", 6)], rows[4..].Select(r => r.Split(',')[2]));
        Assert.Equal(survivors, rows[4..7].Select(r => int.Parse(r.Split(',')[4], System.Globalization.CultureInfo.InvariantCulture)).Order());
    }

    [Fact]
    public async Task One_job_and_three_write_the_same_halving_search()
    {
        var one = Path.Combine(_cli.Directory, "one.csv");
        var three = Path.Combine(_cli.Directory, "three.csv");

        var a = await Halving("--jobs", "1", "--results-csv", one);
        var b = await Halving("--jobs", "3", "--results-csv", three);

        Assert.Equal(0, a.ExitCode);
        Assert.Equal(0, b.ExitCode);
        Assert.Equal(File.ReadAllText(one), File.ReadAllText(three));
    }

    [Fact]
    public async Task A_random_sample_of_candidates_is_drawn_by_the_seed()
    {
        var run = await _cli.Trade("optimize", "--strategy", "sma_cross", "--from", "2020-01-01", "--param", "fast=2:20:2", "--param", "slow=30:90:10", "--method", "halving", "--trials", "12", "--seed", "5");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("12 drawn at random (seed 5); 12 trials on", run.Output, StringComparison.Ordinal);
        Assert.Contains("successive halving with eta 3: 12, 4 trials", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, "error: --eta must be a whole number at least 2; got 1", "--method", "halving", "--eta", "1")]
    [InlineData(2, "error: --eta is how much a halving search keeps of each rung: give it with --method halving", "--eta", "2")]
    [InlineData(2, "error: --seed draws the candidates of a halving search: give it with --trials", "--method", "halving", "--seed", "3")]
    [InlineData(1, "error: --method halving: the range has 10 bar times; halving with eta 3 needs at least 750: its first rung is 1/3 of them and at least 250", "--method", "halving")]
    [InlineData(1, "error: --method halving: halving with eta 4 keeps the best 1/4 of at least 4 candidates; got 3", "--method", "halving", "--eta", "4")]
    public async Task A_bad_halving_search_is_one_error_line(int exitCode, string line, params string[] args)
    {
        var run = await _cli.Trade(["optimize", "--strategy", "sma_cross", "--csv", _cli.File("ten.csv", HandMadeBars.TenDays), "--param", "fast=1,2,3", "--param", "slow=5", .. args]);

        Assert.Equal(exitCode, run.ExitCode);
        Assert.StartsWith(line, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
    }

    [Fact]
    public async Task Walk_forward_searches_are_grids_or_samples_not_halving()
    {
        var run = await _cli.Trade("walkforward", "--strategy", "sma_cross", "--param", "fast=5,10", "--train", "3y", "--test", "1y", "--method", "halving");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: --method must be grid or random; got 'halving'", run.Error, StringComparison.Ordinal);
    }
}

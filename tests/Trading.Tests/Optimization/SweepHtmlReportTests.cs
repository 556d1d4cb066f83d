using System.Text.RegularExpressions;
using Trading.Tests.Cli;

namespace Trading.Tests.Optimization;

/// <summary><c>trade optimize --report</c>: one page with the overfitting statistics in words, a heatmap cell for each
/// pair of the first two parameters (a blank one where the strategy's rules skipped it), the objective's distribution
/// and the best trials' equity curves.</summary>
public sealed partial class SweepHtmlReportTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task A_search_report_has_a_cell_per_pair_blanks_for_skipped_ones_the_statistics_and_the_best_curves()
    {
        var page = Path.Combine(_cli.Directory, "search.html");

        // fast 5..20 by 5 against slow 10..30 by 10: 12 pairs, of which fast >= slow skips 4 (10/10, 15/10, 20/10, 20/20).
        var run = await _cli.Trade("optimize", "--strategy", "sma_cross", "--param", "fast=5:20:5", "--param", "slow=10:30:10", "--from", "2018-01-01", "--to", "2020-12-31", "--report", page);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("8 trials run, 4 skipped by rules", run.Output, StringComparison.Ordinal);
        var html = File.ReadAllText(page);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Equal(8, Cell().Count(html));
        Assert.Equal(4, Skipped().Count(html));
        Assert.Contains("<h2>sharpe by fast and slow</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<strong>Deflated Sharpe ratio.</strong> The best of 8 trials would show a Sharpe of", html, StringComparison.Ordinal);
        Assert.Contains("<strong>Probability of backtest overfitting.</strong> Over 12,870 ways of splitting", html, StringComparison.Ordinal);
        Assert.Contains("<h2>sharpe across the 8 trials</h2>", html, StringComparison.Ordinal);
        Assert.Contains("#1: fast=", html, StringComparison.Ordinal);
        Assert.Contains("#3: fast=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("#4: fast=", html, StringComparison.Ordinal);
    }

    [GeneratedRegex("<td class=\"cell\" ")]
    private static partial Regex Cell();

    [GeneratedRegex("<td class=\"cell none\"")]
    private static partial Regex Skipped();
}

using System.Diagnostics;

using Trading.Tests.Data.Storage;

namespace Trading.Server.Tests;

/// <summary>Ctrl-C in a real <c>trade backtest</c> process: SIGINT, as a terminal sends it, not a cancelled token.</summary>
public sealed class BacktestInterruptTests : IDisposable
{
    // A strategy that takes a millisecond a bar time: over the synthetic market's 25 years, seconds, so the signal
    // surely lands while it runs.
    private const string Slow = """
        using Trading.Strategies;

        namespace Tests;

        public sealed class Slow : IStrategy
        {
            public static StrategyDefinition Definition { get; } = new("slow", "Sleeps a millisecond a bar time.", [], p => new Slow());

            public void Initialize(IStrategyContext context)
            {
            }

            public void OnBar(IStrategyContext context, int symbol)
            {
            }

            public void OnTimeStep(IStrategyContext context) => Thread.Sleep(1);
        }
        """;

    private readonly TemporaryDirectory _temporary = new();

    public void Dispose() => _temporary.Dispose();

    [Fact]
    public async Task Ctrl_c_during_a_backtest_says_it_stopped_writes_nothing_and_exits_130()
    {
        var strategy = Path.Combine(_temporary.Path, "slow.cs");
        File.WriteAllText(strategy, Slow);
        var json = Path.Combine(_temporary.Path, "run.json");
        var start = TradeCommand.StartInfo(
            _temporary.Path,
            new Dictionary<string, string> { ["TRADE_Strategies__CachePath"] = Path.Combine(_temporary.Path, "cache") },
            ["backtest", "--strategy-file", strategy, "--json", json, "--db", Path.Combine(_temporary.Path, "trading.db")]);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = new List<string>();

        // The line before the run starts: the synthetic market is loaded and the strategy compiled.
        string? line;
        while ((line = await process.StandardOutput.ReadLineAsync()) is not null)
        {
            output.Add(line);
            if (line.StartsWith("no --csv or --symbols: running over the synthetic market", StringComparison.Ordinal))
            {
                await TradeCommand.InterruptAsync(process);
                break;
            }
        }

        Assert.True(line is not null, $"the run ended before it started: {string.Join("\n", output)} {await error}");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        Assert.True(process.ExitCode == 130, $"exit code {process.ExitCode}: {await error}");
        Assert.Contains("\nstopped: the backtest was cancelled before it finished; nothing was shown or written", await error, StringComparison.Ordinal);
        Assert.False(File.Exists(json));
        Assert.Empty(Directory.GetFiles(_temporary.Path, "*.partial"));

        // Stopped, not run out: the whole run would take more than six seconds.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
    }
}

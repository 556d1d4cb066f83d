using System.Diagnostics;
using System.Globalization;
using Trading.Data.Storage.Sqlite;
using Trading.Domain;
using Trading.Tests.Data.Yahoo;

namespace Trading.Server.Tests;

/// <summary><c>trade paper --feed yahoo</c> as a real process against a fake Yahoo on 127.0.0.1: from its <c>--from</c>
/// day it catches up on the bars Yahoo has (the market index's too), logs a gap on standard error, stops cleanly on SIGTERM, and started again
/// with <c>--node</c> it resumes where its journal ends and steps only the bars that came since.</summary>
public sealed class PaperYahooProcessTests : IDisposable
{
    private const string Node = "yahoo-node";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "trading-paper-yahoo", Guid.NewGuid().ToString("N"));

    public PaperYahooProcessTests() => Directory.CreateDirectory(_directory);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static DateTime November(int day) => new(2024, 11, day, 0, 0, 0, DateTimeKind.Utc);

    private static async Task<List<DateTime>> StepsAsync(string db)
    {
        if (!File.Exists(db))
        {
            return [];
        }

        using var journal = new SqliteJournalStore(db);
        var steps = new List<DateTime>();
        await foreach (var record in journal.ReadAsync(Node))
        {
            if (record.Kind == "step")
            {
                steps.Add(record.StepTime);
            }
        }

        return steps;
    }

    /// <summary>Runs <c>trade</c> until its journal holds <paramref name="steps"/> steps, then sends SIGTERM and
    /// returns what it wrote when it has exited.</summary>
    private async Task<(int Code, string Output, string Error)> RunUntilSteppedAsync(string db, IReadOnlyDictionary<string, string> environment, int steps, params string[] arguments)
    {
        using var process = Process.Start(TradeCommand.StartInfo(_directory, environment, ["paper", "--db", db, .. arguments]))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            for (var stepped = 0; stepped < steps; stepped = (await StepsAsync(db)).Count)
            {
                if (process.HasExited)
                {
                    Assert.Fail($"trade paper ended after {stepped} of {steps} steps: {await error}");
                }

                Assert.True(DateTime.UtcNow < deadline, $"trade paper made {stepped} of {steps} steps in a minute");
                await Task.Delay(20);
            }

            // The clean stop, once it has caught up and waits for the next bar.
            Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await output, await error);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }

    [Fact]
    public async Task Trade_paper_on_yahoo_catches_up_from_its_day_stops_on_sigterm_and_resumes_by_name_without_stepping_a_bar_twice()
    {
        var tape = new YahooTape();
        var first = new[] { 18, 19, 20, 21, 22 };
        foreach (var day in first)
        {
            tape.Set("^GSPC", "1d", November(day), 5_000 + day);
            tape.Set("AAA", "1d", November(day), 100 + day);
            if (day != 20)
            {
                // BBB did not trade on the 20th.
                tape.Set("BBB", "1d", November(day), 50 + day);
            }
        }

        await using var yahoo = FakeYahooServer.Start(tape.Answer);
        var environment = new Dictionary<string, string>
        {
            ["TRADE_Yahoo__BaseAddress"] = yahoo.BaseAddress.ToString(),
            ["TRADE_Yahoo__MaxRetries"] = "0",
        };

        // A fresh database: a node on Yahoo needs no stored bars.
        var db = Path.Combine(_directory, "paper.db");
        var (code, output, error) = await RunUntilSteppedAsync(db, environment, 5, "--node", Node, "--strategy", "buy_and_hold", "--symbols", "AAA,BBB", "--index", "^GSPC", "--set", "quantity=10", "--feed", "yahoo", "--from", "2024-11-18");

        Assert.True(code == 0, error);
        Assert.Contains($"node {Node} stopped: stopped 2024-11-22 00:00", output, StringComparison.Ordinal);
        Assert.Contains("steps 5 ", output, StringComparison.Ordinal);
        Assert.Single(error.Split('\n'), l => l.Contains("BBB 1d has no bar for 1 expected time(s)", StringComparison.Ordinal));

        // Monday and Tuesday come while it is stopped: resumed by name it steps them, and only them.
        tape.Set("^GSPC", "1d", November(25), 5_025);
        tape.Set("^GSPC", "1d", November(26), 5_026);
        tape.Set("AAA", "1d", November(25), 125);
        tape.Set("BBB", "1d", November(25), 75);
        tape.Set("AAA", "1d", November(26), 126);
        tape.Set("BBB", "1d", November(26), 76);
        (code, output, error) = await RunUntilSteppedAsync(db, environment, 7, "--node", Node);

        Assert.True(code == 0, error);
        Assert.Contains($"node {Node}: resuming", error, StringComparison.Ordinal);
        Assert.Contains($"node {Node} stopped: stopped 2024-11-26 00:00", output, StringComparison.Ordinal);
        Assert.Equal(first.Select(November).Append(November(25)).Append(November(26)).ToList(), await StepsAsync(db));
        using var store = new SqliteMarketDataStore(db);
        Assert.Equal(
            new double[] { 118, 119, 120, 121, 122, 125, 126 },
            (await store.ReadBarsAsync(Symbol.Parse("AAA"), Interval.Daily)).Close.ToArray());
        Assert.Equal(
            new[] { November(18), November(19), November(21), November(22), November(25), November(26) },
            (await store.ReadBarsAsync(Symbol.Parse("BBB"), Interval.Daily)).Time.ToArray());

        // The market index the strategy reads is polled and stored with the universe, never traded.
        Assert.Equal(
            new double[] { 5_018, 5_019, 5_020, 5_021, 5_022, 5_025, 5_026 },
            (await store.ReadBarsAsync(Symbol.Parse("^GSPC"), Interval.Daily)).Close.ToArray());
    }
}

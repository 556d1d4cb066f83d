using System.Diagnostics;
using Trading.Data.Storage.Sqlite;
using Trading.Journal;

namespace Trading.Server.Tests;

/// <summary>A paper node run as a real <c>trade paper</c> process over a replay feed, killed with SIGKILL at random
/// points (during start-up, recovery, steps and journal writes) and started again each time, ends with exactly the
/// journal of an uninterrupted run: the same orders, events, fills, cash and equity, entry for entry and byte for byte;
/// no fill lost, doubled or invented. The same for a clean SIGTERM.</summary>
public sealed class PaperNodeCrashTests : IDisposable
{
    private const string Node = "crash";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "trading-paper-crash", Guid.NewGuid().ToString("N"));

    public PaperNodeCrashTests() => Directory.CreateDirectory(_directory);

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

    // 75 days of market time a second, about 50 daily bars: five years last about 25 s, so that kills fall inside
    // the run and it is far from its end after twenty of them.
    private const string Paced = "6480000";

    private static string[] Paper(string db, string speed = "0") =>
        ["paper", "--db", db, "--node", Node, "--strategy", "momentum", "--symbols", string.Join(',', Enumerable.Range(1, 12).Select(i => $"SYN{i:000}")),
         "--index", "^SYN", "--set", "lookback_period=40", "--set", "top_percentage=0.25", "--commission-rate", "0.001", "--speed", speed];

    private async Task<string> MarketAsync(string name)
    {
        var db = Path.Combine(_directory, name);
        var (code, _, error) = await TradeCommand.RunAsync(_directory, new Dictionary<string, string>(), "data", "synth", "--db", db, "--symbols", "12", "--from", "2014-01-01", "--to", "2018-12-31");
        Assert.True(code == 0, error);
        return db;
    }

    private static async Task<List<JournalRecord>> JournalOf(string db)
    {
        using var journal = new SqliteJournalStore(db);
        var records = new List<JournalRecord>();
        await foreach (var record in journal.ReadAsync(Node))
        {
            records.Add(record);
        }

        return records;
    }

    private async Task<(int Code, string Output, string Error)> RunToEndAsync(string db) =>
        await TradeCommand.RunAsync(_directory, new Dictionary<string, string>(), Paper(db));

    private static void AssertSameJournal(List<JournalRecord> expected, List<JournalRecord> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Sequence, actual[i].Sequence);
            Assert.Equal(expected[i].StepTime, actual[i].StepTime);
            Assert.Equal(expected[i].Kind, actual[i].Kind);
            Assert.True(expected[i].Payload.Span.SequenceEqual(actual[i].Payload.Span), $"entry {expected[i].Sequence} differs: {System.Text.Encoding.UTF8.GetString(actual[i].Payload.Span)}");
        }
    }

    [Fact]
    public async Task Killed_at_twenty_random_points_and_restarted_the_node_ends_with_the_uninterrupted_runs_journal()
    {
        var reference = await MarketAsync("reference.db");
        var (code, output, error) = await RunToEndAsync(reference);
        Assert.True(code == 0, error);
        Assert.Contains("finished", output, StringComparison.Ordinal);
        var expected = await JournalOf(reference);
        Assert.Contains(expected, r => r.Kind == "fill");
        Assert.True(expected.Count(r => r.Kind == "step") > 500, $"{expected.Count(r => r.Kind == "step")} steps");

        var crashed = await MarketAsync("crashed.db");
        var random = new Random(20261206);
        var kills = 0;
        var progressedBetweenKills = 0;
        var lastLength = 0;
        while (kills < 20)
        {
            using var process = Process.Start(TradeCommand.StartInfo(_directory, new Dictionary<string, string>(), Paper(crashed, Paced)))!;
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();

            // Anywhere from the runtime starting to well into the run: start-up, recovery, steps, appends.
            Assert.False(process.WaitForExit(TimeSpan.FromMilliseconds(random.Next(200, 1600))), $"the run ended before kill {kills + 1}: make it longer");
            process.Kill();
            await process.WaitForExitAsync();
            kills++;

            var length = (await JournalOf(crashed)).Count;
            Assert.True(length >= lastLength, $"the journal shrank from {lastLength} to {length} entries");
            if (length > lastLength)
            {
                progressedBetweenKills++;
            }

            lastLength = length;
        }

        var (finalCode, _, finalError) = await RunToEndAsync(crashed);
        Assert.True(finalCode == 0, finalError);
        Assert.True(progressedBetweenKills >= 3, $"the journal grew between only {progressedBetweenKills} of the {kills} kills: they did not fall inside runs");
        AssertSameJournal(expected, await JournalOf(crashed));
    }

    [Fact]
    public async Task Stopped_with_sigterm_the_node_finishes_its_step_and_resumes_to_the_same_journal()
    {
        var reference = await MarketAsync("reference.db");
        var (code, _, error) = await RunToEndAsync(reference);
        Assert.True(code == 0, error);
        var expected = await JournalOf(reference);

        var stopped = await MarketAsync("stopped.db");
        using (var process = Process.Start(TradeCommand.StartInfo(_directory, new Dictionary<string, string>(), Paper(stopped, Paced)))!)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while ((await JournalOf(stopped)).Count == 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }

            Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, await errors);
            var text = await output;
            Assert.True(text.Contains("stopped", StringComparison.Ordinal) || text.Contains("finished", StringComparison.Ordinal), text);
        }

        Assert.True((await JournalOf(stopped)).Count < expected.Count, "SIGTERM came after the run's end: the test proves nothing");
        var (finalCode, _, finalError) = await RunToEndAsync(stopped);
        Assert.True(finalCode == 0, finalError);
        AssertSameJournal(expected, await JournalOf(stopped));
    }
}

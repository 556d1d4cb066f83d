using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Trading.Data.Storage.Sqlite;
using Trading.Domain;
using Trading.Tests.Data.Yahoo;

namespace Trading.Server.Tests;

/// <summary>A node of the server on <c>feed: yahoo</c>, end to end: the real Yahoo provider talks HTTP to a fake Yahoo
/// on 127.0.0.1 that answers v8 charts of a market the test writes, and the server's clock is a fake one the test
/// moves. Each completed bar is stepped once, in order; a bar still forming is not; a late bar is dropped and a gap
/// reported, each in one log line; an outage is retried and shows in the node and in /health; a restart resumes from
/// the journal and the bars the node stored.</summary>
public sealed class NodeYahooFeedTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private readonly TemporaryDatabase _database = new(seeded: false);

    public void Dispose() => _database.Dispose();

    /// <summary>New York time on <paramref name="day"/> November 2024, in UTC.</summary>
    private static DateTime At(int day, int hour, int minute, int second = 0) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(2024, 11, day, hour, minute, second, DateTimeKind.Unspecified), NewYork);

    private static DateTime Day(int month, int day) => new(2024, month, day, 0, 0, 0, DateTimeKind.Utc);

    private static DateTime Minute(int minute) => At(25, 10, minute);

    private static ServerFactory Server(string database, FakeYahooServer yahoo, TimeProvider clock) => new(
        database,
        new Dictionary<string, string?>
        {
            ["Yahoo:BaseAddress"] = yahoo.BaseAddress.ToString(),

            // One attempt per fetch, so that every poll of the feed is one request per symbol; the provider's
            // deadlines run on the fake clock too, so they are set beyond any jump the test makes.
            ["Yahoo:MaxRetries"] = "0",
            ["Yahoo:AttemptTimeout"] = "01:00:00",
            ["Yahoo:TotalTimeout"] = "01:00:00",

            // The fake clock jumps minutes and nights at a time: a lease of 15 s would lapse between two renewals.
            ["Server:NodeLeaseDuration"] = "7.00:00:00",
        },
        services => services.AddSingleton<TimeProvider>(clock));

    private static async Task<JsonElement> NodeAsync(HttpClient client, string id = "live")
    {
        using var response = await client.GetAsync($"/api/v1/nodes/{id}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<JsonElement> UntilAsync(HttpClient client, Func<JsonElement, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var node = await NodeAsync(client);
            if (done(node))
            {
                return node;
            }

            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}: {node}");
            await Task.Delay(10);
        }
    }

    private static Task<JsonElement> StepsAsync(HttpClient client, long steps) =>
        UntilAsync(client, n => n.GetProperty("steps").GetInt64() >= steps, $"{steps} steps");

    private static async Task UntilRequestsAsync(FakeYahooServer yahoo, int count)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (yahoo.RequestCount < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for request {count} to Yahoo ({yahoo.RequestCount} so far)");
            await Task.Delay(10);
        }
    }

    private static async Task<JsonElement> HealthAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/health");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>Sets the fake clock, firing the timers due by then.</summary>
    private static void Move(FakeTimeProvider clock, DateTime utc) => clock.SetUtcNow(new DateTimeOffset(utc));

    private static DateTime Time(JsonElement node) => node.GetProperty("time").GetDateTime().ToUniversalTime();

    private async Task<List<DateTime>> JournaledStepsAsync(string id)
    {
        using var journal = new SqliteJournalStore(_database.Path);
        var steps = new List<DateTime>();
        await foreach (var record in journal.ReadAsync(id))
        {
            if (record.Kind == "step")
            {
                steps.Add(record.StepTime);
            }
        }

        return steps;
    }

    private async Task<Dictionary<DateTime, double>> StoredClosesAsync(string symbol, string interval)
    {
        using var store = new SqliteMarketDataStore(_database.Path);
        var bars = await store.ReadBarsAsync(Symbol.Parse(symbol), Interval.Parse(interval));
        return Enumerable.Range(0, bars.Count).ToDictionary(i => bars.Time[i], i => bars.Close[i]);
    }

    /// <summary>A minute's final close: a forming bar's is a quarter more, so the stored bars tell which one was stepped.</summary>
    private static double Final(string symbol, int minute) => (symbol == "AAA" ? 100 : 50) + minute;

    private static void Forming(YahooTape tape, string symbol, int minute) => tape.Set(symbol, "1m", Minute(minute), Final(symbol, minute) + 0.25);

    private static void Complete(YahooTape tape, string symbol, int minute) => tape.Set(symbol, "1m", Minute(minute), Final(symbol, minute));

    [Fact]
    public async Task A_yahoo_minute_node_steps_each_completed_bar_once_in_order_rides_out_an_outage_and_resumes_after_a_restart()
    {
        // Every answer holds the whole session so far: each bar comes again and again, the late one too.
        var tape = new YahooTape { IgnoresPeriodStart = true };
        await using var yahoo = FakeYahooServer.Start(tape.Answer);
        var clock = new FakeTimeProvider(new DateTimeOffset(At(25, 10, 0, 30)));
        Forming(tape, "AAA", 0);
        Forming(tape, "BBB", 0);
        JsonElement beforeRestart;
        var factory = Server(_database.Path, yahoo, clock);
        try
        {
            var client = factory.CreateClient();
            using (var created = await client.PostAsJsonAsync("/api/v1/nodes", new { id = "live", strategy = "buy_and_hold", parameters = new { quantity = 10 }, symbols = new[] { "AAA", "BBB" }, interval = "1m", feed = "yahoo" }))
            {
                Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
            }

            // Started at 10:00:30 it asks for what came after the last complete bar (09:59): only 10:00, still forming.
            await UntilRequestsAsync(yahoo, 2);
            await UntilAsync(client, n => n.GetProperty("feed").GetProperty("state").GetString() == "live", "the feed's first poll");

            // At 10:01 the 10:00 bar is complete and stepped; the 10:01 bar in the same answer is still forming.
            Complete(tape, "AAA", 0);
            Complete(tape, "BBB", 0);
            Forming(tape, "AAA", 1);
            Forming(tape, "BBB", 1);
            Move(clock, Minute(1));
            var node = await StepsAsync(client, 1);
            Assert.Equal(Minute(0), Time(node));

            // BBB has no trade in the 10:02 minute yet.
            Complete(tape, "AAA", 1);
            Complete(tape, "BBB", 1);
            Forming(tape, "AAA", 2);
            Move(clock, Minute(2));
            node = await StepsAsync(client, 2);
            Assert.Equal(Minute(1), Time(node));
            Assert.Equal(2, node.GetProperty("positions").GetInt32());

            // BBB's 10:02 bar does not come: the slice waits out its grace (30 s) and goes without it.
            Complete(tape, "AAA", 2);
            Forming(tape, "AAA", 3);
            Forming(tape, "BBB", 3);
            Move(clock, Minute(3));
            await UntilRequestsAsync(yahoo, 8);
            Move(clock, Minute(3).AddSeconds(30));
            node = await StepsAsync(client, 3);
            Assert.Equal(Minute(2), Time(node));

            // It comes at 10:04, too late: dropped with one line, however often it is sent. AAA has no 10:04 bar.
            Complete(tape, "BBB", 2);
            Complete(tape, "AAA", 3);
            Complete(tape, "BBB", 3);
            Forming(tape, "BBB", 4);
            Move(clock, Minute(4));
            node = await StepsAsync(client, 4);
            Assert.Equal(Minute(3), Time(node));

            Forming(tape, "AAA", 5);
            Complete(tape, "BBB", 4);
            Forming(tape, "BBB", 5);
            Move(clock, Minute(5));
            Move(clock, Minute(5).AddSeconds(30));
            node = await StepsAsync(client, 5);
            Assert.Equal(Minute(4), Time(node));

            // AAA's next bar (10:05) shows the gap at 10:04, in one line.
            Complete(tape, "AAA", 5);
            Complete(tape, "BBB", 5);
            Forming(tape, "AAA", 6);
            Forming(tape, "BBB", 6);
            Move(clock, Minute(6));
            node = await StepsAsync(client, 6);
            Assert.Equal(Minute(5), Time(node));

            // Yahoo fails (503), then drops the connection, then refuses it: the feed retries with backoff and says
            // so, in the node and in /health, while the market goes on.
            tape.Fail(FakeResponse.Error(503));
            Complete(tape, "AAA", 6);
            Complete(tape, "BBB", 6);
            Move(clock, Minute(7));
            node = await UntilAsync(client, n => n.GetProperty("feed").GetProperty("consecutive_failures").GetInt32() == 1, "the first failed poll");
            var feed = node.GetProperty("feed");
            Assert.Equal("retrying", feed.GetProperty("state").GetString());
            Assert.Contains("503", feed.GetProperty("last_error").GetString(), StringComparison.Ordinal);
            Assert.Equal("running", node.GetProperty("state").GetString());
            var health = await HealthAsync(client);
            Assert.Equal("degraded", health.GetProperty("status").GetString());
            var nodes = health.GetProperty("checks").GetProperty("nodes");
            Assert.Equal("degraded", nodes.GetProperty("status").GetString());
            Assert.Contains("live", nodes.GetProperty("description").GetString(), StringComparison.Ordinal);

            tape.Fail(FakeResponse.ConnectionLost);
            var retry = feed.GetProperty("next_retry_at").GetDateTimeOffset();
            Assert.InRange(retry - Minute(7), TimeSpan.FromSeconds(0.8), TimeSpan.FromSeconds(1.2));
            // The feed's timer counts whole milliseconds, rounded up.
            clock.SetUtcNow(retry.AddMilliseconds(1));
            node = await UntilAsync(client, n => n.GetProperty("feed").GetProperty("consecutive_failures").GetInt32() == 2, "the second failed poll");
            var second = node.GetProperty("feed").GetProperty("next_retry_at").GetDateTimeOffset();
            Assert.InRange(second - retry, TimeSpan.FromSeconds(1.6), TimeSpan.FromSeconds(2.4));

            // Then nothing listens: connections are refused.
            yahoo.Refuse();
            Move(clock, second.UtcDateTime.AddMilliseconds(1));
            node = await UntilAsync(client, n => n.GetProperty("feed").GetProperty("consecutive_failures").GetInt32() == 3, "the third failed poll");
            Assert.Contains("cannot reach", node.GetProperty("feed").GetProperty("last_error").GetString(), StringComparison.Ordinal);

            // Back at 10:08:10: the bars of the outage come, in order, and nothing is lost.
            Complete(tape, "AAA", 7);
            Complete(tape, "BBB", 7);
            Forming(tape, "AAA", 8);
            Forming(tape, "BBB", 8);
            tape.Recover();
            yahoo.Listen();
            Move(clock, Minute(8).AddSeconds(10));
            node = await StepsAsync(client, 8);
            Assert.Equal(Minute(7), Time(node));
            Assert.Equal("live", node.GetProperty("feed").GetProperty("state").GetString());
            Assert.Equal("healthy", (await HealthAsync(client)).GetProperty("checks").GetProperty("nodes").GetProperty("status").GetString());
            beforeRestart = node;
        }
        finally
        {
            factory.Dispose();
        }

        var lines = factory.Logs.Lines;
        Assert.Single(lines, l => l.Contains("BBB 1m bar at", StringComparison.Ordinal) && l.Contains("dropped as late", StringComparison.Ordinal));
        Assert.Single(lines, l => l.Contains("AAA 1m has no bar for 1 expected time(s)", StringComparison.Ordinal));
        Assert.Single(lines, l => l.Contains("answers again after 3 failed polls", StringComparison.Ordinal));

        // The server starts again: the node resumes from its journal and the bars it stored, with the same account,
        // and goes on polling without stepping a bar twice.
        using (var again = Server(_database.Path, yahoo, clock))
        {
            var client = again.CreateClient();
            var resumed = await UntilAsync(client, n => n.GetProperty("state").GetString() == "running" && n.GetProperty("steps").GetInt64() == 8, "the recovery");
            foreach (var figure in new[] { "equity", "cash", "positions", "steps", "journal_sequence", "time" })
            {
                Assert.Equal(beforeRestart.GetProperty(figure).ToString(), resumed.GetProperty(figure).ToString());
            }

            Complete(tape, "AAA", 8);
            Complete(tape, "BBB", 8);
            Forming(tape, "AAA", 9);
            Forming(tape, "BBB", 9);
            Move(clock, Minute(9));
            var node = await StepsAsync(client, 9);
            Assert.Equal(Minute(8), Time(node));
        }

        Assert.Equal(Enumerable.Range(0, 9).Select(Minute).ToList(), await JournaledStepsAsync("live"));

        // Stored before each step: the final bars, never a forming one, and not the late one.
        Assert.Equal(
            Enumerable.Range(0, 9).Where(m => m != 4).ToDictionary(Minute, m => Final("AAA", m)),
            await StoredClosesAsync("AAA", "1m"));
        Assert.Equal(
            Enumerable.Range(0, 9).Where(m => m != 2).ToDictionary(Minute, m => Final("BBB", m)),
            await StoredClosesAsync("BBB", "1m"));
    }

    [Fact]
    public async Task A_yahoo_daily_node_steps_a_bar_at_its_sessions_close_an_early_one_included()
    {
        var tape = new YahooTape();
        await using var yahoo = FakeYahooServer.Start(tape.Answer);

        // Friday 29 November 2024, the day after Thanksgiving, closes at 13:00 New York.
        var clock = new FakeTimeProvider(new DateTimeOffset(At(29, 12, 0)));
        tape.Set("AAA", "1d", Day(11, 27), 100);
        tape.Set("AAA", "1d", Day(11, 29), 101.25);
        using var factory = Server(_database.Path, yahoo, clock);
        var client = factory.CreateClient();
        using (var created = await client.PostAsJsonAsync("/api/v1/nodes", new { id = "live", strategy = "buy_and_hold", parameters = new { quantity = 10 }, symbols = new[] { "AAA" }, feed = "yahoo" }))
        {
            Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        }

        await UntilRequestsAsync(yahoo, 1);
        await UntilAsync(client, n => n.GetProperty("feed").GetProperty("state").GetString() == "live", "the feed's first poll");

        // A minute before the early close Friday's bar is still forming: not asked for again, not stepped.
        Move(clock, At(29, 12, 59));
        Assert.Equal(0, (await NodeAsync(client)).GetProperty("steps").GetInt64());
        Assert.Equal(1, yahoo.RequestCount);

        tape.Set("AAA", "1d", Day(11, 29), 101);
        Move(clock, At(29, 13, 0));
        var node = await StepsAsync(client, 1);
        Assert.Equal(Day(11, 29), Time(node));

        // Monday's bar at Monday's regular close fills the order Friday's step made.
        tape.Set("AAA", "1d", Day(12, 2), 103);
        Move(clock, At(29, 13, 0).AddDays(3).AddHours(3));
        node = await StepsAsync(client, 2);
        Assert.Equal(Day(12, 2), Time(node));
        Assert.Equal(1, node.GetProperty("positions").GetInt32());
        Assert.Equal(
            new Dictionary<DateTime, double> { [Day(11, 29)] = 101, [Day(12, 2)] = 103 },
            await StoredClosesAsync("AAA", "1d"));
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("8.00:00:00")]
    public async Task A_node_lease_outside_a_second_to_seven_days_stops_the_server_at_start_naming_it(string value)
    {
        var error = await RefusedStart.Of(_database.Path, new Dictionary<string, string?> { ["Server:NodeLeaseDuration"] = value });

        Assert.True(error.Message.Contains("Server:NodeLeaseDuration", StringComparison.Ordinal), error.Message);
    }
}

using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Trading.Server.Backtests;

namespace Trading.Server.Tests;

/// <summary>Finished backtests are kept within a budget of bytes (compressed reports, oldest forgotten first), and one
/// kept result lists a bounded number of rows: a flood of submissions cannot exhaust the server's memory.</summary>
public sealed class BacktestRetentionTests : IDisposable
{
    private const long Budget = ResultRetention.SmallestBudgetBytes;

    private readonly TemporaryDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task A_flood_of_backtests_keeps_the_newest_results_within_the_budget_and_forgets_the_oldest()
    {
        using var factory = new ServerFactory(_database.Path, new Dictionary<string, string?>
        {
            ["Server:BacktestResultsBudgetBytes"] = Budget.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Server:BacktestsKept"] = "1000",
            ["Server:BacktestQueueCapacity"] = "100",
        });
        using var client = factory.CreateClient();
        var queue = factory.Services.GetRequiredService<BacktestQueue>();

        // Each run of sma_cross 1/2 over three stored symbols for two years keeps some tens of kilobytes, so a
        // budget of 1 MiB holds a few dozen: 60 of them must overflow it.
        var locations = new List<Uri>();
        for (var i = 0; i < 60; i++)
        {
            using var submitted = await client.PostAsJsonAsync("/api/v1/backtests", new { strategy = "sma_cross", parameters = new { fast = 1, slow = 2 }, symbols = TemporaryDatabase.Tickers, initial_cash = 100_000 + i });
            Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
            locations.Add(submitted.Headers.Location!);
            Assert.True(queue.KeptBytes <= Budget, $"{queue.KeptBytes} bytes kept after {i + 1} submissions, over the budget of {Budget}");
        }

        var last = await Polling.BacktestDoneAsync(client, locations[^1]);
        Assert.Equal("succeeded", last.GetProperty("status").GetString());
        Assert.InRange(queue.KeptBytes, 1, Budget);

        // The oldest are forgotten first: what is kept is the newest runs, without a gap.
        var kept = new List<bool>();
        foreach (var location in locations)
        {
            using var status = await client.GetAsync(location);
            kept.Add(status.StatusCode == HttpStatusCode.OK);
            if (status.StatusCode == HttpStatusCode.NotFound)
            {
                var problem = await Problems.AssertProblem(status, HttpStatusCode.NotFound, "id");
                Assert.Contains("Server:BacktestResultsBudgetBytes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            }
        }

        var firstKept = kept.IndexOf(true);
        Assert.True(firstKept > 0, "every run was kept: the budget never bound");
        Assert.All(kept.Skip(firstKept), Assert.True);
    }

    [Fact]
    public async Task A_kept_result_is_served_compressed_to_clients_that_accept_gzip_and_plain_to_the_rest()
    {
        using var factory = new ServerFactory(_database.Path);
        using var client = factory.CreateClient();
        using var submitted = await client.PostAsJsonAsync("/api/v1/backtests", new { strategy = "sma_cross", symbols = TemporaryDatabase.Tickers });
        var job = await Polling.BacktestDoneAsync(client, submitted.Headers.Location!);
        var links = job.GetProperty("links");

        foreach (var (link, type) in new[] { ("result", "application/json"), ("report", "text/html") })
        {
            var plain = await client.GetByteArrayAsync(links.GetProperty(link).GetString());
            using var request = new HttpRequestMessage(HttpMethod.Get, links.GetProperty(link).GetString());
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
            using var compressed = await client.SendAsync(request);

            Assert.Equal(["gzip"], compressed.Content.Headers.ContentEncoding);
            Assert.Equal(type, compressed.Content.Headers.ContentType?.MediaType);
            using var unzipped = new MemoryStream();
            await using (var gzip = new GZipStream(await compressed.Content.ReadAsStreamAsync(), CompressionMode.Decompress))
            {
                await gzip.CopyToAsync(unzipped);
            }

            Assert.Equal(plain, unzipped.ToArray());
            Assert.True(compressed.Content.Headers.ContentLength < plain.Length / 3, $"{compressed.Content.Headers.ContentLength} compressed bytes of {plain.Length}");
        }

        var result = JsonDocument.Parse(await client.GetStringAsync(links.GetProperty("result").GetString())).RootElement;
        Assert.Equal(job.GetProperty("final_equity").GetDecimal(), result.GetProperty("final_equity").GetDecimal());
    }

    [Fact]
    public async Task A_kept_result_lists_at_most_the_configured_rows_and_says_what_it_left_out()
    {
        using var factory = new ServerFactory(_database.Path, new Dictionary<string, string?> { ["Server:BacktestResultRows"] = "10" });
        using var client = factory.CreateClient();
        using var submitted = await client.PostAsJsonAsync("/api/v1/backtests", new { strategy = "sma_cross", parameters = new { fast = 1, slow = 2 }, symbols = TemporaryDatabase.Tickers });
        var job = await Polling.BacktestDoneAsync(client, submitted.Headers.Location!);

        var result = JsonDocument.Parse(await client.GetStringAsync(job.GetProperty("links").GetProperty("result").GetString())).RootElement;

        var trades = result.GetProperty("metrics").GetProperty("trade_count").GetInt32();
        Assert.True(trades > 10, $"{trades} trades: too few for the cap to act");
        Assert.Equal(10, result.GetProperty("trades").GetArrayLength());
        Assert.Equal(10, result.GetProperty("fills").GetArrayLength());
        Assert.Equal(10, result.GetProperty("orders").GetArrayLength());
        var note = Assert.Single(result.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!), w => w.Contains("Server:BacktestResultRows", StringComparison.Ordinal));
        Assert.StartsWith($"the server keeps the first 10 rows of each list of this run: 10 of {trades:N0} round trips, 10 of ", note, StringComparison.Ordinal);
        Assert.Equal(job.GetProperty("final_equity").GetDecimal(), result.GetProperty("final_equity").GetDecimal());
    }

    [Fact]
    public async Task A_result_larger_than_the_whole_budget_fails_its_job_saying_so_and_the_kept_ones_stay()
    {
        using var factory = new ServerFactory(_database.Path, new Dictionary<string, string?> { ["Server:BacktestResultsBudgetBytes"] = Budget.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        using var client = factory.CreateClient();
        using var small = await client.PostAsJsonAsync("/api/v1/backtests", new { strategy = "sma_cross", symbols = TemporaryDatabase.Tickers });
        Assert.Equal("succeeded", (await Polling.BacktestDoneAsync(client, small.Headers.Location!)).GetProperty("status").GetString());

        // sma_cross 1/2 over the synthetic market for nine years: tens of thousands of fills, megabytes compressed.
        using var large = await client.PostAsJsonAsync("/api/v1/backtests", new { strategy = "sma_cross", parameters = new { fast = 1, slow = 2 }, start_date = "2016-01-01", end_date = "2024-12-31" });
        var job = await Polling.BacktestDoneAsync(client, large.Headers.Location!);

        Assert.Equal("failed", job.GetProperty("status").GetString());
        Assert.Contains("more than Server:BacktestResultsBudgetBytes (1,048,576) allows for all results", job.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(small.Headers.Location)).StatusCode);
        Assert.InRange(factory.Services.GetRequiredService<BacktestQueue>().KeptBytes, 1, Budget);
    }

    [Theory]
    [InlineData("Server:BacktestResultsBudgetBytes", "256")]
    [InlineData("Server:BacktestResultRows", "0")]
    public async Task A_retention_setting_out_of_range_stops_the_server_at_start_naming_it(string key, string value)
    {
        var error = await RefusedStart.Of(_database.Path, new Dictionary<string, string?> { [key] = value });

        Assert.True(error.ToString().Contains(key, StringComparison.Ordinal), error.ToString());
    }
}

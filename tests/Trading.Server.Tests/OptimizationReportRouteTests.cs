using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Trading.Server.Tests;

/// <summary>GET /api/v1/optimizations/{id}/report: the page <c>trade optimize --report</c> writes, for a search run by
/// the server.</summary>
public sealed class OptimizationReportRouteTests : IDisposable
{
    private readonly TemporaryDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task A_finished_search_serves_its_html_report_with_the_best_trials_curves()
    {
        using var factory = new ServerFactory(_database.Path);
        using var client = factory.CreateClient();
        using var submitted = await client.PostAsJsonAsync("/api/v1/optimizations", new
        {
            strategy = "sma_cross",
            start_date = "2023-01-01",
            end_date = "2023-12-31",
            @params = new Dictionary<string, object> { ["fast"] = "5:15:5", ["slow"] = new[] { 20, 30 } },
            objective = "total_return",
        });
        var job = await Polling.OptimizationDoneAsync(client, submitted.Headers.Location!);
        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        var links = job.GetProperty("links");
        var result = JsonDocument.Parse(await client.GetStringAsync(links.GetProperty("result").GetString())).RootElement;

        using var report = await client.GetAsync(links.GetProperty("report").GetString());

        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal("text/html", report.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", report.Content.Headers.ContentType?.CharSet);
        var page = await report.Content.ReadAsStringAsync();
        Assert.StartsWith("<!DOCTYPE html>", page, StringComparison.Ordinal);
        Assert.Contains("<title>sma_cross: search of fast=5:15:5, slow=20,30</title>", page, StringComparison.Ordinal);
        Assert.Contains("6 trials run of 6 planned", page, StringComparison.Ordinal);
        Assert.Contains("What the best trial owes to the search", page, StringComparison.Ordinal);
        Assert.EndsWith("</html>", page, StringComparison.Ordinal);

        // The curves of the three best trials, in the ranking's order: run again by the server for the page.
        var trials = result.GetProperty("trials");
        for (var rank = 0; rank < 3; rank++)
        {
            var parameters = trials[rank].GetProperty("parameters");
            Assert.Contains($"#{rank + 1}: fast={parameters.GetProperty("fast").GetInt32()}, slow={parameters.GetProperty("slow").GetInt32()}", page, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("#4: ", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_search_still_running_is_a_409_an_unknown_one_a_404_and_a_cancelled_one_reports_the_trials_that_finished()
    {
        using var factory = new ServerFactory(_database.Path);
        using var client = factory.CreateClient();
        await Problems.AssertProblem(await client.GetAsync($"/api/v1/optimizations/{new string('a', 32)}/report"), HttpStatusCode.NotFound, "id");
        await Problems.AssertProblem(await client.GetAsync("/api/v1/optimizations/nope/report"), HttpStatusCode.BadRequest, "id");

        // Hundreds of trials on one thread: seconds of work, so the report is asked for long before it exists.
        using var submitted = await client.PostAsJsonAsync("/api/v1/optimizations", new { strategy = "sma_cross", @params = new { fast = "2:60:1", slow = "70:200:10" }, jobs = 1 });
        var location = submitted.Headers.Location!;
        var running = await Problems.AssertProblem(await client.GetAsync(location + "/report"), HttpStatusCode.Conflict, "id");
        Assert.Contains("poll /api/v1/optimizations/", running.ToString(), StringComparison.Ordinal);

        var deadline = DateTime.UtcNow.AddSeconds(120);
        while ((await Polling.JsonAsync(await client.GetAsync(location), HttpStatusCode.OK)).GetProperty("trials_done").GetInt32() < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        using var cancel = await client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, location) { Headers = { { "X-Requested-With", "test" } } });
        var job = await Polling.OptimizationDoneAsync(client, location);
        Assert.Equal("cancelled", job.GetProperty("status").GetString());
        var page = await client.GetStringAsync(job.GetProperty("links").GetProperty("report").GetString());
        Assert.Contains($"{job.GetProperty("trials_done").GetInt32()} trials run of {job.GetProperty("trials_planned").GetInt32():N0} planned", page, StringComparison.Ordinal);
        Assert.Contains("stopped early", page, StringComparison.Ordinal);
    }
}

using System.Net;
using System.Net.Http.Json;
using Trading.Backtesting;
using Trading.Backtesting.Config;
using Trading.Data.Synthetic;
using Trading.Optimization;
using Trading.Server.Data;
using Trading.Server.Hosting;
using Trading.Strategies;

namespace Trading.Server.Tests;

public sealed class OptimizationRouteTests : IDisposable
{
    private readonly TemporaryDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task A_small_grid_runs_in_the_background_and_ranks_the_same_best_parameters_as_the_library()
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
            jobs = 2,
        });

        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var job = await Polling.OptimizationDoneAsync(client, submitted.Headers.Location!);
        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        Assert.Equal(6, job.GetProperty("trials_planned").GetInt32());
        Assert.Equal(6, job.GetProperty("trials_done").GetInt32());

        var result = await Polling.JsonAsync(await client.GetAsync(job.GetProperty("links").GetProperty("result").GetString()), HttpStatusCode.OK);
        Assert.Equal(6, result.GetProperty("trials").GetArrayLength());
        Assert.True(result.TryGetProperty("overfitting", out _));
        var best = result.GetProperty("trials")[0].GetProperty("parameters");

        // The library's sweep over the same bars with the same settings.
        var definition = StrategyRegistry.Default.Find("sma_cross");
        var range = BarRange.Parse("2023-01-01", "2023-12-31", null, int.MaxValue, new RequestErrors())!;
        var market = SyntheticMarket.Generate(new SyntheticMarketOptions());
        var index = market.Series.First(s => s.Symbol == SyntheticMarket.IndexSymbol);
        var input = new BacktestInput([.. market.Series.Where(s => s.Symbol != SyntheticMarket.IndexSymbol).Select(s => s.Between(range.From, range.To))], market.Actions, index.Between(range.From, range.To)) { Calendar = SyntheticExchangeCalendar.Instance };
        var space = new SearchSpace(definition, [ParameterRange.Parse(definition, "fast=5:15:5"), ParameterRange.Parse(definition, "slow=20,30")]);
        var objective = SweepMetric.Parse("total_return");
        var expected = new SweepReport(space, Sweep.Run(space, space.Grid(), new BacktestTrial(definition, input, new RunConfig().ToSettings()).Run, 1, objective), objective, []).Ranked[0].Trial;
        Assert.Equal(expected.Parameters["fast"], best.GetProperty("fast").GetInt32());
        Assert.Equal(expected.Parameters["slow"], best.GetProperty("slow").GetInt32());

        var top = await Polling.JsonAsync(await client.GetAsync(job.GetProperty("links").GetProperty("result").GetString() + "?top=2"), HttpStatusCode.OK);
        Assert.Equal(2, top.GetProperty("trials").GetArrayLength());
        Assert.Equal(6, top.GetProperty("trials_run").GetInt32());
    }

    [Fact]
    public async Task Bad_fields_are_problems_that_name_them()
    {
        using var factory = new ServerFactory(_database.Path);
        using var client = factory.CreateClient();
        using var badRange = await client.PostAsJsonAsync("/api/v1/optimizations", new { strategy = "sma_cross", @params = new { fast = "5:x:5" } });
        await Problems.AssertProblem(badRange, HttpStatusCode.BadRequest, "params.fast");
        using var unknown = await client.PostAsJsonAsync("/api/v1/optimizations", new { strategy = "sma_cross", @params = new { fats = "5:10:5" } });
        await Problems.AssertProblem(unknown, HttpStatusCode.BadRequest, "params.fats");
        using var badObjective = await client.PostAsJsonAsync("/api/v1/optimizations", new { strategy = "sma_cross", @params = new { fast = "5:10:5" }, objective = "luck" });
        await Problems.AssertProblem(badObjective, HttpStatusCode.BadRequest, "objective");
        using var badConstraint = await client.PostAsJsonAsync("/api/v1/optimizations", new { strategy = "sma_cross", @params = new { fast = "5:10:5" }, constraints = new[] { "trades>=2", "drawdown<<" } });
        await Problems.AssertProblem(badConstraint, HttpStatusCode.BadRequest, "constraints[1]");
        using var badMethod = await client.PostAsJsonAsync("/api/v1/optimizations", new { strategy = "sma_cross", @params = new { fast = "5:10:5" }, method = "genetic" });
        await Problems.AssertProblem(badMethod, HttpStatusCode.BadRequest, "method");
        using var noStrategy = await client.PostAsJsonAsync("/api/v1/optimizations", new { @params = new { fast = "5:10:5" } });
        await Problems.AssertProblem(noStrategy, HttpStatusCode.BadRequest, "strategy");
    }

    [Fact]
    public async Task A_search_beyond_the_servers_trial_limit_is_a_422()
    {
        using var factory = new ServerFactory(_database.Path, new Dictionary<string, string?> { ["Server:MaxOptimizationTrials"] = "5" });
        using var client = factory.CreateClient();
        using var refused = await client.PostAsJsonAsync("/api/v1/optimizations", new { strategy = "sma_cross", @params = new { fast = "5:15:5", slow = "20,30" } });
        var problem = await Problems.AssertProblem(refused, HttpStatusCode.UnprocessableEntity, "params");
        Assert.Contains("Server:MaxOptimizationTrials", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_a_search_keeps_the_trials_that_finished_and_the_server_serves_on()
    {
        using var factory = new ServerFactory(_database.Path);
        using var client = factory.CreateClient();
        using var submitted = await client.PostAsJsonAsync("/api/v1/optimizations", new { strategy = "sma_cross", @params = new { fast = "2:60:1", slow = "70:200:10" }, jobs = 1 });
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var location = submitted.Headers.Location!;

        // Cancel once some trials have finished (not a timing assumption: we wait for them).
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while ((await Polling.JsonAsync(await client.GetAsync(location), HttpStatusCode.OK)).GetProperty("trials_done").GetInt32() < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        using var cancelled = await client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, location) { Headers = { { "X-Requested-With", "test" } } });
        Assert.Equal(HttpStatusCode.Accepted, cancelled.StatusCode);
        var job = await Polling.OptimizationDoneAsync(client, location);
        Assert.Equal("cancelled", job.GetProperty("status").GetString());
        var done = job.GetProperty("trials_done").GetInt32();
        Assert.InRange(done, 2, job.GetProperty("trials_planned").GetInt32() - 1);

        var result = await Polling.JsonAsync(await client.GetAsync(job.GetProperty("links").GetProperty("result").GetString()), HttpStatusCode.OK);
        Assert.True(result.GetProperty("cancelled").GetBoolean());
        Assert.Equal(done, result.GetProperty("trials").GetArrayLength());

        // The worker goes on with the next search.
        using var next = await client.PostAsJsonAsync("/api/v1/optimizations", new { strategy = "sma_cross", start_date = "2023-01-01", end_date = "2023-06-30", @params = new { fast = "5,10" } });
        Assert.Equal("succeeded", (await Polling.OptimizationDoneAsync(client, next.Headers.Location!)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task With_an_api_key_configured_submitting_and_cancelling_require_it()
    {
        using var factory = new ServerFactory(_database.Path, new Dictionary<string, string?> { ["Server:ApiKey"] = "a-long-enough-test-key-0123456789" });
        using var client = factory.CreateClient();
        using var without = await client.PostAsJsonAsync("/api/v1/optimizations", new { strategy = "sma_cross", @params = new { fast = "5,10" } });
        await Problems.AssertProblem(without, HttpStatusCode.Unauthorized, "X-API-Key");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/optimizations") { Content = JsonContent.Create(new { strategy = "sma_cross", start_date = "2023-01-01", end_date = "2023-03-31", @params = new { fast = "5,10" } }) };
        request.Headers.Add("X-API-Key", "a-long-enough-test-key-0123456789");
        using var with = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, with.StatusCode);
        using var cancel = await client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, with.Headers.Location) { Headers = { { "X-Requested-With", "test" } } });
        await Problems.AssertProblem(cancel, HttpStatusCode.Unauthorized, "X-API-Key");
    }
}

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

public sealed class HalvingRouteTests : IDisposable
{
    private readonly TemporaryDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task A_halving_search_runs_its_rungs_in_the_background_and_ranks_as_the_library_does()
    {
        using var factory = new ServerFactory(_database.Path);
        using var client = factory.CreateClient();
        using var submitted = await client.PostAsJsonAsync("/api/v1/optimizations", new
        {
            strategy = "sma_cross",
            start_date = "2020-01-01",
            end_date = "2024-12-31",
            @params = new Dictionary<string, object> { ["fast"] = "5,10,15", ["slow"] = new[] { 30, 50, 70 } },
            method = "halving",
            jobs = 2,
        });

        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var job = await Polling.OptimizationDoneAsync(client, submitted.Headers.Location!);
        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        Assert.Equal("halving", job.GetProperty("method").GetString());

        // Nine candidates on the first third of five years, the best three on all of it.
        Assert.Equal(12, job.GetProperty("trials_planned").GetInt32());
        Assert.Equal(12, job.GetProperty("trials_done").GetInt32());
        var result = await Polling.JsonAsync(await client.GetAsync(job.GetProperty("links").GetProperty("result").GetString()), HttpStatusCode.OK);
        Assert.Equal(3, result.GetProperty("trials").GetArrayLength());
        var rungs = result.GetProperty("halving").GetProperty("rungs").EnumerateArray().ToList();
        Assert.Equal([9, 3], rungs.Select(r => r.GetProperty("trials_run").GetInt32()));

        // The library's halving search over the same bars with the same settings.
        var definition = StrategyRegistry.Default.Find("sma_cross");
        var range = BarRange.Parse("2020-01-01", "2024-12-31", null, int.MaxValue, new RequestErrors())!;
        var market = SyntheticMarket.Generate(new SyntheticMarketOptions());
        var index = market.Series.First(s => s.Symbol == SyntheticMarket.IndexSymbol);
        var input = new BacktestInput([.. market.Series.Where(s => s.Symbol != SyntheticMarket.IndexSymbol).Select(s => s.Between(range.From, range.To))], market.Actions, index.Between(range.From, range.To)) { Calendar = SyntheticExchangeCalendar.Instance };
        var space = new SearchSpace(definition, [ParameterRange.Parse(definition, "fast=5,10,15"), ParameterRange.Parse(definition, "slow=30,50,70")]);
        var plan = space.Grid() with { Method = SearchMethod.Halving };
        var objective = SweepMetric.Parse("sharpe");
        var halving = SuccessiveHalving.Run(space, plan, HalvingSchedule.Of(input, 9), new BacktestTrial(definition, input, new RunConfig().ToSettings()), objective, [], 1);
        var expected = new SweepReport(space, halving.Final, objective, []) { Halving = halving }.Ranked;
        Assert.Equal(expected.Select(r => r.Trial.Number), result.GetProperty("trials").EnumerateArray().Select(t => t.GetProperty("trial").GetInt32()));
        Assert.Equal(halving.Rungs[0].Survivors, rungs[0].GetProperty("survivors").EnumerateArray().Select(s => s.GetInt32()));
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "eta", """{"strategy":"sma_cross","params":{"fast":"5:45:5"},"method":"halving","eta":1}""")]
    [InlineData(HttpStatusCode.BadRequest, "eta", """{"strategy":"sma_cross","params":{"fast":"5:45:5"},"eta":3}""")]
    [InlineData(HttpStatusCode.BadRequest, "start_date", """{"strategy":"sma_cross","params":{"fast":"5:25:5"},"method":"halving","start_date":"2022-01-01","end_date":"2024-06-30"}""")]
    [InlineData(HttpStatusCode.UnprocessableEntity, "params", """{"strategy":"sma_cross","params":{"fast":"5,10"},"method":"halving"}""")]
    [InlineData(HttpStatusCode.UnprocessableEntity, "trials", """{"strategy":"sma_cross","params":{"fast":"5:25:5"},"method":"halving","trials":2}""")]
    public async Task A_halving_search_that_cannot_run_is_refused_naming_the_field(HttpStatusCode status, string field, string body)
    {
        using var factory = new ServerFactory(_database.Path);
        using var client = factory.CreateClient();

        using var refused = await client.PostAsync("/api/v1/optimizations", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await Problems.AssertProblem(refused, status, field);
    }
}

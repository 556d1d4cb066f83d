using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Trading.Backtesting;
using Trading.Data.Storage.Sqlite;
using Trading.Strategies;

namespace Trading.Server.Tests;

/// <summary>Trading nodes hosted by the server: started over HTTP, run to the end of their replay like a backtest of
/// the period, read back, halted, refused with a 4xx (and nothing stored) for bad input, resumed after a restart.</summary>
public sealed class NodeRouteTests : IDisposable
{
    private readonly TemporaryDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private static object Body(string id, double speed = 0) => new
    {
        id,
        strategy = "sma_cross",
        parameters = new { fast = 5, slow = 20 },
        symbols = TemporaryDatabase.Tickers,
        from = "2022-01-03",
        speed,
        commission_rate = 0.001,
    };

    [Fact]
    public async Task A_node_started_over_http_runs_its_replay_to_the_end_with_the_backtests_fills()
    {
        using var factory = new ServerFactory(_database.Path);
        using var client = factory.CreateClient();

        using var created = await client.PostAsJsonAsync("/api/v1/nodes", Body("http-node"));
        var view = await Polling.JsonAsync(created, HttpStatusCode.Created);
        Assert.Equal("/api/v1/nodes/http-node", created.Headers.Location?.ToString());
        Assert.Equal("http-node", view.GetProperty("id").GetString());

        var node = await Polling.NodeAsync(client, "http-node", n => n.GetProperty("state").GetString() is "finished" or "failed");
        Assert.Equal("finished", node.GetProperty("state").GetString());

        var definition = StrategyRegistry.Default.Find("sma_cross");
        var parameters = definition.Bind(new Dictionary<string, string> { ["fast"] = "5", ["slow"] = "20" });
        var seed = TemporaryDatabase.Seed();
        var backtest = BacktestEngine.Run("sma_cross", definition.Create(parameters), parameters, new BacktestInput([.. seed.Series.Where(s => TemporaryDatabase.Tickers.Contains(s.Symbol.Value))], seed.Actions),
            new BacktestSettings { Venue = new Execution.VenueSettings { Commission = new Execution.PercentOfValueCommission(0.001m) } });
        Assert.Equal(backtest.FinalEquity, node.GetProperty("equity").GetDecimal());

        var orders = await Polling.JsonAsync(await client.GetAsync("/api/v1/nodes/http-node/orders"), HttpStatusCode.OK);
        Assert.Equal(backtest.Orders.Count, orders.GetArrayLength());

        // The node names its own orders, the same on every replay: what a broker is told, to know an order again.
        Assert.All(orders.EnumerateArray(), o => Assert.Equal($"http-node/{o.GetProperty("id").GetInt64()}", o.GetProperty("client_order_id").GetString()));
        var performance = await Polling.JsonAsync(await client.GetAsync("/api/v1/nodes/http-node/performance"), HttpStatusCode.OK);
        Assert.Equal(backtest.Metrics.TotalReturn, performance.GetProperty("metrics").GetProperty("total_return").GetDouble(), 12);
        var list = await Polling.JsonAsync(await client.GetAsync("/api/v1/nodes"), HttpStatusCode.OK);
        Assert.Contains(list.EnumerateArray(), n => n.GetProperty("id").GetString() == "http-node");
    }

    [Theory]
    [InlineData("""{"strategy":"no_such","symbols":["AAPL"]}""", "strategy")]
    [InlineData("""{"strategy":"sma_cross","symbols":[]}""", "symbols")]
    [InlineData("""{"strategy":"sma_cross","symbols":["AAPL"],"parameters":{"fast":"x"}}""", "parameters")]
    [InlineData("""{"strategy":"sma_cross","symbols":["AAPL"],"parameters":{"no_such":1}}""", "parameters")]
    [InlineData("""{"strategy":"sma_cross","symbols":["AAPL"],"feed":"carrier_pigeon"}""", "feed")]
    [InlineData("""{"strategy":"sma_cross","symbols":["AAPL"],"id":"a b"}""", "id")]
    [InlineData("""{"strategy":"sma_cross","symbols":["AAPL"],"risk":{"max_order_value":-5}}""", "risk")]
    [InlineData("""{"strategy":"sma_cross","symbols":["AAPL"],"from":"2022-02-30"}""", "from")]
    public async Task A_node_that_cannot_start_is_a_400_naming_the_field_and_nothing_is_stored(string body, string field)
    {
        using var factory = new ServerFactory(_database.Path);
        using var client = factory.CreateClient();

        using var response = await client.PostAsync("/api/v1/nodes", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await Problems.AssertProblem(response, HttpStatusCode.BadRequest, field);
        using var registry = new SqliteJournalStore(_database.Path);
        Assert.Empty(await registry.ReadNodesAsync());
    }

    [Fact]
    public async Task A_second_node_of_the_same_name_is_a_409()
    {
        using var factory = new ServerFactory(_database.Path);
        using var client = factory.CreateClient();
        await Polling.JsonAsync(await client.PostAsJsonAsync("/api/v1/nodes", Body("twice")), HttpStatusCode.Created);

        await Problems.AssertProblem(await client.PostAsJsonAsync("/api/v1/nodes", Body("twice")), HttpStatusCode.Conflict, "id");
    }

    [Fact]
    public async Task A_node_running_when_the_server_stops_resumes_when_it_starts_and_ends_as_an_uninterrupted_one()
    {
        decimal uninterrupted;
        using (var factory = new ServerFactory(_database.Path))
        using (var client = factory.CreateClient())
        {
            await Polling.JsonAsync(await client.PostAsJsonAsync("/api/v1/nodes", Body("reference")), HttpStatusCode.Created);
            uninterrupted = (await Polling.NodeAsync(client, "reference", n => n.GetProperty("state").GetString() == "finished")).GetProperty("equity").GetDecimal();
        }

        using (var factory = new ServerFactory(_database.Path))
        using (var client = factory.CreateClient())
        {
            // About 70 bars a second: the server stops early in the run.
            await Polling.JsonAsync(await client.PostAsJsonAsync("/api/v1/nodes", Body("restarted", speed: 8_640_000)), HttpStatusCode.Created);
            await Polling.NodeAsync(client, "restarted", n => n.GetProperty("steps").GetInt64() > 20);
        }

        using (var factory = new ServerFactory(_database.Path))
        using (var client = factory.CreateClient())
        {
            var resumed = await Polling.JsonAsync(await client.GetAsync("/api/v1/nodes/restarted"), HttpStatusCode.OK);
            Assert.Equal("running", resumed.GetProperty("state").GetString());
            var finished = await Polling.NodeAsync(client, "restarted", n => n.GetProperty("state").GetString() is "finished" or "failed");
            Assert.Equal("finished", finished.GetProperty("state").GetString());
            Assert.Equal(uninterrupted, finished.GetProperty("equity").GetDecimal());
        }
    }

    [Fact]
    public async Task A_halt_over_http_survives_a_restart_and_a_stopped_node_can_be_started_again()
    {
        using (var factory = new ServerFactory(_database.Path))
        using (var client = factory.CreateClient())
        {
            // A DELETE or a POST without a body says it is not a cross-site form.
            client.DefaultRequestHeaders.Add("X-Requested-With", "tests");
            await Polling.JsonAsync(await client.PostAsJsonAsync("/api/v1/nodes", Body("halted", speed: 8_640_000)), HttpStatusCode.Created);
            await Polling.NodeAsync(client, "halted", n => n.GetProperty("steps").GetInt64() > 5);
            var halted = await Polling.JsonAsync(await client.PostAsJsonAsync("/api/v1/nodes/halted/halt", new { reason = "a person pressed the kill switch" }), HttpStatusCode.OK);
            Assert.True(halted.GetProperty("halted").GetBoolean());
            await Polling.JsonAsync(await client.DeleteAsync("/api/v1/nodes/halted?keep=true"), HttpStatusCode.OK);
        }

        using (var factory = new ServerFactory(_database.Path))
        using (var client = factory.CreateClient())
        {
            client.DefaultRequestHeaders.Add("X-Requested-With", "tests");
            var stopped = await Polling.JsonAsync(await client.GetAsync("/api/v1/nodes/halted"), HttpStatusCode.OK);
            Assert.Equal("stopped", stopped.GetProperty("state").GetString());
            await Polling.JsonAsync(await client.PostAsync("/api/v1/nodes/halted/start", null), HttpStatusCode.OK);
            var node = await Polling.NodeAsync(client, "halted", n => n.GetProperty("state").GetString() is not ("starting" or "recovering"));
            Assert.True(node.GetProperty("halted").GetBoolean(), node.ToString());
            Assert.Equal("a person pressed the kill switch", node.GetProperty("reason").GetString());
            await Polling.JsonAsync(await client.PostAsJsonAsync("/api/v1/nodes/halted/resume", new { by = "the test" }), HttpStatusCode.OK);
            Assert.False((await Polling.JsonAsync(await client.GetAsync("/api/v1/nodes/halted"), HttpStatusCode.OK)).GetProperty("halted").GetBoolean());
            Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/v1/nodes/halted")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/nodes/halted")).StatusCode);
        }
    }

    [Fact]
    public async Task A_nodes_order_stream_carries_its_order_events_and_no_others()
    {
        using var factory = new ServerFactory(_database.Path);
        using var client = factory.CreateClient();
        await using var stream = await EventStreamReader.OpenAsync(client, route: "/api/v1/nodes/streamed/orders/stream");
        await stream.NextBlockAsync();

        // A paper order, which is not the node's.
        await Polling.JsonAsync(await client.PostAsJsonAsync("/api/v1/paper/reset", new { cash = 50_000, start_date = "2023-03-01" }), HttpStatusCode.OK);
        await Polling.JsonAsync(await client.PostAsJsonAsync("/api/v1/paper/orders", new { symbol = "AAPL", side = "buy", quantity = 10 }), HttpStatusCode.Created);
        await Polling.JsonAsync(await client.PostAsJsonAsync("/api/v1/nodes", Body("streamed")), HttpStatusCode.Created);
        var events = await stream.NextEventsAsync(6);

        await Polling.NodeAsync(client, "streamed", n => n.GetProperty("state").GetString() == "finished");
        var orders = await Polling.JsonAsync(await client.GetAsync("/api/v1/nodes/streamed/orders"), HttpStatusCode.OK);
        var expected = orders.EnumerateArray()
            .SelectMany(o => o.GetProperty("events").EnumerateArray().Select(e => (Id: o.GetProperty("id").GetInt64(), Time: e.GetProperty("time").GetDateTime(), Status: e.GetProperty("status").GetString())))
            .OrderBy(e => e.Time).ThenBy(e => e.Id)
            .Take(6)
            .Select(e => $"{e.Id}:{e.Status}")
            .ToList();
        var streamed = events.Select(e => JsonDocument.Parse(e.Data!).RootElement).Select(e => $"{e.GetProperty("order_id").GetInt64()}:{e.GetProperty("status").GetString()}").ToList();
        Assert.Equal(expected.Order(StringComparer.Ordinal), streamed.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(events, e => JsonDocument.Parse(e.Data!).RootElement.GetProperty("time").GetDateTime().Year == 2023 && JsonDocument.Parse(e.Data!).RootElement.GetProperty("time").GetDateTime().Month == 3 && JsonDocument.Parse(e.Data!).RootElement.GetProperty("time").GetDateTime().Day == 1);
    }

    [Fact]
    public async Task A_manual_order_to_a_node_fills_from_its_next_bar_and_is_replayed_after_a_restart()
    {
        long id;
        decimal price;
        using (var factory = new ServerFactory(_database.Path))
        using (var client = factory.CreateClient())
        {
            client.DefaultRequestHeaders.Add("X-Requested-With", "tests");
            var definition = new { id = "manual", strategy = "buy_and_hold", parameters = new { quantity = 1 }, symbols = new[] { "AAPL" }, from = "2022-01-03", speed = 4_320_000 };
            await Polling.JsonAsync(await client.PostAsJsonAsync("/api/v1/nodes", definition), HttpStatusCode.Created);
            await Polling.NodeAsync(client, "manual", n => n.GetProperty("steps").GetInt64() > 3);

            using var submitted = await client.PostAsJsonAsync("/api/v1/nodes/manual/orders", new { symbol = "AAPL", side = "buy", quantity = 7, client_order_id = "mine-1" });
            var order = await Polling.JsonAsync(submitted, HttpStatusCode.Created);
            id = order.GetProperty("id").GetInt64();
            Assert.Equal($"/api/v1/nodes/manual/orders/{id}", submitted.Headers.Location?.ToString());

            // The client retries, not knowing whether the first went through: the same order, not a second one.
            var retried = await Polling.JsonAsync(await client.PostAsJsonAsync("/api/v1/nodes/manual/orders", new { symbol = "AAPL", side = "buy", quantity = 7, client_order_id = "mine-1" }), HttpStatusCode.OK);
            Assert.Equal(id, retried.GetProperty("id").GetInt64());
            await Problems.AssertProblem(await client.PostAsJsonAsync("/api/v1/nodes/manual/orders", new { symbol = "AAPL", side = "sell", quantity = 7, client_order_id = "mine-1" }), HttpStatusCode.Conflict, "client_order_id");
            await Problems.AssertProblem(await client.PostAsJsonAsync("/api/v1/nodes/manual/orders", new { symbol = "MSFT", side = "buy", quantity = 1 }), HttpStatusCode.Conflict, "symbol");

            var deadline = DateTime.UtcNow.AddSeconds(30);
            JsonElement filled;
            do
            {
                await Task.Delay(20);
                filled = (await Polling.JsonAsync(await client.GetAsync("/api/v1/nodes/manual/orders"), HttpStatusCode.OK)).EnumerateArray().Single(o => o.GetProperty("id").GetInt64() == id);
            }
            while (filled.GetProperty("status").GetString() != "filled" && DateTime.UtcNow < deadline);

            Assert.Equal("filled", filled.GetProperty("status").GetString());
            price = filled.GetProperty("average_fill_price").GetDecimal();
            await Problems.AssertProblem(await client.DeleteAsync($"/api/v1/nodes/manual/orders/{id}"), HttpStatusCode.Conflict, "order_id");
            await Polling.JsonAsync(await client.DeleteAsync("/api/v1/nodes/manual?keep=true"), HttpStatusCode.OK);
        }

        using (var factory = new ServerFactory(_database.Path))
        using (var client = factory.CreateClient())
        {
            client.DefaultRequestHeaders.Add("X-Requested-With", "tests");
            await Polling.JsonAsync(await client.PostAsync("/api/v1/nodes/manual/start", null), HttpStatusCode.OK);
            await Polling.NodeAsync(client, "manual", n => n.GetProperty("state").GetString() is not ("starting" or "recovering"));
            var orders = await Polling.JsonAsync(await client.GetAsync("/api/v1/nodes/manual/orders"), HttpStatusCode.OK);
            var again = orders.EnumerateArray().Single(o => o.GetProperty("id").GetInt64() == id);
            Assert.Equal("filled", again.GetProperty("status").GetString());
            Assert.Equal(price, again.GetProperty("average_fill_price").GetDecimal());
        }
    }

    [Fact]
    public async Task A_node_takes_the_parameters_configured_for_its_strategy_under_its_own()
    {
        using var factory = new ServerFactory(_database.Path);
        using var client = factory.CreateClient();
        await Polling.JsonAsync(await client.PostAsJsonAsync("/api/v1/strategy/configure_strategy/sma_cross", new { fast = 3, slow = 9 }), HttpStatusCode.OK);

        var node = await Polling.JsonAsync(await client.PostAsJsonAsync("/api/v1/nodes", new { id = "configured", strategy = "sma_cross", parameters = new { slow = 12 }, symbols = new[] { "AAPL" } }), HttpStatusCode.Created);

        var parameters = node.GetProperty("definition").GetProperty("parameters");
        Assert.Equal("3", parameters.GetProperty("fast").GetString());
        Assert.Equal("12", parameters.GetProperty("slow").GetString());
    }

    [Fact]
    public async Task Nodes_beyond_server_max_nodes_are_a_503_and_nothing_is_stored_for_them()
    {
        using var factory = new ServerFactory(_database.Path, new Dictionary<string, string?> { ["Server:MaxNodes"] = "2" });
        using var client = factory.CreateClient();
        await Polling.JsonAsync(await client.PostAsJsonAsync("/api/v1/nodes", Body("first", speed: 86_400)), HttpStatusCode.Created);
        await Polling.JsonAsync(await client.PostAsJsonAsync("/api/v1/nodes", Body("second", speed: 86_400)), HttpStatusCode.Created);

        var problem = await Problems.AssertProblem(await client.PostAsJsonAsync("/api/v1/nodes", Body("third", speed: 86_400)), HttpStatusCode.ServiceUnavailable, "nodes");

        Assert.Contains("Server:MaxNodes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/nodes/third")).StatusCode);
    }
}

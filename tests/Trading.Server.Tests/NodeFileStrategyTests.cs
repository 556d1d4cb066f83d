using System.Net;
using System.Net.Http.Json;
using Trading.Tests.Strategies.Files;

namespace Trading.Server.Tests;

/// <summary>Nodes running a strategy of a file under <c>Strategies:Paths</c>: made, run and resumed like a built-in's,
/// pinned to the file's content so a restart with other code is refused rather than replayed into other decisions.</summary>
public sealed class NodeFileStrategyTests : IDisposable
{
    private readonly TemporaryDatabase _database = new();
    private readonly string _file;
    private readonly Dictionary<string, string?> _settings;

    public NodeFileStrategyTests()
    {
        var folder = Path.Combine(_database.Directory, "strategies");
        Directory.CreateDirectory(folder);
        _file = Path.Combine(folder, "timed_trade.cs");
        File.WriteAllText(_file, StrategySources.TimedTrade);
        _settings = new Dictionary<string, string?>
        {
            ["Strategies:Paths:0"] = folder,
            ["Strategies:CachePath"] = Path.Combine(_database.Directory, "cache"),
        };
    }

    public void Dispose() => _database.Dispose();

    private static object Body(string id, double speed = 0) => new
    {
        id,
        strategy = "timed_trade",
        parameters = new { quantity = 7 },
        symbols = new[] { "AAPL" },
        from = "2022-01-03",
        speed,
    };

    [Fact]
    public async Task A_file_strategy_runs_as_a_node_to_the_end_with_the_file_and_its_hash_in_the_definition()
    {
        using var factory = new ServerFactory(_database.Path, _settings);
        using var client = factory.CreateClient();

        var created = await Polling.JsonAsync(await client.PostAsJsonAsync("/api/v1/nodes", Body("mine")), HttpStatusCode.Created);
        var finished = await Polling.NodeAsync(client, "mine", n => n.GetProperty("state").GetString() is "finished" or "failed");
        var transactions = await Polling.JsonAsync(await client.GetAsync("/api/v1/nodes/mine/transactions"), HttpStatusCode.OK);

        Assert.Equal("finished", finished.GetProperty("state").GetString());
        var definition = created.GetProperty("definition");
        Assert.Equal(_file, definition.GetProperty("strategy_file").GetString());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(_file))), definition.GetProperty("strategy_file_sha256").GetString());
        var trades = transactions.EnumerateArray().Where(t => t.GetProperty("symbol").GetString() == "AAPL").Select(t => t.GetProperty("quantity").GetDecimal()).ToList();
        Assert.Equal([7m, -7m], trades);
    }

    [Fact]
    public async Task A_file_strategy_unknown_to_the_server_is_a_400_listing_the_strategies_it_has()
    {
        using var factory = new ServerFactory(_database.Path);
        using var client = factory.CreateClient();

        var problem = await Problems.AssertProblem(await client.PostAsJsonAsync("/api/v1/nodes", Body("mine")), HttpStatusCode.BadRequest, "strategy");

        Assert.Contains("no strategy named 'timed_trade'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_whose_file_changed_while_the_server_was_down_fails_to_resume_naming_the_file_and_starts_when_it_is_put_back()
    {
        using (var factory = new ServerFactory(_database.Path, _settings))
        using (var client = factory.CreateClient())
        {
            // About 70 bars a second: the server stops early in the run.
            await Polling.JsonAsync(await client.PostAsJsonAsync("/api/v1/nodes", Body("pinned", speed: 8_640_000)), HttpStatusCode.Created);
            await Polling.NodeAsync(client, "pinned", n => n.GetProperty("steps").GetInt64() > 5);
        }

        File.WriteAllText(_file, StrategySources.TimedTrade.Replace("\"quantity\", 100,", "\"quantity\", 50,", StringComparison.Ordinal));
        using (var factory = new ServerFactory(_database.Path, _settings))
        using (var client = factory.CreateClient())
        {
            var failed = await Polling.NodeAsync(client, "pinned", n => n.GetProperty("state").GetString() == "failed");
            var start = await client.PostAsJsonAsync("/api/v1/nodes/pinned/start", new { });

            Assert.Equal("failed", failed.GetProperty("state").GetString());
            Assert.Contains($"was made with {_file}", failed.GetProperty("reason").GetString(), StringComparison.Ordinal);
            Assert.Contains("which has changed since", failed.GetProperty("reason").GetString(), StringComparison.Ordinal);
            await Problems.AssertProblem(start, HttpStatusCode.UnprocessableEntity, "id");
        }

        File.WriteAllText(_file, StrategySources.TimedTrade);
        using (var factory = new ServerFactory(_database.Path, _settings))
        using (var client = factory.CreateClient())
        {
            await Polling.JsonAsync(await client.PostAsJsonAsync("/api/v1/nodes/pinned/start", new { }), HttpStatusCode.OK);
            var finished = await Polling.NodeAsync(client, "pinned", n => n.GetProperty("state").GetString() is "finished" or "failed");

            Assert.Equal("finished", finished.GetProperty("state").GetString());
        }
    }
}

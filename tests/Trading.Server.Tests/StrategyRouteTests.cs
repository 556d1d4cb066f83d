using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Trading.Server.Tests;

public sealed class StrategyRouteTests : IDisposable
{
    private readonly TemporaryDatabase _database = new(seeded: false);

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Strategies_lists_every_strategy_with_its_parameter_schema()
    {
        using var factory = new ServerFactory(_database.Path);
        using var client = factory.CreateClient();

        var body = JsonDocument.Parse(await client.GetStringAsync("/api/v1/strategy/strategies")).RootElement;

        var sma = body.EnumerateArray().Single(s => s.GetProperty("name").GetString() == "sma_cross");
        var fast = sma.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "fast");
        Assert.Equal("integer", fast.GetProperty("type").GetString());
        Assert.Equal(10, fast.GetProperty("default").GetInt32());
        Assert.Contains(sma.GetProperty("rules").EnumerateArray(), r => r.GetString()!.Contains("fast", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Configured_parameters_are_validated_returned_and_persist_across_a_restart()
    {
        using (var factory = new ServerFactory(_database.Path))
        {
            using var client = factory.CreateClient();
            var defaults = JsonDocument.Parse(await client.GetStringAsync("/api/v1/strategy/strategy_parameters/sma_cross")).RootElement;
            Assert.Equal(10, defaults.GetProperty("fast").GetInt32());

            using var configured = await client.PostAsJsonAsync("/api/v1/strategy/configure_strategy/sma_cross", new { fast = 12, slow = 40 });
            Assert.Equal(HttpStatusCode.OK, configured.StatusCode);
            var stored = JsonDocument.Parse(await configured.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(12, stored.GetProperty("fast").GetInt32());
            Assert.Equal(40, stored.GetProperty("slow").GetInt32());

            // Some parameters only: the others keep what was stored.
            using var partly = await client.PostAsJsonAsync("/api/v1/strategy/configure_strategy/SMA_CROSS", new { slow = 50 });
            Assert.Equal(12, JsonDocument.Parse(await partly.Content.ReadAsStringAsync()).RootElement.GetProperty("fast").GetInt32());
        }

        using (var restarted = new ServerFactory(_database.Path))
        {
            using var client = restarted.CreateClient();
            var after = JsonDocument.Parse(await client.GetStringAsync("/api/v1/strategy/strategy_parameters/sma_cross")).RootElement;
            Assert.Equal(12, after.GetProperty("fast").GetInt32());
            Assert.Equal(50, after.GetProperty("slow").GetInt32());
        }
    }

    [Fact]
    public async Task A_configuration_breaking_a_rule_is_refused_and_nothing_is_stored()
    {
        using var factory = new ServerFactory(_database.Path);
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/v1/strategy/configure_strategy/sma_cross", new { fast = 50 });

        await Problems.AssertProblem(response, HttpStatusCode.BadRequest, "fast");
        var after = JsonDocument.Parse(await client.GetStringAsync("/api/v1/strategy/strategy_parameters/sma_cross")).RootElement;
        Assert.Equal(10, after.GetProperty("fast").GetInt32());
    }

    [Fact]
    public async Task An_unknown_strategy_is_a_404_problem_listing_the_valid_ones()
    {
        using var factory = new ServerFactory(_database.Path);
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/api/v1/strategy/strategy_parameters/no_such_strategy");

        var body = await Problems.AssertProblem(response, HttpStatusCode.NotFound, "strategy");
        Assert.Contains("sma_cross", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}

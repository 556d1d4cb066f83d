using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Trading.Server.Tests;

public sealed class SecurityTests : IDisposable
{
    private const string Key = "s3cret-key-that-must-never-be-logged-0123456789";

    private static readonly string[] Mutating =
    [
        "/api/v1/strategy/configure_strategy/sma_cross",
        "/api/v1/paper/orders",
        "/api/v1/paper/advance",
        "/api/v1/paper/reset",
        "/api/v1/backtests",
    ];

    private readonly TemporaryDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private ServerFactory WithKey(Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Server:ApiKey"] = Key,
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
        };
        foreach (var (k, v) in more ?? [])
        {
            settings[k] = v;
        }

        return new ServerFactory(_database.Path, settings);
    }

    [Fact]
    public async Task With_a_key_configured_every_mutating_route_answers_401_without_it_or_with_a_wrong_one()
    {
        using var factory = WithKey();
        using var client = factory.CreateClient();

        foreach (var route in Mutating)
        {
            using var without = await client.PostAsync(route, new StringContent("{}", Encoding.UTF8, "application/json"));
            await Problems.AssertProblem(without, HttpStatusCode.Unauthorized, "X-API-Key");
            using var wrong = new HttpRequestMessage(HttpMethod.Post, route) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
            wrong.Headers.Add("X-API-Key", Key[..^1] + "X");
            using var refused = await client.SendAsync(wrong);
            await Problems.AssertProblem(refused, HttpStatusCode.Unauthorized, "X-API-Key");
        }

        using var deleteRequest = new HttpRequestMessage(HttpMethod.Delete, "/api/v1/paper/orders/1");
        deleteRequest.Headers.Add("X-Requested-With", "test");
        using var delete = await client.SendAsync(deleteRequest);
        await Problems.AssertProblem(delete, HttpStatusCode.Unauthorized, "X-API-Key");

        // Nothing was changed by the refused requests.
        var parameters = await client.GetStringAsync("/api/v1/strategy/strategy_parameters/sma_cross");
        Assert.Contains("\"fast\":10", parameters, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_key_mutating_routes_work_and_reads_never_need_it()
    {
        using var factory = WithKey();
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-API-Key", Key);

        using var configured = await client.PostAsJsonAsync("/api/v1/strategy/configure_strategy/sma_cross", new { fast = 7 });
        Assert.Equal(HttpStatusCode.OK, configured.StatusCode);

        using var anonymous = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/v1/strategy/strategy_parameters/sma_cross")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/v1/data/stock/AAPL?start_date=2023-01-02&end_date=2023-01-31")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/v1/data/batch", new { symbols = new[] { "AAPL" } })).StatusCode);
    }

    [Fact]
    public void Every_route_that_changes_state_carries_the_key_filter()
    {
        using var factory = WithKey();
        var unguarded = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Any(m => m is "POST" or "PUT" or "PATCH" or "DELETE") == true)
            // POSTs that only read (the original's batch and signal requests, and the desired portfolio) need no key.
            .Where(e => e.RoutePattern.RawText is not ("/api/v1/data/batch" or "/api/v1/strategy/generate_signals" or "/api/v1/portfolio/desired"))
            .Where(e => e.Metadata.GetMetadata<Hosting.ApiKeyRequired>() is null)
            .Select(e => e.RoutePattern.RawText)
            .ToArray();

        Assert.Empty(unguarded);
    }

    [Fact]
    public async Task The_key_never_appears_in_the_logs_whether_it_is_sent_right_or_wrong()
    {
        using var factory = WithKey();
        using var client = factory.CreateClient();
        foreach (var key in new[] { Key, Key + "-wrong", "short" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/strategy/configure_strategy/sma_cross") { Content = new StringContent("{\"fast\": 9}", Encoding.UTF8, "application/json") };
            request.Headers.Add("X-API-Key", key);
            using var response = await client.SendAsync(request);
        }

        using var bad = new HttpRequestMessage(HttpMethod.Post, "/api/v1/paper/orders") { Content = new StringContent("{", Encoding.UTF8, "application/json") };
        bad.Headers.Add("X-API-Key", Key);
        using var badResponse = await client.SendAsync(bad);

        var lines = factory.Logs.Lines;
        Assert.True(lines.Count > 10, $"expected trace logging to capture the requests; got {lines.Count} lines");
        Assert.Contains(lines, l => l.Contains("missing or wrong API key", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(Key, StringComparison.Ordinal) || l.Contains("s3cret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Over_the_rate_limit_a_client_gets_a_429_problem_with_retry_after()
    {
        using var factory = new ServerFactory(_database.Path, new Dictionary<string, string?>
        {
            ["Server:RateLimit:PermitLimit"] = "3",
            ["Server:RateLimit:Window"] = "00:01:00",
        });
        using var client = factory.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/strategy/strategies")).StatusCode);
        }

        using var limited = await client.GetAsync("/api/v1/strategy/strategies");

        await Problems.AssertProblem(limited, HttpStatusCode.TooManyRequests, "client");
        Assert.Equal(TimeSpan.FromSeconds(60), limited.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task A_short_api_key_stops_the_server_at_start_naming_the_setting()
    {
        var error = await RefusedStart.Of(_database.Path, new Dictionary<string, string?> { ["Server:ApiKey"] = "abc" });

        Assert.True(error.ToString().Contains("Server:ApiKey", StringComparison.Ordinal), error.ToString());
    }

    [Fact]
    public void The_default_address_is_loopback_only()
    {
        var app = TradingServer.Create([], new Dictionary<string, string?> { ["Store:SqlitePath"] = _database.Path });

        Assert.Equal("http://localhost:8000", app.Configuration["urls"]);
    }
}

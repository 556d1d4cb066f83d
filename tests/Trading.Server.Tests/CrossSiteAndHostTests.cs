using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Trading.Server.Tests;

/// <summary>A web page the user visits cannot change the server (no request a browser sends cross-origin without a
/// CORS preflight is accepted, and no preflight is granted), and a name that resolves to it by DNS rebinding is refused.</summary>
public sealed class CrossSiteAndHostTests : IDisposable
{
    private readonly TemporaryDatabase _database = new();

    public void Dispose() => _database.Dispose();

    /// <summary>Every route that changes state or may (a batch or signal request can fetch and store bars), with its
    /// route values filled in.</summary>
    private static (HttpMethod Method, string Path)[] MutatingRoutes(ServerFactory factory) =>
    [
        .. factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (Method: m, Path: e.RoutePattern.RawText!)))
            .Where(r => r.Method is "POST" or "PUT" or "PATCH" or "DELETE")
            .Select(r => (new HttpMethod(r.Method), r.Path.Replace("{strategy}", "sma_cross", StringComparison.Ordinal).Replace("{id}", "1", StringComparison.Ordinal))),
    ];

    /// <summary>What a page can send with <c>fetch(url, {method: "POST", mode: "no-cors", body})</c> or a form.</summary>
    private static IEnumerable<(string What, HttpContent? Content)> SimpleBodies()
    {
        yield return ("no body, no content type", null);
        yield return ("a body with no content type", new ByteArrayContent("{\"cash\": 1}"u8.ToArray()));
        yield return ("text/plain", new StringContent("{\"cash\": 1, \"start_date\": \"2023-01-03\"}", Encoding.UTF8, "text/plain"));
        yield return ("a form", new FormUrlEncodedContent([new("cash", "1")]));
        yield return ("multipart", new MultipartFormDataContent { { new StringContent("1"), "cash" } });

        // Reports a page makes the browser post to any address it names (Content-Security-Policy report-uri and
        // report-to), cross-site and without a preflight; a JSON media type by suffix is not application/json.
        yield return ("a Reporting API report", new StringContent("{\"cash\": 1, \"start_date\": \"2023-01-03\"}", Encoding.UTF8, "application/reports+json"));
        yield return ("a CSP report", new StringContent("{\"cash\": 1}", Encoding.UTF8, "application/csp-report"));
    }

    [Fact]
    public async Task Requests_a_page_can_send_without_a_preflight_get_415_on_every_mutating_route_and_change_nothing()
    {
        using var factory = new ServerFactory(_database.Path);
        using var client = factory.CreateClient();
        await client.PostAsJsonAsync("/api/v1/paper/reset", new { cash = 50_000, start_date = "2023-03-01" });
        await client.PostAsJsonAsync("/api/v1/paper/orders", new { symbol = "AAPL", side = "buy", quantity = 10, type = "limit", limit_price = 1 });
        var before = await client.GetStringAsync("/api/v1/paper/account");
        var routes = MutatingRoutes(factory);
        Assert.Contains(routes, r => r.Path == "/api/v1/paper/reset");
        Assert.Contains(routes, r => r.Method == HttpMethod.Delete);

        foreach (var (method, path) in routes)
        {
            foreach (var (what, content) in SimpleBodies())
            {
                using var request = new HttpRequestMessage(method, path) { Content = content };
                request.Headers.Add("Origin", "https://evil.example");
                using var response = await client.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.UnsupportedMediaType, $"{method} {path} with {what}: {(int)response.StatusCode} {text}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.Contains("application/json", text, StringComparison.Ordinal);
                Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"), $"{method} {path} granted CORS");
            }
        }

        Assert.Equal(before, await client.GetStringAsync("/api/v1/paper/account"));
        var orders = JsonDocument.Parse(await client.GetStringAsync("/api/v1/paper/orders")).RootElement;
        Assert.Equal("accepted", Assert.Single(orders.EnumerateArray()).GetProperty("status").GetString());
        Assert.Contains("\"fast\":10", await client.GetStringAsync("/api/v1/strategy/strategy_parameters/sma_cross"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_json_body_or_a_custom_header_on_a_bodiless_request_is_accepted()
    {
        using var factory = new ServerFactory(_database.Path);
        using var client = factory.CreateClient();

        using var json = await client.PostAsync("/api/v1/paper/reset", new StringContent("{\"start_date\": \"2023-03-01\"}", Encoding.UTF8, "application/json"));
        using var emptyJson = new HttpRequestMessage(HttpMethod.Post, "/api/v1/paper/advance") { Content = new StringContent(string.Empty, Encoding.UTF8, "application/json") };
        using var emptyJsonResponse = await client.SendAsync(emptyJson);
        using var header = new HttpRequestMessage(HttpMethod.Post, "/api/v1/paper/advance");
        header.Headers.Add("X-Requested-With", "curl");
        using var headerResponse = await client.SendAsync(header);
        using var delete = new HttpRequestMessage(HttpMethod.Delete, "/api/v1/paper/orders/1");
        delete.Headers.Add("X-Requested-With", "curl");
        using var deleteResponse = await client.SendAsync(delete);

        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal(HttpStatusCode.OK, emptyJsonResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, headerResponse.StatusCode);
        // Past the guard: the route itself answers that there is no such order.
        await Problems.AssertProblem(deleteResponse, HttpStatusCode.NotFound, "id");
    }

    [Fact]
    public async Task A_preflight_from_another_origin_is_granted_nothing()
    {
        using var factory = new ServerFactory(_database.Path);
        using var client = factory.CreateClient();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/v1/paper/reset");
        preflight.Headers.Add("Origin", "https://evil.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type");

        using var response = await client.SendAsync(preflight);

        Assert.False(response.IsSuccessStatusCode, $"{(int)response.StatusCode}");
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Methods"));
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("evil.example:8000")]
    [InlineData("127.0.0.2")]
    [InlineData("localhost.evil.example")]
    public async Task A_request_for_a_host_name_the_server_does_not_answer_to_is_a_400_problem(string host)
    {
        using var factory = new ServerFactory(_database.Path);
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/strategy/strategies");
        request.Headers.Host = host;

        using var response = await client.SendAsync(request);

        await Problems.AssertProblem(response, HttpStatusCode.BadRequest, "Host");
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("localhost:8000")]
    [InlineData("127.0.0.1:8000")]
    [InlineData("[::1]:8000")]
    public async Task Loopback_names_are_answered_by_default(string host)
    {
        using var factory = new ServerFactory(_database.Path);
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/strategy/strategies");
        request.Headers.Host = host;

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_host_of_the_configured_urls_is_answered_and_allowed_hosts_replaces_the_defaults()
    {
        using var listening = new ServerFactory(_database.Path, new Dictionary<string, string?> { ["urls"] = "http://trading-box:18089", ["Server:ApiKey"] = "a-key-of-sixteen-chars" });
        using var listeningClient = listening.CreateClient();
        using var configured = new ServerFactory(_database.Path, new Dictionary<string, string?> { ["AllowedHosts"] = "trade.example.org;*.desk.example" });
        using var configuredClient = configured.CreateClient();

        async Task<HttpStatusCode> Get(HttpClient client, string host)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/strategy/strategies");
            request.Headers.Host = host;
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await Get(listeningClient, "trading-box:18089"));
        Assert.Equal(HttpStatusCode.OK, await Get(listeningClient, "localhost:18089"));
        Assert.Equal(HttpStatusCode.BadRequest, await Get(listeningClient, "other-box:18089"));
        Assert.Equal(HttpStatusCode.OK, await Get(configuredClient, "trade.example.org"));
        Assert.Equal(HttpStatusCode.OK, await Get(configuredClient, "a.desk.example"));
        Assert.Equal(HttpStatusCode.BadRequest, await Get(configuredClient, "localhost"));
    }

    [Fact]
    public async Task Urls_beyond_loopback_without_an_api_key_stop_the_server_at_start_naming_the_settings()
    {
        var error = await RefusedStart.Of(_database.Path, new Dictionary<string, string?> { ["urls"] = "http://trading-box:18089" });

        Assert.Contains("Server:ApiKey", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Server:AllowRemoteWithoutApiKey", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("every network interface", error.ToString(), StringComparison.Ordinal);
    }
}

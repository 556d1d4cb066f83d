using System.Net;
using System.Text.Json;

namespace Trading.Server.Tests;

public sealed class ServiceRouteTests : IDisposable
{
    private readonly TemporaryDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task OpenApi_describes_the_original_routes_and_the_rest()
    {
        using var factory = new ServerFactory(_database.Path);
        using var client = factory.CreateClient();

        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToArray();
        foreach (var path in new[]
        {
            "/api/v1/data/stock/{symbol}", "/api/v1/data/batch", "/api/v1/data/indicators/{symbol}",
            "/api/v1/strategy/strategy_parameters/{strategy}", "/api/v1/strategy/configure_strategy/{strategy}", "/api/v1/strategy/strategies",
            "/api/v1/paper/orders", "/api/v1/paper/orders/{id}", "/api/v1/paper/account", "/api/v1/backtests", "/api/v1/backtests/{id}/report",
        })
        {
            Assert.Contains(path, paths);
        }

        var stock = document.GetProperty("paths").GetProperty("/api/v1/data/stock/{symbol}").GetProperty("get");
        Assert.Contains(stock.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "start_date");
        Assert.False(stock.TryGetProperty("security", out _));
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("X-API-Key", scheme.GetProperty("name").GetString());
        var configure = document.GetProperty("paths").GetProperty("/api/v1/strategy/configure_strategy/{strategy}").GetProperty("post");
        Assert.True(configure.GetProperty("security")[0].TryGetProperty("ApiKey", out _), configure.ToString());
    }

    [Fact]
    public async Task The_api_reference_page_is_served_at_docs()
    {
        using var factory = new ServerFactory(_database.Path);
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/docs/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("openapi/v1.json", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var root = await factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync("/");
        Assert.Equal("/docs", root.Headers.Location?.ToString());
    }

    [Fact]
    public async Task Health_reports_the_store_and_the_cache_as_json()
    {
        using var factory = new ServerFactory(_database.Path);
        using var client = factory.CreateClient();
        await client.GetStringAsync("/api/v1/data/stock/AAPL?start_date=2023-01-02&end_date=2023-01-31");

        using var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        var store = body.GetProperty("checks").GetProperty("store");
        Assert.Equal(TemporaryDatabase.Tickers.Length + 1, store.GetProperty("series").GetInt32());
        Assert.Equal("SQLite market data store", store.GetProperty("description").GetString());
        Assert.True(body.GetProperty("checks").GetProperty("cache").GetProperty("entries").GetInt64() >= 1);
    }

    [Fact]
    public async Task Health_is_unhealthy_with_503_when_the_store_cannot_answer()
    {
        using var factory = new ServerFactory(_database.Path);
        using var client = factory.CreateClient();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await File.WriteAllTextAsync(_database.Path, "not a database any more");

        using var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("unhealthy", body.GetProperty("checks").GetProperty("store").GetProperty("status").GetString());
    }
}

using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Trading.Data.Storage.Postgres;
using Trading.Tests.Services;

namespace Trading.Server.Tests;

/// <summary>A running server never serves bars that a write by another process replaced: <c>trade data import</c>
/// run beside real <c>trade serve</c> processes, on SQLite with the in-process cache and on PostgreSQL with two
/// servers sharing one Redis cache (the importer knowing nothing of Redis), on every route that serves bars or what is
/// computed from them (stock, batch, indicators, signals).</summary>
public sealed class WritesByOtherProcessesTests : IDisposable
{
    private const string Day = "2023-03-06";
    private const string Range = "start_date=2023-03-01&end_date=2023-03-10&interval=1d";
    private const double NewClose = 123.25;

    private readonly TemporaryDatabase _database = new();
    private readonly PostgresTestSchemas _schemas = new();

    public void Dispose()
    {
        _database.Dispose();
        _schemas.Dispose();
    }

    [Fact]
    public async Task A_close_changed_by_trade_data_import_is_served_at_once_by_a_running_server_on_sqlite()
    {
        var sqlite = new Dictionary<string, string>();
        await using var server = await TradeServeProcess.StartAsync(_database.Directory, sqlite, "--db", _database.Path);
        var before = await CloseOnAsync(server, Day);
        await BatchCloseOnAsync(server, Day);
        await IndicatorCloseOnAsync(server, Day);
        Assert.Equal(before, await SignalPriceOnAsync(server, Day));

        await ImportNewCloseAsync(sqlite, "--db", _database.Path);

        Assert.NotEqual(NewClose, before);
        Assert.Equal(NewClose, await CloseOnAsync(server, Day));
        Assert.Equal(NewClose, await BatchCloseOnAsync(server, Day));
        Assert.Equal(NewClose, await IndicatorCloseOnAsync(server, Day));
        Assert.Equal(NewClose, await SignalPriceOnAsync(server, Day));
    }

    [SkippableFact]
    public async Task A_close_changed_by_trade_data_import_is_served_at_once_by_two_servers_sharing_redis_on_postgres()
    {
        var postgres = _schemas.Create();
        await using (var store = new PostgresMarketDataStore(postgres))
        {
            await store.WriteAsync(TemporaryDatabase.Seed());
        }

        var importer = new Dictionary<string, string>
        {
            ["TRADE_Store__Provider"] = "postgres",
            ["TRADE_Store__PostgresConnectionString"] = postgres,
        };
        var servers = new Dictionary<string, string>(importer)
        {
            ["TRADE_Cache__RedisConnectionString"] = TestServices.Redis(),
            ["TRADE_Cache__RedisKeyPrefix"] = $"test:{Guid.NewGuid():N}:",
        };
        await using var one = await TradeServeProcess.StartAsync(_database.Directory, servers);
        await using var other = await TradeServeProcess.StartAsync(_database.Directory, servers);
        var before = await CloseOnAsync(one, Day);
        Assert.Equal(before, await CloseOnAsync(other, Day));
        Assert.Equal(before, await SignalPriceOnAsync(other, Day));

        await ImportNewCloseAsync(importer);

        Assert.NotEqual(NewClose, before);
        Assert.Equal(NewClose, await CloseOnAsync(one, Day));
        Assert.Equal(NewClose, await CloseOnAsync(other, Day));
        Assert.Equal(NewClose, await BatchCloseOnAsync(other, Day));
        Assert.Equal(NewClose, await IndicatorCloseOnAsync(one, Day));
        Assert.Equal(NewClose, await SignalPriceOnAsync(other, Day));
    }

    /// <summary>Imports one AAPL bar on <see cref="Day"/> whose prices are all <see cref="NewClose"/>.</summary>
    private async Task ImportNewCloseAsync(IReadOnlyDictionary<string, string> environment, params string[] options)
    {
        var file = Path.Combine(_database.Directory, "aapl-fix.csv");
        await File.WriteAllTextAsync(file, string.Create(CultureInfo.InvariantCulture, $"Date,Open,High,Low,Close,Volume\n{Day},{NewClose},{NewClose},{NewClose},{NewClose},1000\n"));
        var import = await TradeCommand.RunAsync(_database.Directory, environment, ["data", "import", file, "--symbol", "AAPL", .. options]);
        Assert.True(import.ExitCode == 0, $"trade data import exited {import.ExitCode}: {import.Error}");
    }

    private static async Task<double> CloseOnAsync(TradeServeProcess server, string day)
    {
        var stock = await GetJsonAsync(server, $"/api/v1/data/stock/AAPL?{Range}");
        return CloseOn(stock, day);
    }

    private static async Task<double> BatchCloseOnAsync(TradeServeProcess server, string day)
    {
        using var response = await server.Client.PostAsJsonAsync(
            "/api/v1/data/batch", new { symbols = new[] { "AAPL", "MSFT" }, start_date = "2023-03-01", end_date = "2023-03-10", interval = "1d" });
        Assert.True(response.IsSuccessStatusCode, $"batch answered {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var batch = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return CloseOn(batch.GetProperty("stock_data").GetProperty("AAPL"), day);
    }

    private static async Task<double> IndicatorCloseOnAsync(TradeServeProcess server, string day)
    {
        var indicators = await GetJsonAsync(server, $"/api/v1/data/indicators/AAPL?indicators=sma(2)&adjust=none&{Range}");
        return CloseOn(indicators, day);
    }

    /// <summary>The current price the momentum signal of AAPL gives as of <paramref name="day"/>: its close then.</summary>
    private static async Task<double> SignalPriceOnAsync(TradeServeProcess server, string day)
    {
        using var response = await server.Client.PostAsJsonAsync(
            "/api/v1/strategy/generate_signals", new { symbols = new[] { "AAPL" }, start_date = "2023-01-01", end_date = day, interval = "1d" });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"generate_signals answered {response.StatusCode}: {body}");
        var signal = Assert.Single(JsonDocument.Parse(body).RootElement.GetProperty("signals").EnumerateArray());
        return signal.GetProperty("current_price").GetDouble();
    }

    private static async Task<JsonElement> GetJsonAsync(TradeServeProcess server, string path)
    {
        using var response = await server.Client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path} answered {response.StatusCode}: {body}\nserver:\n{server.Output()}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static double CloseOn(JsonElement series, string day) =>
        series.GetProperty("data_points").EnumerateArray().Single(p => p.GetProperty("date").GetString() == day).GetProperty("close").GetDouble();
}

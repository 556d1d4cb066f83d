using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Trading.Server.Tests;

/// <summary>A paper order or an advance that the venue cannot account for (an amount beyond decimal's range, a stored
/// bar that breaks the bar rule) is refused with a 4xx problem before anything changes: no order is left half-way,
/// and the clock does not move.</summary>
public sealed class PaperRangeTests : IDisposable
{
    private readonly TemporaryDatabase _database = new();
    private readonly ServerFactory _factory;
    private readonly HttpClient _client;

    public PaperRangeTests()
    {
        StoredBars.Write(_database.Path, "HUGE", StoredBars.Flat(new DateOnly(2023, 1, 2), 5, 1e30));
        StoredBars.Write(_database.Path, "FAR", StoredBars.Flat(new DateOnly(2023, 1, 2), 4, 10).Append((DateOnly.MaxValue, 10, 10, 10, 10, 1_000)));
        StoredBars.Write(_database.Path, "LATER", StoredBars.Flat(new DateOnly(2023, 1, 2), 10, 10).Concat(StoredBars.Flat(new DateOnly(2023, 2, 1), 3, 1e30)));
        _factory = new ServerFactory(_database.Path);
        _client = _factory.CreateClient();
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task A_trail_beyond_decimal_range_is_refused_naming_it_and_leaves_no_order_and_no_clock()
    {
        using var response = await _client.PostAsync(
            "/api/v1/paper/orders",
            new StringContent("{\"symbol\": \"AAPL\", \"side\": \"buy\", \"quantity\": 1, \"type\": \"trailing_stop\", \"trail_amount\": 79228162514264337593543950335}", System.Text.Encoding.UTF8, "application/json"));

        await Problems.AssertProblem(response, HttpStatusCode.BadRequest, "trail_amount");
        await AssertNothingChanged();
    }

    [Theory]
    [InlineData("HUGE", "The stored HUGE 1d bar at 2023-01-02 breaks the bar rule: open 1E+30 is outside the price range 1e-6 to 1e9")]
    [InlineData("FAR", "The stored FAR 1d bar at 9999-12-31 breaks the bar rule: the date 9999-12-31 is outside the supported range")]
    public async Task An_order_on_a_symbol_whose_stored_bars_cannot_be_accounted_for_is_422_naming_the_symbol(string symbol, string detail)
    {
        using var response = await _client.PostAsJsonAsync("/api/v1/paper/orders", new { symbol, side = "buy", quantity = 1 });

        var problem = await Problems.AssertProblem(response, HttpStatusCode.UnprocessableEntity, "symbol");
        Assert.StartsWith(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertNothingChanged();
    }

    [Fact]
    public async Task An_advance_over_bars_that_cannot_be_accounted_for_is_422_naming_the_symbol_and_replays_nothing()
    {
        await _client.PostAsJsonAsync("/api/v1/paper/reset", new { start_date = "2023-01-10" });
        using var order = await _client.PostAsJsonAsync("/api/v1/paper/orders", new { symbol = "LATER", side = "buy", quantity = 1 });
        Assert.Equal(HttpStatusCode.Created, order.StatusCode);

        using var response = await _client.PostAsJsonAsync("/api/v1/paper/advance", new { });

        var problem = await Problems.AssertProblem(response, HttpStatusCode.UnprocessableEntity, "symbol");
        Assert.StartsWith("The stored LATER 1d bar at 2023-02-01 breaks the bar rule: open 1E+30 is outside the price range", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var account = JsonDocument.Parse(await _client.GetStringAsync("/api/v1/paper/account")).RootElement;
        // The end of the day to the microsecond, the journal's resolution.
        Assert.Equal(new DateTime(2023, 1, 10, 23, 59, 59, DateTimeKind.Utc).AddTicks(TimeSpan.TicksPerSecond - 10), account.GetProperty("as_of").GetDateTime().ToUniversalTime());
        Assert.Equal(1, account.GetProperty("working_orders").GetInt32());
        Assert.Empty(account.GetProperty("positions").EnumerateArray());
    }

    private async Task AssertNothingChanged()
    {
        var orders = JsonDocument.Parse(await _client.GetStringAsync("/api/v1/paper/orders")).RootElement;
        Assert.Equal(0, orders.ValueKind == JsonValueKind.Array ? orders.GetArrayLength() : orders.GetProperty("orders").GetArrayLength());
        var account = JsonDocument.Parse(await _client.GetStringAsync("/api/v1/paper/account")).RootElement;
        Assert.Equal(JsonValueKind.Null, account.GetProperty("as_of").ValueKind);
    }
}

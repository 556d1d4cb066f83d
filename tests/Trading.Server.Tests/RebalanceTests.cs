using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Trading.Data;
using Trading.Data.Storage.Sqlite;
using Trading.Domain;

namespace Trading.Server.Tests;

/// <summary>The manual rebalance against the paper account: it plans against the shares held plus those already on
/// order, acts once per idempotency key, submits all of its orders or none, and decides as of the account's clock.</summary>
public sealed class RebalanceTests : IDisposable
{
    // Every symbol qualifies and is picked, with no regime filter: the picks do not depend on the market.
    private static readonly object AllPicked = new { top_percentage = 1.0, trend_filter_period = 1, max_gap = 1.0 };

    private readonly TemporaryDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private static object Universe(string end = "2023-12-15", string[]? symbols = null) =>
        new { symbols = symbols ?? TemporaryDatabase.Tickers, start_date = "2023-01-01", end_date = end };

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<HttpClient> Ready(ServerFactory factory, object? parameters = null, decimal cash = 100_000m, string? clock = "2023-12-15")
    {
        var client = factory.CreateClient();
        await Json(await client.PostAsJsonAsync("/api/v1/strategy/configure_strategy/momentum", parameters ?? AllPicked));
        if (clock is not null)
        {
            await Json(await client.PostAsJsonAsync("/api/v1/paper/reset", new { cash, start_date = clock }));
        }

        return client;
    }

    private static async Task<JsonElement[]> Orders(HttpClient client, string status = "all") =>
        [.. (await Json(await client.GetAsync($"/api/v1/paper/orders?status={status}"))).EnumerateArray()];

    private static Dictionary<string, decimal> Bought(JsonElement response) =>
        response.GetProperty("submitted").EnumerateArray()
            .GroupBy(o => o.GetProperty("symbol").GetString()!)
            .ToDictionary(g => g.Key, g => g.Sum(o => o.GetProperty("quantity").GetDecimal()));

    [Fact]
    public async Task Three_identical_rebalances_before_an_advance_order_the_plan_once()
    {
        using var factory = new ServerFactory(_database.Path);
        using var client = await Ready(factory);

        var first = await Json(await client.PostAsJsonAsync("/api/v1/portfolio/rebalance", Universe()));
        var second = await Json(await client.PostAsJsonAsync("/api/v1/portfolio/rebalance", Universe()));
        var third = await Json(await client.PostAsJsonAsync("/api/v1/portfolio/rebalance", Universe()));

        var planned = Bought(first);
        Assert.Equal(3, planned.Count);
        Assert.Empty(second.GetProperty("submitted").EnumerateArray());
        Assert.Empty(third.GetProperty("submitted").EnumerateArray());
        // The repeat sees the first plan's orders as on order and wants nothing more.
        Assert.All(third.GetProperty("orders").EnumerateArray(), line =>
        {
            Assert.Null(line.GetProperty("side").GetString());
            Assert.Equal(planned[line.GetProperty("symbol").GetString()!], line.GetProperty("on_order").GetDecimal());
        });
        Assert.Equal(3, (await Orders(client, "working")).Length);

        await Json(await client.PostAsJsonAsync("/api/v1/paper/advance", new { to = "2023-12-20" }));
        var positions = (await Json(await client.GetAsync("/api/v1/paper/positions"))).EnumerateArray()
            .ToDictionary(p => p.GetProperty("symbol").GetString()!, p => p.GetProperty("quantity").GetDecimal());
        Assert.Equal(planned.OrderBy(p => p.Key), positions.OrderBy(p => p.Key));
    }

    [Fact]
    public async Task Two_concurrent_rebalances_order_the_plan_once()
    {
        using var factory = new ServerFactory(_database.Path);
        using var client = await Ready(factory);

        var responses = await Task.WhenAll(
            client.PostAsJsonAsync("/api/v1/portfolio/rebalance", Universe()),
            client.PostAsJsonAsync("/api/v1/portfolio/rebalance", Universe()));

        var bodies = new List<JsonElement>();
        foreach (var response in responses)
        {
            using (response)
            {
                bodies.Add(await Json(response));
            }
        }

        var counts = bodies.Select(b => b.GetProperty("submitted").GetArrayLength()).Order().ToArray();
        Assert.Equal([0, 3], counts);
        Assert.Equal(3, (await Orders(client)).Length);
    }

    [Fact]
    public async Task A_repeat_with_the_same_idempotency_key_returns_the_first_answer_without_acting()
    {
        using var factory = new ServerFactory(_database.Path);
        using var client = await Ready(factory);
        async Task<HttpResponseMessage> Rebalance(string key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/portfolio/rebalance") { Content = JsonContent.Create(Universe()) };
            request.Headers.Add("Idempotency-Key", key);
            return await client.SendAsync(request);
        }

        using var first = await Rebalance("rebalance-2023-12-15");
        var firstText = await first.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var id = JsonDocument.Parse(firstText).RootElement.GetProperty("submitted")[0].GetProperty("id").GetInt64();
        // Without the key, a rebalance now would buy the cancelled order's shares again.
        using var cancel = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/paper/orders/{id}");
        cancel.Headers.Add("X-Requested-With", "test");
        await Json(await client.SendAsync(cancel));

        using var repeat = await Rebalance("rebalance-2023-12-15");

        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        Assert.Equal(firstText, await repeat.Content.ReadAsStringAsync());
        Assert.Equal("true", repeat.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(3, (await Orders(client)).Length);
        Assert.Equal(2, (await Orders(client, "working")).Length);

        using var fresh = await Rebalance("another-key");
        Assert.Single(Bought(await Json(fresh)));
    }

    [Fact]
    public async Task The_same_idempotency_key_with_another_body_is_a_422_naming_the_header_and_acts_not()
    {
        using var factory = new ServerFactory(_database.Path);
        using var client = await Ready(factory);
        using var first = new HttpRequestMessage(HttpMethod.Post, "/api/v1/portfolio/rebalance") { Content = JsonContent.Create(Universe(symbols: ["AAPL"])) };
        first.Headers.Add("Idempotency-Key", "k-1");
        await Json(await client.SendAsync(first));

        using var other = new HttpRequestMessage(HttpMethod.Post, "/api/v1/portfolio/rebalance") { Content = JsonContent.Create(Universe()) };
        other.Headers.Add("Idempotency-Key", "k-1");
        using var refused = await client.SendAsync(other);

        await Problems.AssertProblem(refused, HttpStatusCode.UnprocessableEntity, "Idempotency-Key");
        Assert.Single(await Orders(client));
    }

    [Fact]
    public async Task A_working_order_the_new_plan_no_longer_wants_is_cancelled_and_one_it_still_wants_is_kept()
    {
        using var factory = new ServerFactory(_database.Path);
        using var client = await Ready(factory);
        var first = await Json(await client.PostAsJsonAsync("/api/v1/portfolio/rebalance", Universe()));
        Assert.Equal(3, first.GetProperty("submitted").GetArrayLength());
        // Now only the best of the three is wanted, at the same risk-parity size.
        await Json(await client.PostAsJsonAsync("/api/v1/strategy/configure_strategy/momentum", new { top_percentage = 0.2 }));

        var second = await Json(await client.PostAsJsonAsync("/api/v1/portfolio/rebalance", Universe()));

        Assert.Empty(second.GetProperty("submitted").EnumerateArray());
        var cancelled = second.GetProperty("cancelled").EnumerateArray().ToArray();
        Assert.Equal(2, cancelled.Length);
        Assert.All(cancelled, o => Assert.Equal("cancelled", o.GetProperty("status").GetString()));
        var kept = Assert.Single(await Orders(client, "working"));
        var target = Assert.Single(second.GetProperty("targets").EnumerateArray());
        Assert.Equal(target.GetProperty("symbol").GetString(), kept.GetProperty("symbol").GetString());
        Assert.DoesNotContain(cancelled, o => o.GetProperty("symbol").GetString() == kept.GetProperty("symbol").GetString());
        Assert.All(second.GetProperty("cancels").EnumerateArray(), c => Assert.Contains("no longer wanted", c.GetProperty("reason").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_working_limit_order_is_not_counted_toward_the_target_and_the_plan_says_so()
    {
        using var factory = new ServerFactory(_database.Path);
        using var client = await Ready(factory);
        var limit = await Json(await client.PostAsJsonAsync("/api/v1/paper/orders", new { symbol = "AAPL", side = "buy", quantity = 5, type = "limit", limit_price = 1 }), HttpStatusCode.Created);

        var response = await Json(await client.PostAsJsonAsync("/api/v1/portfolio/rebalance", Universe()));

        var aapl = response.GetProperty("orders").EnumerateArray().Single(o => o.GetProperty("symbol").GetString() == "AAPL");
        Assert.Equal(0m, aapl.GetProperty("on_order").GetDecimal());
        Assert.Equal(aapl.GetProperty("desired").GetDecimal(), aapl.GetProperty("quantity").GetDecimal());
        Assert.Contains(response.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains($"#{limit.GetProperty("id").GetInt64()}", StringComparison.Ordinal) && n.GetString()!.Contains("not counted", StringComparison.Ordinal));
        Assert.Contains(await Orders(client, "working"), o => o.GetProperty("id").GetInt64() == limit.GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task A_symbol_without_bars_up_to_the_clock_is_left_out_and_named_and_nothing_is_half_submitted()
    {
        // FTV's bars start in June 2023; the account's clock is in March.
        using (var store = new SqliteMarketDataStore(_database.Path))
        {
            var source = TemporaryDatabase.Seed().Series[0];
            var from = source.IndexAtOrBefore(new DateTime(2023, 6, 1, 0, 0, 0, DateTimeKind.Utc)) + 1;
            var n = source.Count - from;
            await store.WriteAsync(new MarketDataBatch(
                [new BarSeries(Symbol.Parse("FTV"), source.Interval, source.Time[from..].ToArray(), source.Open[from..].ToArray(), source.High[from..].ToArray(), source.Low[from..].ToArray(), source.Close[from..].ToArray(), source.Volume[from..].ToArray())],
                []));
            Assert.True(n > 100);
        }

        using var factory = new ServerFactory(_database.Path);
        using var client = await Ready(factory, new { top_percentage = 1.0, trend_filter_period = 1, max_gap = 1.0, lookback_period = 20, atr_period = 5 }, clock: "2023-03-31");

        using var response = await client.PostAsJsonAsync("/api/v1/portfolio/rebalance", Universe("2023-12-29", ["AAPL", "GOOGL", "MSFT", "FTV"]));

        var body = await Json(response);
        Assert.Contains("2023-03-31", body.GetProperty("errors").GetProperty("FTV").GetString(), StringComparison.Ordinal);
        var submitted = body.GetProperty("submitted").EnumerateArray().ToArray();
        Assert.Equal(3, submitted.Length);
        Assert.All(submitted, o => Assert.Equal("accepted", o.GetProperty("status").GetString()));
        Assert.Equal(3, (await Orders(client)).Length);
    }

    [Fact]
    public async Task A_plan_with_an_order_the_account_cannot_take_submits_nothing_and_names_the_symbol()
    {
        using var factory = new ServerFactory(_database.Path);
        // A trillion of cash and a risk factor that wants the whole budget in the best pick: billions of shares.
        using var client = await Ready(factory, new { top_percentage = 1.0, trend_filter_period = 1, max_gap = 1.0, risk_factor = 0.1 }, cash: 1_000_000_000_000m);

        using var response = await client.PostAsJsonAsync("/api/v1/portfolio/rebalance", Universe());

        var problem = await Problems.AssertProblem(response, HttpStatusCode.UnprocessableEntity, "orders");
        Assert.Contains("1,000,000,000", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains(TemporaryDatabase.Tickers, t => problem.GetProperty("detail").GetString()!.Contains(t, StringComparison.Ordinal));
        Assert.Empty(await Orders(client));
    }

    [Fact]
    public async Task A_refused_rebalance_leaves_an_account_without_a_clock_without_one()
    {
        using var factory = new ServerFactory(_database.Path);
        using var client = await Ready(factory, new { top_percentage = 1.0, trend_filter_period = 1, max_gap = 1.0, risk_factor = 0.1 }, cash: 1_000_000_000_000m, clock: null);
        await Json(await client.PostAsJsonAsync("/api/v1/paper/reset", new { cash = 1_000_000_000_000m }));

        using var response = await client.PostAsJsonAsync("/api/v1/portfolio/rebalance", Universe());

        await Problems.AssertProblem(response, HttpStatusCode.UnprocessableEntity, "orders");
        var account = await Json(await client.GetAsync("/api/v1/paper/account"));
        Assert.Equal(JsonValueKind.Null, account.GetProperty("as_of").ValueKind);
    }

    [Fact]
    public async Task The_plan_ranks_and_prices_as_of_the_account_clock_when_end_date_is_later_and_says_so()
    {
        using var factory = new ServerFactory(_database.Path);
        // Default parameters: the best of three. At 2023-06-30 that is AAPL; at 2023-12-29 it is GOOGL.
        using var client = await Ready(factory, new { top_percentage = 0.2 }, clock: "2023-06-30");
        var atClock = await Json(await client.PostAsJsonAsync("/api/v1/strategy/generate_signals", Universe("2023-06-30")));
        var atEnd = await Json(await client.PostAsJsonAsync("/api/v1/strategy/generate_signals", Universe("2023-12-31")));
        string Pick(JsonElement signals) => signals.GetProperty("signals").EnumerateArray().Single(s => s.GetProperty("signal").GetString() == "BUY").GetProperty("symbol").GetString()!;
        Assert.NotEqual(Pick(atClock), Pick(atEnd));

        var desired = await Json(await client.PostAsJsonAsync("/api/v1/portfolio/desired", Universe("2023-12-31")));
        var rebalance = await Json(await client.PostAsJsonAsync("/api/v1/portfolio/rebalance", Universe("2023-12-31")));

        foreach (var plan in new[] { desired, rebalance })
        {
            Assert.Equal("2023-06-30", plan.GetProperty("as_of").GetString());
            var target = Assert.Single(plan.GetProperty("targets").EnumerateArray());
            Assert.Equal(Pick(atClock), target.GetProperty("symbol").GetString());
            var price = atClock.GetProperty("signals").EnumerateArray().Single(s => s.GetProperty("symbol").GetString() == Pick(atClock)).GetProperty("current_price").GetDouble();
            Assert.Equal(price, target.GetProperty("price").GetDouble());
            Assert.Contains(plan.GetProperty("notes").EnumerateArray(), n => n.GetString() == "end_date 2023-12-31 is after the account's clock 2023-06-30: planned as of the clock");
        }

        Assert.Equal(Pick(atClock), Assert.Single(rebalance.GetProperty("submitted").EnumerateArray()).GetProperty("symbol").GetString());
    }

    [Fact]
    public async Task On_an_account_whose_clock_is_not_set_a_rebalance_starts_the_clock_at_its_as_of_date()
    {
        using var factory = new ServerFactory(_database.Path);
        using var client = await Ready(factory, clock: null);

        var rebalance = await Json(await client.PostAsJsonAsync("/api/v1/portfolio/rebalance", Universe("2023-06-30")));

        Assert.Equal("2023-06-30", rebalance.GetProperty("as_of").GetString());
        Assert.NotEmpty(rebalance.GetProperty("submitted").EnumerateArray());
        var account = await Json(await client.GetAsync("/api/v1/paper/account"));
        Assert.Equal(new DateOnly(2023, 6, 30), DateOnly.FromDateTime(account.GetProperty("as_of").GetDateTime()));
    }
}

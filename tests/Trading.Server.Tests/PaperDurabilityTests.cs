using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Trading.Server.Tests;

/// <summary>The paper account is a journaled node: a server killed with SIGKILL comes back with the same cash,
/// positions, orders, transactions and equity history; two servers on one database answer from the same account; a
/// reset begins a new life that a restart keeps.</summary>
public sealed class PaperDurabilityTests : IDisposable
{
    private static readonly string[] Reads = ["account", "positions", "orders", "transactions", "performance", "reconciliation"];

    private readonly TemporaryDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task A_server_killed_with_sigkill_comes_back_with_the_paper_account_exactly_as_it_was_and_trades_on()
    {
        Dictionary<string, string> before;
        await using (var server = await TradeServeProcess.StartAsync(_database.Directory, new Dictionary<string, string>(), "--db", _database.Path))
        {
            var client = server.Client;
            await Expect(client.PostAsJsonAsync("/api/v1/paper/reset", new { cash = 50_000, start_date = "2023-03-01" }), HttpStatusCode.OK);
            await Expect(client.PostAsJsonAsync("/api/v1/paper/orders", new { symbol = "AAPL", side = "buy", quantity = 10 }), HttpStatusCode.Created);
            await Expect(client.PostAsJsonAsync("/api/v1/paper/orders", new { symbol = "MSFT", side = "buy", quantity = 5, type = "limit", limit_price = 0.01 }), HttpStatusCode.Created);
            await Expect(client.PostAsJsonAsync("/api/v1/paper/advance", new { to = "2023-03-10" }), HttpStatusCode.OK);

            // A symbol the account did not trade yet, after fills: the node of the larger universe replays the journal.
            await Expect(client.PostAsJsonAsync("/api/v1/paper/orders", new { symbol = "GOOGL", side = "buy", quantity = 3, client_order_id = "googl-1" }), HttpStatusCode.Created);
            before = await ReadAllAsync(client);

            // Killed, not stopped: nothing runs at exit.
        }

        var account = JsonDocument.Parse(before["account"]).RootElement;
        Assert.Equal(2, account.GetProperty("working_orders").GetInt32());
        Assert.Single(account.GetProperty("positions").EnumerateArray());

        await using var again = await TradeServeProcess.StartAsync(_database.Directory, new Dictionary<string, string>(), "--db", _database.Path);
        var after = await ReadAllAsync(again.Client);
        foreach (var read in Reads)
        {
            Assert.Equal(before[read], after[read]);
        }

        var reconciliation = JsonDocument.Parse(after["reconciliation"]).RootElement;
        Assert.True(reconciliation.GetProperty("agreed").GetBoolean(), after["reconciliation"]);
        Assert.Equal(account.GetProperty("cash").GetDecimal(), reconciliation.GetProperty("journal_cash").GetDecimal());
        Assert.Equal(10m, Assert.Single(reconciliation.GetProperty("positions").EnumerateArray()).GetProperty("fills").GetDecimal());

        // The client that sent the GOOGL order retries after the crash: the journal knows its id, so no second order.
        var retried = JsonDocument.Parse(await Expect(again.Client.PostAsJsonAsync("/api/v1/paper/orders", new { symbol = "GOOGL", side = "buy", quantity = 3, client_order_id = "googl-1" }), HttpStatusCode.OK)).RootElement;
        Assert.Equal("googl-1", retried.GetProperty("client_order_id").GetString());
        Assert.Equal(3, JsonDocument.Parse(await again.Client.GetStringAsync("/api/v1/paper/orders")).RootElement.GetArrayLength());

        // And it goes on: the GOOGL order placed before the kill fills at the next bar.
        var advance = JsonDocument.Parse(await Expect(again.Client.PostAsJsonAsync("/api/v1/paper/advance", new { to = "2023-03-20" }), HttpStatusCode.OK)).RootElement;
        var fill = Assert.Single(advance.GetProperty("fills").EnumerateArray());
        Assert.Equal("GOOGL", fill.GetProperty("symbol").GetString());
        var positions = JsonDocument.Parse(await again.Client.GetStringAsync("/api/v1/paper/positions")).RootElement;
        Assert.Equal(["AAPL", "GOOGL"], positions.EnumerateArray().Select(p => p.GetProperty("symbol").GetString()));
    }

    [Fact]
    public async Task Two_servers_on_one_database_answer_from_the_same_paper_account()
    {
        using var first = new ServerFactory(_database.Path);
        using var second = new ServerFactory(_database.Path);
        using var a = first.CreateClient();
        using var b = second.CreateClient();
        await Expect(a.PostAsJsonAsync("/api/v1/paper/reset", new { cash = 20_000, start_date = "2023-06-01" }), HttpStatusCode.OK);
        await Expect(a.PostAsJsonAsync("/api/v1/paper/orders", new { symbol = "AAPL", side = "buy", quantity = 4 }), HttpStatusCode.Created);

        // The second server read the account before the order? It reads the journal again when it grew.
        var orders = JsonDocument.Parse(await b.GetStringAsync("/api/v1/paper/orders")).RootElement;
        Assert.Equal("AAPL", Assert.Single(orders.EnumerateArray()).GetProperty("symbol").GetString());

        await Expect(b.PostAsJsonAsync("/api/v1/paper/advance", new { to = "2023-06-09" }), HttpStatusCode.OK);
        await Expect(a.PostAsJsonAsync("/api/v1/paper/orders", new { symbol = "MSFT", side = "buy", quantity = 2 }), HttpStatusCode.Created);
        var seenByA = await ReadAllAsync(a);
        var seenByB = await ReadAllAsync(b);
        foreach (var read in Reads)
        {
            Assert.Equal(seenByA[read], seenByB[read]);
        }

        Assert.Equal(4m, JsonDocument.Parse(seenByB["positions"]).RootElement[0].GetProperty("quantity").GetDecimal());
    }

    [Fact]
    public async Task Two_servers_ordering_at_once_on_one_database_lose_no_order_and_answer_no_conflict()
    {
        using var first = new ServerFactory(_database.Path);
        using var second = new ServerFactory(_database.Path);
        using var a = first.CreateClient();
        using var b = second.CreateClient();
        await Expect(a.PostAsJsonAsync("/api/v1/paper/reset", new { cash = 1_000_000, start_date = "2023-06-01" }), HttpStatusCode.OK);

        // Each order takes the journal's lease for a moment; the other server waits its turn on the journal as it
        // then is, instead of answering 409 or writing over it.
        var sends = Enumerable.Range(0, 200).Select(i => Expect(
            (i % 2 == 0 ? a : b).PostAsJsonAsync("/api/v1/paper/orders", new { symbol = TemporaryDatabase.Tickers[i % 3], side = "buy", quantity = 1 + i, client_order_id = $"order-{i}" }),
            HttpStatusCode.Created));
        await Task.WhenAll(sends);

        foreach (var client in new[] { a, b })
        {
            var orders = JsonDocument.Parse(await client.GetStringAsync("/api/v1/paper/orders")).RootElement.EnumerateArray().ToList();
            Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), orders.Select(o => o.GetProperty("id").GetInt64()).Order());
            Assert.Equal(Enumerable.Range(0, 200).Select(i => $"order-{i}").Order(StringComparer.Ordinal), orders.Select(o => o.GetProperty("client_order_id").GetString()!).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task A_reset_begins_a_new_life_that_a_restart_keeps()
    {
        using (var factory = new ServerFactory(_database.Path))
        {
            using var client = factory.CreateClient();
            await Expect(client.PostAsJsonAsync("/api/v1/paper/reset", new { cash = 50_000, start_date = "2023-03-01" }), HttpStatusCode.OK);
            await Expect(client.PostAsJsonAsync("/api/v1/paper/orders", new { symbol = "AAPL", side = "buy", quantity = 10 }), HttpStatusCode.Created);
            await Expect(client.PostAsJsonAsync("/api/v1/paper/advance", new { to = "2023-03-10" }), HttpStatusCode.OK);
            await Expect(client.PostAsJsonAsync("/api/v1/paper/reset", new { cash = 1_234, start_date = "2023-05-01" }), HttpStatusCode.OK);
        }

        using var restarted = new ServerFactory(_database.Path);
        using var again = restarted.CreateClient();
        var account = JsonDocument.Parse(await again.GetStringAsync("/api/v1/paper/account")).RootElement;
        Assert.Equal(1_234m, account.GetProperty("cash").GetDecimal());
        Assert.Empty(account.GetProperty("positions").EnumerateArray());
        Assert.Equal(new DateTime(2023, 5, 1, 23, 59, 59, DateTimeKind.Utc).AddTicks(TimeSpan.TicksPerSecond - 10), account.GetProperty("as_of").GetDateTime().ToUniversalTime());
        Assert.Empty(JsonDocument.Parse(await again.GetStringAsync("/api/v1/paper/orders")).RootElement.EnumerateArray());
    }

    [Fact]
    public async Task A_paper_account_whose_stored_bars_changed_since_is_a_409_saying_so_and_a_reset_starts_over()
    {
        using (var factory = new ServerFactory(_database.Path))
        {
            using var client = factory.CreateClient();
            await Expect(client.PostAsJsonAsync("/api/v1/paper/reset", new { cash = 50_000, start_date = "2023-03-01" }), HttpStatusCode.OK);
            await Expect(client.PostAsJsonAsync("/api/v1/paper/orders", new { symbol = "AAPL", side = "buy", quantity = 10 }), HttpStatusCode.Created);
            await Expect(client.PostAsJsonAsync("/api/v1/paper/advance", new { to = "2023-03-10" }), HttpStatusCode.OK);
        }

        // A bar the account stepped is imported again with other prices: its fills can no longer be explained.
        StoredBars.Write(_database.Path, "AAPL", [(new DateOnly(2023, 3, 6), 123.45, 123.45, 123.45, 123.45, 1_000)]);

        using var restarted = new ServerFactory(_database.Path);
        using var again = restarted.CreateClient();
        var problem = await Problems.AssertProblem(await again.GetAsync("/api/v1/paper/account"), HttpStatusCode.Conflict, "node");
        Assert.Contains("stored bars at that time differ", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("/api/v1/paper/reset", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        await Expect(again.PostAsJsonAsync("/api/v1/paper/reset", new { cash = 7_000 }), HttpStatusCode.OK);
        var account = JsonDocument.Parse(await again.GetStringAsync("/api/v1/paper/account")).RootElement;
        Assert.Equal(7_000m, account.GetProperty("cash").GetDecimal());
        Assert.Empty(account.GetProperty("positions").EnumerateArray());
    }

    private static async Task<Dictionary<string, string>> ReadAllAsync(HttpClient client)
    {
        var reads = new Dictionary<string, string>();
        foreach (var read in Reads)
        {
            reads[read] = await client.GetStringAsync($"/api/v1/paper/{read}");
        }

        return reads;
    }

    private static async Task<string> Expect(Task<HttpResponseMessage> sending, HttpStatusCode status)
    {
        using var response = await sending;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        return text;
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Trading.Data;
using Trading.Domain;

namespace Trading.Server.Tests;

/// <summary>Whatever the store holds, a backtest over it is refused naming the stored bar that breaks the bar rule, or
/// runs (at the edges of the rule too), and the server keeps serving: one run never stops it.</summary>
public sealed class PathologicalBacktestTests : IDisposable
{
    private static readonly DateOnly First = new(2020, 1, 2);

    private static readonly string[] Strategies = ["buy_and_hold", "sma_cross", "momentum", "rsi_reversion", "bollinger_breakout"];

    private readonly TemporaryDatabase _database = new();

    public PathologicalBacktestTests()
    {
        StoredBars.Write(_database.Path, "HUGE", StoredBars.Flat(First, 300, 1e30));
        StoredBars.Write(_database.Path, "MAX", StoredBars.Flat(First, 300, 1e308, volume: 1e308));
        StoredBars.Write(_database.Path, "DEC", StoredBars.Swinging(First, 300, 7.9e28));
        StoredBars.Write(_database.Path, "INF", StoredBars.Flat(First, 300, double.PositiveInfinity));
        StoredBars.Write(_database.Path, "TINY", StoredBars.Flat(First, 300, 5e-324));
        StoredBars.Write(_database.Path, "SMALL", StoredBars.Swinging(First, 300, 1e-20));
        StoredBars.Write(_database.Path, "ZERO", StoredBars.Flat(First, 300, 0, volume: 0));
        StoredBars.Write(_database.Path, "NEG", StoredBars.Swinging(First, 300, -5));
        StoredBars.Write(_database.Path, "FAR", StoredBars.Swinging(First, 299, 10).Append((DateOnly.MaxValue, 10, 10, 10, 10, 1_000)));
        StoredBars.Write(_database.Path, "EARLY", StoredBars.Swinging(DateOnly.MinValue, 300, 10));
        StoredBars.Write(_database.Path, "CHEAP", StoredBars.Swinging(First, 300, 2e-6));
        StoredBars.Write(_database.Path, "DEAR", StoredBars.Swinging(First, 300, 7e8));
    }

    public void Dispose() => _database.Dispose();

    /// <summary>Each stored oddity that breaks the bar rule, and the bar the refusal must name: such a read is refused
    /// wherever it happens, so a backtest over it is refused when it is submitted.</summary>
    public static TheoryData<string, string> Oddities => new()
    {
        { "HUGE", "The stored HUGE 1d bar at 2020-01-02 breaks the bar rule: open 1E+30 is outside the price range 1e-6 to 1e9" },
        { "MAX", "The stored MAX 1d bar at 2020-01-02 breaks the bar rule: open 1E+308 is outside the price range" },
        { "DEC", "The stored DEC 1d bar at 2020-01-02 breaks the bar rule: open 7.9E+28 is outside the price range" },
        { "INF", "The stored INF 1d bar at 2020-01-02 breaks the bar rule: open Infinity is not a finite number" },
        { "TINY", "The stored TINY 1d bar at 2020-01-02 breaks the bar rule: open 5E-324 is outside the price range" },
        { "SMALL", "The stored SMALL 1d bar at 2020-01-02 breaks the bar rule: open 1E-20 is outside the price range" },
        { "ZERO", "The stored ZERO 1d bar at 2020-01-02 breaks the bar rule: open 0 is not a positive price" },
        { "NEG", "The stored NEG 1d bar at 2020-01-02 breaks the bar rule: open -5 is not a positive price" },
        { "FAR", "The stored FAR 1d bar at 9999-12-31 breaks the bar rule: the date 9999-12-31 is outside the supported range" },
        { "EARLY", "The stored EARLY 1d bar at 0001-01-01 breaks the bar rule: the date 0001-01-01 is outside the supported range" },
    };

    [Fact]
    public async Task Every_strategy_over_every_stored_oddity_is_refused_naming_the_bar_and_the_server_keeps_serving()
    {
        using var factory = new ServerFactory(_database.Path);
        using var client = factory.CreateClient();
        var wrong = new List<string>();
        foreach (var strategy in Strategies)
        {
            foreach (var (symbol, reason) in Oddities.Select(row => ((string)row[0], (string)row[1])))
            {
                object parameters = strategy == "sma_cross" ? new { fast = 1, slow = 2 } : new { };
                using var submitted = await client.PostAsJsonAsync("/api/v1/backtests", new { strategy, symbols = new[] { symbol }, parameters });
                var problem = await submitted.Content.ReadAsStringAsync();
                if (submitted.StatusCode != HttpStatusCode.UnprocessableEntity || !problem.Contains(reason, StringComparison.Ordinal))
                {
                    wrong.Add($"{strategy} over {symbol}: expected 422 naming '{reason}', got {(int)submitted.StatusCode} {problem}");
                }

                wrong.Add(await HealthAsync(client));
            }
        }

        Assert.True(wrong.All(w => w.Length == 0), string.Join("\n", wrong.Where(w => w.Length > 0)));
    }

    [Fact]
    public async Task Runs_at_the_edges_of_the_bar_rule_and_of_the_request_succeed_and_the_server_keeps_serving()
    {
        using var factory = new ServerFactory(_database.Path);
        using var client = factory.CreateClient();
        var outcomes = new List<string>();
        foreach (var strategy in Strategies)
        {
            foreach (var symbol in new[] { "CHEAP", "DEAR" })
            {
                object parameters = strategy == "sma_cross" ? new { fast = 1, slow = 2 } : new { };
                outcomes.Add(Check(await RunAsync(client, new { strategy, symbols = new[] { symbol }, parameters }), $"{strategy} over {symbol}", null));
                outcomes.Add(await HealthAsync(client));
            }
        }

        // Extremes of the request within the range: the most one order may carry at the largest price, and a
        // fortune at the smallest (sized to what one order may carry).
        outcomes.Add(Check(await RunAsync(client, new { strategy = "buy_and_hold", symbols = new[] { "DEAR" }, parameters = new { quantity = 1_000_000_000 }, initial_cash = 1_000_000_000_000 }), "a billion shares of DEAR", null));
        var fortune = await RunAsync(client, new { strategy = "buy_and_hold", symbols = new[] { "CHEAP" }, initial_cash = 1_000_000_000_000 });
        outcomes.Add(Check(fortune, "a trillion in CHEAP", null));
        var bought = JsonDocument.Parse(await client.GetStringAsync(fortune.GetProperty("links").GetProperty("result").GetString())).RootElement.GetProperty("fills")[0];
        Assert.Equal(1_000_000_000_000m, bought.GetProperty("quantity").GetDecimal());
        outcomes.Add(Check(await RunAsync(client, new { strategy = "sma_cross", symbols = new[] { "CHEAP", "DEAR" }, parameters = new { fast = 1, slow = 2 }, initial_cash = 1_000_000_000_000, commission_rate = 0.1, slippage_bps = 1000 }), "dearest costs over CHEAP and DEAR", null));
        outcomes.Add(await HealthAsync(client));

        var wrong = outcomes.Where(o => o.Length > 0).ToArray();
        Assert.True(wrong.Length == 0, string.Join("\n", wrong));
        Assert.DoesNotContain(factory.Logs.Lines, line => line.StartsWith("Error", StringComparison.Ordinal) || line.StartsWith("Critical", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_run_that_throws_something_unexpected_fails_with_the_reason_is_logged_as_an_error_and_the_next_run_succeeds()
    {
        using var factory = new ServerFactory(_database.Path, services: services =>
        {
            var store = services.Last(d => d.ServiceType == typeof(IMarketDataStore) && !d.IsKeyedService);
            services.AddSingleton<IMarketDataStore>(sp => new ActionsOfCheapFail((IMarketDataStore)store.ImplementationFactory!(sp)));
        });
        using var client = factory.CreateClient();

        var failed = await RunAsync(client, new { strategy = "buy_and_hold", symbols = new[] { "CHEAP" } });
        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Equal($"the backtest failed unexpectedly (IOException: {ActionsOfCheapFail.Fault}); the server's log has the details", failed.GetProperty("error").GetString());
        Assert.Contains(factory.Logs.Lines, line => line.StartsWith("Error Trading.Server.Backtests.BacktestWorker", StringComparison.Ordinal) && line.Contains("System.IO.IOException: " + ActionsOfCheapFail.Fault, StringComparison.Ordinal));
        Assert.Equal(string.Empty, await HealthAsync(client));

        var next = await RunAsync(client, new { strategy = "buy_and_hold", symbols = new[] { "AAPL" } });
        Assert.Equal("succeeded", next.GetProperty("status").GetString());
    }

    private static async Task<JsonElement> RunAsync(HttpClient client, object body)
    {
        using var submitted = await client.PostAsJsonAsync("/api/v1/backtests", body);
        Assert.True(submitted.StatusCode == HttpStatusCode.Accepted, $"{JsonSerializer.Serialize(body)} -> {(int)submitted.StatusCode} {await submitted.Content.ReadAsStringAsync()}");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var job = JsonDocument.Parse(await client.GetStringAsync(submitted.Headers.Location)).RootElement.Clone();
            if (job.GetProperty("status").GetString() is "succeeded" or "failed" || DateTime.UtcNow > deadline)
            {
                return job;
            }

            await Task.Delay(10);
        }
    }

    /// <summary>Empty when the job ended as expected, else what went wrong.</summary>
    private static string Check(JsonElement job, string what, string? reason)
    {
        var status = job.GetProperty("status").GetString();
        var error = job.GetProperty("error").GetString();
        if (reason is null)
        {
            return status == "succeeded" ? string.Empty : $"{what}: expected to succeed, got {status}: {error}";
        }

        return status == "failed" && error is not null && error.Contains(reason, StringComparison.Ordinal)
            ? string.Empty
            : $"{what}: expected to fail with '{reason}', got {status}: {error}";
    }

    private static async Task<string> HealthAsync(HttpClient client)
    {
        using var health = await client.GetAsync("/health");
        return health.StatusCode == HttpStatusCode.OK ? string.Empty : $"/health answered {(int)health.StatusCode}";
    }

    /// <summary>A store whose corporate actions of CHEAP cannot be read, as a disk or a bug might fail.</summary>
    private sealed class ActionsOfCheapFail(IMarketDataStore store) : IMarketDataStore
    {
        public const string Fault = "the disk under CHEAP's actions is gone";

        public Task<StoreWriteResult> WriteAsync(MarketDataBatch batch, CancellationToken cancellationToken = default) => store.WriteAsync(batch, cancellationToken);

        public Task<BarSeries> ReadBarsAsync(Symbol symbol, Interval interval, DateTime? from = null, DateTime? to = null, CancellationToken cancellationToken = default) =>
            store.ReadBarsAsync(symbol, interval, from, to, cancellationToken);

        public Task<IReadOnlyList<CorporateAction>> ReadActionsAsync(Symbol symbol, DateOnly? from = null, DateOnly? to = null, CancellationToken cancellationToken = default) =>
            symbol.Value == "CHEAP" ? throw new IOException(Fault) : store.ReadActionsAsync(symbol, from, to, cancellationToken);

        public Task<IReadOnlyList<SeriesSummary>> ListAsync(CancellationToken cancellationToken = default) => store.ListAsync(cancellationToken);
    }
}

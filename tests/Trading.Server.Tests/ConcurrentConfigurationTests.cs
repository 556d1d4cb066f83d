using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Trading.Data;
using Trading.Data.Storage.Sqlite;

namespace Trading.Server.Tests;

/// <summary>Configuring a strategy reads what is stored, sets the parameters given on top and writes the result: two
/// requests at once each read the old set, and the one that wrote last erased the other's change, though both were
/// answered 200 with their own.</summary>
public sealed class ConcurrentConfigurationTests : IDisposable
{
    private readonly TemporaryDatabase _database = new(seeded: false);

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Two_clients_configuring_different_parameters_at_once_both_keep_their_change()
    {
        using var factory = new ServerFactory(_database.Path, services: services =>
        {
            services.RemoveAll<IStrategySettingsStore>();
            services.AddSingleton<IStrategySettingsStore>(new SlowReads(new SqliteStrategySettingsStore(_database.Path)));
        });
        using var client = factory.CreateClient();

        for (var round = 0; round < 10; round++)
        {
            using (var baseline = await client.PostAsJsonAsync("/api/v1/strategy/configure_strategy/sma_cross", new { fast = 10, slow = 30, quantity = 0, allocation = 1 }))
            {
                Assert.Equal(HttpStatusCode.OK, baseline.StatusCode);
            }

            var fast = 5 + round;
            var answers = await Task.WhenAll(
                client.PostAsJsonAsync("/api/v1/strategy/configure_strategy/sma_cross", new { fast }),
                client.PostAsJsonAsync("/api/v1/strategy/configure_strategy/sma_cross", new { allocation = 0.5 }));
            foreach (var answer in answers)
            {
                Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
                answer.Dispose();
            }

            var stored = JsonDocument.Parse(await client.GetStringAsync("/api/v1/strategy/strategy_parameters/sma_cross")).RootElement;
            Assert.True(
                stored.GetProperty("fast").GetInt32() == fast && stored.GetProperty("allocation").GetDecimal() == 0.5m,
                $"round {round}: both changes answered 200, but the store holds {stored}");
        }
    }

    /// <summary>The SQLite store with reads that take a while, as a loaded database's do: long enough that two
    /// requests arriving together both read before either writes.</summary>
    private sealed class SlowReads(IStrategySettingsStore inner) : IStrategySettingsStore
    {
        public async Task<IReadOnlyDictionary<string, string>> ReadAsync(string strategy, CancellationToken cancellationToken = default)
        {
            await Task.Delay(50, cancellationToken);
            return await inner.ReadAsync(strategy, cancellationToken);
        }

        public Task WriteAsync(string strategy, IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken = default) =>
            inner.WriteAsync(strategy, values, cancellationToken);
    }
}

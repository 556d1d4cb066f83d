using System.Collections.ObjectModel;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Trading.Data.Storage.Postgres;

/// <summary>Strategy settings in the PostgreSQL database of the market data, in the <c>strategy_settings</c> table
/// that the store's migrations create: one row per strategy, its values as a JSON object of texts.</summary>
/// <remarks>Failures are the store's: a <see cref="MarketDataStoreUnavailableException"/> when the server cannot be
/// reached, which an HTTP layer answers with 503.</remarks>
public sealed class PostgresStrategySettingsStore(PostgresMarketDataStore database, TimeProvider? clock = null) : IStrategySettingsStore
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, string>> ReadAsync(string strategy, CancellationToken cancellationToken = default)
    {
        var key = Key(strategy);
        return database.RunAsync<IReadOnlyDictionary<string, string>>($"could not read the settings of {key}", async connection =>
        {
            await using var command = new NpgsqlCommand("SELECT parameters::text FROM strategy_settings WHERE strategy = $1;", connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
            var json = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
            var values = json is null ? [] : JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];
            return new ReadOnlyDictionary<string, string>(values);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task WriteAsync(string strategy, IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var key = Key(strategy);
        return database.RunAsync($"could not store the settings of {key}", async connection =>
        {
            await using var command = new NpgsqlCommand(
                """
                INSERT INTO strategy_settings (strategy, parameters, updated_at) VALUES ($1, $2, $3)
                ON CONFLICT (strategy) DO UPDATE SET parameters = excluded.parameters, updated_at = excluded.updated_at;
                """,
                connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = JsonSerializer.Serialize(values), NpgsqlDbType = NpgsqlDbType.Jsonb });
            command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = _clock.GetUtcNow().UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    public override string ToString() => $"PostgreSQL strategy settings ({database.Server})";

    // Strategy names ignore case everywhere else (the registry), so they do here too.
    private static string Key(string strategy)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(strategy);
        return strategy.Trim().ToLowerInvariant();
    }
}

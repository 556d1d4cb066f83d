using System.Data;
using Npgsql;
using Trading.Domain;

namespace Trading.Data.Storage.Postgres;

public sealed partial class PostgresMarketDataStore
{
    /// <summary>The bars of <paramref name="symbols"/> between <paramref name="from"/> and <paramref name="to"/>
    /// (an empty series for a symbol with none) and all their corporate actions, read in one REPEATABLE READ, READ
    /// ONLY transaction: one snapshot of the store even while another process writes, never half of its write.</summary>
    public async Task<StoredUniverse> ReadUniverseAsync(
        IReadOnlyList<Symbol> symbols,
        Interval interval,
        DateTime? from = null,
        DateTime? to = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        var lower = PostgresTimeBounds.Lower(from);
        var upper = PostgresTimeBounds.Upper(to);
        try
        {
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
            await using (var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY;", connection, transaction))
            {
                await readOnly.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            // The snapshot is taken at the first read and every later read of the transaction sees that same state.
            var series = new List<BarSeries>(symbols.Count);
            var actions = new List<CorporateAction>();
            foreach (var symbol in symbols)
            {
                series.Add(await ReadBarsAsync(connection, symbol, interval, lower, upper, cancellationToken).ConfigureAwait(false));
                actions.AddRange(await ReadActionsAsync(connection, symbol, from: null, to: null, cancellationToken).ConfigureAwait(false));
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new StoredUniverse(series, actions);
        }
        catch (Exception e) when (IsDriverFailure(e))
        {
            throw Failure($"could not read the {interval} bars of {symbols.Count} symbols", e);
        }
    }
}

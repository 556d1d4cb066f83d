using Npgsql;
using Trading.Domain;

namespace Trading.Data.Storage.Postgres;

/// <summary>The <c>symbol_versions</c> table and the notices of writes: each write counts one more version for every
/// symbol it touched and, in the same transaction, notifies the schema's channel with <c>SYMBOL=version</c> pairs
/// separated by spaces (PostgreSQL delivers them to every listener when, and only if, the write commits).</summary>
internal static class SymbolVersions
{
    /// <summary>The channel of this schema's write notices: NOTIFY channels belong to the database, so the schema is in
    /// the name (hashed, to fit the 63 bytes of an identifier).</summary>
    public const string ChannelSql = "'trading_writes_' || md5(current_schema())";

    // A notice carries at most 8000 bytes: 140 pairs of a 32-character symbol and a 19-digit version fit.
    private const string BumpSql = $"""
        WITH bumped AS (
            INSERT INTO symbol_versions AS v (symbol, version)
            SELECT symbol, 1 FROM unnest($1::text[]) AS symbol
            ON CONFLICT (symbol) DO UPDATE SET version = v.version + 1
            RETURNING v.symbol, v.version),
        numbered AS (SELECT symbol, version, (row_number() OVER () - 1) / 140 AS notice FROM bumped)
        SELECT pg_notify({ChannelSql}, string_agg(symbol || '=' || version, ' ')) FROM numbered GROUP BY notice;
        """;

    public static async Task BumpAsync(NpgsqlConnection connection, IReadOnlyCollection<Symbol> symbols, CancellationToken cancellationToken)
    {
        if (symbols.Count == 0)
        {
            return;
        }

        // Sorted, as the bars are, so that concurrent writers lock the rows in one order.
        var names = symbols.Select(s => s.Value).Order(StringComparer.Ordinal).ToArray();
        await using var command = new NpgsqlCommand(BumpSql, connection);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = names });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every symbol's version, as the table holds them now.</summary>
    public static async Task<Dictionary<string, long>> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT symbol, version FROM symbol_versions;", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var versions = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            versions[reader.GetString(0)] = reader.GetInt64(1);
        }

        return versions;
    }
}

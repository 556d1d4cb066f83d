using Npgsql;
using NpgsqlTypes;
using Trading.Journal;

namespace Trading.Data.Storage.Postgres;

/// <summary>The node registry: one row per node in <c>nodes</c>, apart from its journal and lease.</summary>
public sealed partial class PostgresJournalStore
{
    private const string NodeColumns = "node_id, definition, state, reason, created_at, updated_at";

    /// <inheritdoc />
    public Task SaveNodeAsync(NodeRecord node, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        return RunAsync($"could not save node {node.Id}", async connection =>
        {
            await using var command = new NpgsqlCommand(
                $"""
                INSERT INTO nodes ({NodeColumns}) VALUES ($1, $2, $3, $4, $5, $6)
                ON CONFLICT (node_id) DO UPDATE SET definition = excluded.definition, state = excluded.state,
                    reason = excluded.reason, created_at = excluded.created_at, updated_at = excluded.updated_at;
                """,
                connection);
            command.Parameters.Add(Text(node.Id));
            command.Parameters.Add(Text(node.Definition));
            command.Parameters.Add(Text(node.State));
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)node.Reason ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(Time(node.CreatedAt));
            command.Parameters.Add(Time(node.UpdatedAt));
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<NodeRecord>> ReadNodesAsync(CancellationToken cancellationToken = default) =>
        RunAsync<IReadOnlyList<NodeRecord>>("could not list the nodes", async connection =>
        {
            await using var command = new NpgsqlCommand($"SELECT {NodeColumns} FROM nodes ORDER BY node_id;", connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var nodes = new List<NodeRecord>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                nodes.Add(ReadNode(reader));
            }

            return nodes;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<NodeRecord?> ReadNodeAsync(string nodeId, CancellationToken cancellationToken = default)
    {
        JournalRule.CheckName(nodeId, "node id", nameof(nodeId));
        return RunAsync($"could not read node {nodeId}", async connection =>
        {
            await using var command = new NpgsqlCommand($"SELECT {NodeColumns} FROM nodes WHERE node_id = $1;", connection);
            command.Parameters.Add(Text(nodeId));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadNode(reader) : null;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> DeleteNodeAsync(string nodeId, CancellationToken cancellationToken = default)
    {
        JournalRule.CheckName(nodeId, "node id", nameof(nodeId));
        return RunAsync($"could not delete node {nodeId}", async connection =>
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

            // The lease first: deleting its row waits for an append holding it, so the journal's delete, a statement
            // of its own, sees that append's entries and leaves none behind.
            var deleted = 0;
            foreach (var table in (string[])["node_leases", "node_journal", "nodes"])
            {
                await using var command = new NpgsqlCommand($"DELETE FROM {table} WHERE node_id = $1;", connection, transaction);
                command.Parameters.Add(Text(nodeId));
                deleted += await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            return deleted > 0;
        }, cancellationToken);
    }

    private static NodeRecord ReadNode(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.GetFieldValue<DateTime>(4),
        reader.GetFieldValue<DateTime>(5));
}

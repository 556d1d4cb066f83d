using Microsoft.Data.Sqlite;
using Trading.Journal;

namespace Trading.Data.Storage.Sqlite;

/// <summary>The node registry: one row per node in <c>nodes</c>, apart from its journal and lease.</summary>
public sealed partial class SqliteJournalStore
{
    private const string NodeColumns = "node_id, definition, state, reason, created_at, updated_at";

    /// <inheritdoc />
    public Task SaveNodeAsync(NodeRecord node, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        return Write($"could not save node {node.Id}", connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                INSERT INTO nodes ({NodeColumns}) VALUES ($id, $definition, $state, $reason, $createdAt, $updatedAt)
                ON CONFLICT (node_id) DO UPDATE SET definition = excluded.definition, state = excluded.state,
                    reason = excluded.reason, created_at = excluded.created_at, updated_at = excluded.updated_at;
                """;
            command.Parameters.AddWithValue("$id", node.Id);
            command.Parameters.AddWithValue("$definition", node.Definition);
            command.Parameters.AddWithValue("$state", node.State);
            command.Parameters.AddWithValue("$reason", (object?)node.Reason ?? DBNull.Value);
            command.Parameters.AddWithValue("$createdAt", StoredMicroseconds.From(node.CreatedAt));
            command.Parameters.AddWithValue("$updatedAt", StoredMicroseconds.From(node.UpdatedAt));
            return command.ExecuteNonQuery();
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<NodeRecord>> ReadNodesAsync(CancellationToken cancellationToken = default) =>
        Query<IReadOnlyList<NodeRecord>>("could not list the nodes", static (connection, _) =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {NodeColumns} FROM nodes ORDER BY node_id;";
            using var reader = command.ExecuteReader();
            var nodes = new List<NodeRecord>();
            while (reader.Read())
            {
                nodes.Add(ReadNode(reader));
            }

            return nodes;
        }, string.Empty, [], cancellationToken);

    /// <inheritdoc />
    public Task<NodeRecord?> ReadNodeAsync(string nodeId, CancellationToken cancellationToken = default)
    {
        JournalRule.CheckName(nodeId, "node id", nameof(nodeId));
        return Query($"could not read node {nodeId}", static (connection, nodeId) =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {NodeColumns} FROM nodes WHERE node_id = $id;";
            command.Parameters.AddWithValue("$id", nodeId);
            using var reader = command.ExecuteReader();
            return reader.Read() ? ReadNode(reader) : null;
        }, nodeId, null, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> DeleteNodeAsync(string nodeId, CancellationToken cancellationToken = default)
    {
        JournalRule.CheckName(nodeId, "node id", nameof(nodeId));
        return Write($"could not delete node {nodeId}", connection =>
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            var deleted = 0;
            foreach (var table in (ReadOnlySpan<string>)["node_leases", "node_journal", "nodes"])
            {
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = $"DELETE FROM {table} WHERE node_id = $id;";
                command.Parameters.AddWithValue("$id", nodeId);
                deleted += command.ExecuteNonQuery();
            }

            transaction.Commit();
            return deleted > 0;
        }, cancellationToken);
    }

    private static NodeRecord ReadNode(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        StoredMicroseconds.ToTime(reader.GetInt64(4)),
        StoredMicroseconds.ToTime(reader.GetInt64(5)));
}

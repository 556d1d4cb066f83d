using Microsoft.Data.Sqlite;
using Trading.Journal;

namespace Trading.Data.Storage.Sqlite;

/// <summary>Node leases: which process drives a node, taken, renewed and released in one statement each.</summary>
public sealed partial class SqliteJournalStore
{
    /// <inheritdoc />
    public Task<bool> TryAcquireLeaseAsync(string nodeId, string owner, TimeSpan duration, DateTime now, CancellationToken cancellationToken = default)
    {
        JournalRule.CheckName(nodeId, "node id", nameof(nodeId));
        JournalRule.CheckOwner(owner, nameof(owner));
        var end = JournalRule.LeaseEnd(now, duration, nameof(duration));
        return Write($"could not take the lease of node {nodeId}", connection =>
        {
            using var command = connection.CreateCommand();

            // Free, expired or already the owner's: one statement, so two processes cannot both take it.
            command.CommandText = """
                INSERT INTO node_leases (node_id, owner, expires_at) VALUES ($node, $owner, $end)
                ON CONFLICT (node_id) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
                WHERE node_leases.owner = excluded.owner OR node_leases.expires_at <= $now;
                """;
            command.Parameters.AddWithValue("$node", nodeId);
            command.Parameters.AddWithValue("$owner", owner);
            command.Parameters.AddWithValue("$end", StoredMicroseconds.From(end));
            command.Parameters.AddWithValue("$now", StoredMicroseconds.From(now));
            return command.ExecuteNonQuery() == 1;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> RenewLeaseAsync(string nodeId, string owner, TimeSpan duration, DateTime now, CancellationToken cancellationToken = default)
    {
        JournalRule.CheckName(nodeId, "node id", nameof(nodeId));
        JournalRule.CheckOwner(owner, nameof(owner));
        var end = JournalRule.LeaseEnd(now, duration, nameof(duration));
        return Write($"could not renew the lease of node {nodeId}", connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE node_leases SET expires_at = $end WHERE node_id = $node AND owner = $owner AND expires_at > $now;";
            command.Parameters.AddWithValue("$node", nodeId);
            command.Parameters.AddWithValue("$owner", owner);
            command.Parameters.AddWithValue("$end", StoredMicroseconds.From(end));
            command.Parameters.AddWithValue("$now", StoredMicroseconds.From(now));
            return command.ExecuteNonQuery() == 1;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> ReleaseLeaseAsync(string nodeId, string owner, CancellationToken cancellationToken = default)
    {
        JournalRule.CheckName(nodeId, "node id", nameof(nodeId));
        JournalRule.CheckOwner(owner, nameof(owner));
        return Write($"could not release the lease of node {nodeId}", connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM node_leases WHERE node_id = $node AND owner = $owner;";
            command.Parameters.AddWithValue("$node", nodeId);
            command.Parameters.AddWithValue("$owner", owner);
            return command.ExecuteNonQuery() == 1;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<JournalLease?> ReadLeaseAsync(string nodeId, CancellationToken cancellationToken = default)
    {
        JournalRule.CheckName(nodeId, "node id", nameof(nodeId));
        return Query($"could not read the lease of node {nodeId}", static (connection, nodeId) => ReadLease(connection, nodeId), nodeId, null, cancellationToken);
    }

    private static JournalLease? ReadLease(SqliteConnection connection, string nodeId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT owner, expires_at FROM node_leases WHERE node_id = $node;";
        command.Parameters.AddWithValue("$node", nodeId);
        using var reader = command.ExecuteReader();
        return reader.Read() ? new JournalLease(nodeId, reader.GetString(0), StoredMicroseconds.ToTime(reader.GetInt64(1))) : null;
    }
}

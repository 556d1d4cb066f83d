using System.Runtime.CompilerServices;
using Npgsql;
using NpgsqlTypes;
using Trading.Journal;

namespace Trading.Data.Storage.Postgres;

/// <summary>The trading nodes' journals, leases and registry in the PostgreSQL database of the market data, through
/// its connection pool.</summary>
/// <remarks>
/// <para>An append is one round trip and one transaction that first locks the node's lease row (<c>SELECT ... FOR
/// UPDATE</c>): a takeover of the lease and every other append to the node wait for it, and it waits for them, so the
/// lease and the last sequence it checks hold until it commits. The primary key (node, sequence) refuses a repeat even
/// so.</para>
/// <para>The tables are versioned in <c>component_schema_versions</c> under <see cref="Component"/>, apart from the
/// market data's numbered history; the first operation creates or migrates them.</para>
/// <para>Failures are the store's: a <see cref="MarketDataStoreUnavailableException"/> when the server cannot be
/// reached (an append may then have committed or not, never in part), another <see cref="MarketDataStoreException"/>
/// when it refuses.</para>
/// </remarks>
public sealed partial class PostgresJournalStore(PostgresMarketDataStore database) : IJournalStore, INodeRegistry
{
    /// <summary>The name this store's schema is versioned under in <c>component_schema_versions</c>.</summary>
    public const string Component = "journal";

    private const string StoreName = "journal store";

    private readonly SchemaReadiness _schema = new(() => MigrateAsync(database));

    /// <summary>The tables' history, oldest first. Append to change it; never edit a released step.</summary>
    /// <remarks>The same tables as in SQLite, in PostgreSQL's types: times <c>timestamptz</c> (microseconds, read back
    /// as UTC), payloads <c>bytea</c>, names in the "C" collation (byte order on every server).</remarks>
    public static IReadOnlyList<SchemaMigration> Migrations { get; } =
    [
        new(1, "node registry, leases and journal", """
            -- What a server runs and whether it should be running.
            CREATE TABLE nodes (
                node_id    text COLLATE "C" NOT NULL PRIMARY KEY,
                definition text             NOT NULL,
                state      text COLLATE "C" NOT NULL,
                reason     text,
                created_at timestamptz      NOT NULL,
                updated_at timestamptz      NOT NULL
            );

            -- The one process that may append to a node's journal, until expires_at (the caller's clock).
            CREATE TABLE node_leases (
                node_id    text COLLATE "C" NOT NULL PRIMARY KEY,
                owner      text COLLATE "C" NOT NULL,
                expires_at timestamptz      NOT NULL
            );

            -- Each node's entries, numbered 1, 2, 3, ...; the key keeps them in order for a read and refuses a repeat.
            CREATE TABLE node_journal (
                node_id   text COLLATE "C" NOT NULL,
                sequence  bigint           NOT NULL CHECK (sequence > 0),
                step_time timestamptz      NOT NULL,
                kind      text COLLATE "C" NOT NULL,
                payload   bytea            NOT NULL,
                PRIMARY KEY (node_id, sequence)
            );
            """),
    ];

    /// <inheritdoc />
    public Task AppendAsync(
        string nodeId,
        string leaseOwner,
        long expectedNextSequence,
        IReadOnlyList<JournalRecordDraft> entries,
        DateTime now,
        CancellationToken cancellationToken = default)
    {
        JournalRule.CheckAppend(nodeId, leaseOwner, expectedNextSequence, entries, now);

        // To the microsecond, as the server sees it, so that this side's check of the lease and the insert's agree.
        now = JournalRule.ToStored(now);
        return RunAsync($"could not append to the journal of node {nodeId}", async connection =>
        {
            // One batch, one round trip, one implicit transaction (the statements up to the protocol's Sync): lock the
            // lease row, read the last sequence, and insert only if the lease and the sequence are as expected. Each
            // statement sees what committed before it began, and the lock holds until the end, so the insert's
            // checks see what the first two statements report.
            await using var batch = new NpgsqlBatch(connection)
            {
                BatchCommands =
                {
                    Command("SELECT owner, expires_at FROM node_leases WHERE node_id = $1 FOR UPDATE;", Text(nodeId)),
                    Command("SELECT coalesce(max(sequence), 0) FROM node_journal WHERE node_id = $1;", Text(nodeId)),
                },
            };
            if (entries.Count > 0)
            {
                batch.BatchCommands.Add(Insert(nodeId, leaseOwner, expectedNextSequence, entries, now));
            }

            JournalLease? lease;
            long last;
            try
            {
                // Prepared once per pooled connection (Npgsql keeps it across returns to the pool): the INSERT's plan
                // costs more than running it.
                await batch.PrepareAsync(cancellationToken).ConfigureAwait(false);
                await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                lease = await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                    ? new JournalLease(nodeId, reader.GetString(0), reader.GetFieldValue<DateTime>(1))
                    : null;
                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                last = reader.GetInt64(0);
                while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false))
                {
                }
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                // The lease lock makes this unreachable for writers that follow the protocol; the key stands anyway.
                throw JournalConflictException.SequenceMismatch(nodeId, expectedNextSequence, await LastSequenceAsync(connection, nodeId, CancellationToken.None).ConfigureAwait(false));
            }

            if (lease is null || lease.Owner != leaseOwner || !lease.IsHeldAt(now))
            {
                throw JournalConflictException.LeaseNotHeld(nodeId, leaseOwner, expectedNextSequence, lease, now);
            }

            if (last != expectedNextSequence - 1)
            {
                throw JournalConflictException.SequenceMismatch(nodeId, expectedNextSequence, last);
            }

            if (entries.Count > 0 && batch.BatchCommands[2].RecordsAffected != entries.Count)
            {
                // The checks above passed, so the insert's own must have: anything else is a broken invariant, not a
                // conflict to recover from.
                throw new InvalidOperationException(
                    $"The journal of node {nodeId} stored {batch.BatchCommands[2].RecordsAffected} of {entries.Count} entries though the lease and sequence checks passed.");
            }

            return true;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<JournalRecord> ReadAsync(string nodeId, long afterSequence = 0, CancellationToken cancellationToken = default)
    {
        JournalRule.CheckName(nodeId, "node id", nameof(nodeId));
        ArgumentOutOfRangeException.ThrowIfNegative(afterSequence);
        return Read(nodeId, afterSequence, cancellationToken);
    }

    /// <inheritdoc />
    public Task<long> LastSequenceAsync(string nodeId, CancellationToken cancellationToken = default)
    {
        JournalRule.CheckName(nodeId, "node id", nameof(nodeId));
        return RunAsync($"could not read the last sequence of node {nodeId}", connection => LastSequenceAsync(connection, nodeId, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> TryAcquireLeaseAsync(string nodeId, string owner, TimeSpan duration, DateTime now, CancellationToken cancellationToken = default)
    {
        JournalRule.CheckName(nodeId, "node id", nameof(nodeId));
        JournalRule.CheckOwner(owner, nameof(owner));
        var end = JournalRule.LeaseEnd(now, duration, nameof(duration));
        return RunAsync($"could not take the lease of node {nodeId}", async connection =>
        {
            // Free, expired or already the owner's: one statement, which locks the row it updates, so two processes
            // cannot both take it.
            await using var command = new NpgsqlCommand(
                """
                INSERT INTO node_leases (node_id, owner, expires_at) VALUES ($1, $2, $3)
                ON CONFLICT (node_id) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
                WHERE node_leases.owner = excluded.owner OR node_leases.expires_at <= $4;
                """,
                connection);
            command.Parameters.Add(Text(nodeId));
            command.Parameters.Add(Text(owner));
            command.Parameters.Add(Time(end));
            command.Parameters.Add(Time(now));
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> RenewLeaseAsync(string nodeId, string owner, TimeSpan duration, DateTime now, CancellationToken cancellationToken = default)
    {
        JournalRule.CheckName(nodeId, "node id", nameof(nodeId));
        JournalRule.CheckOwner(owner, nameof(owner));
        var end = JournalRule.LeaseEnd(now, duration, nameof(duration));
        return RunAsync($"could not renew the lease of node {nodeId}", async connection =>
        {
            await using var command = new NpgsqlCommand(
                "UPDATE node_leases SET expires_at = $3 WHERE node_id = $1 AND owner = $2 AND expires_at > $4;", connection);
            command.Parameters.Add(Text(nodeId));
            command.Parameters.Add(Text(owner));
            command.Parameters.Add(Time(end));
            command.Parameters.Add(Time(now));
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> ReleaseLeaseAsync(string nodeId, string owner, CancellationToken cancellationToken = default)
    {
        JournalRule.CheckName(nodeId, "node id", nameof(nodeId));
        JournalRule.CheckOwner(owner, nameof(owner));
        return RunAsync($"could not release the lease of node {nodeId}", async connection =>
        {
            await using var command = new NpgsqlCommand("DELETE FROM node_leases WHERE node_id = $1 AND owner = $2;", connection);
            command.Parameters.Add(Text(nodeId));
            command.Parameters.Add(Text(owner));
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<JournalLease?> ReadLeaseAsync(string nodeId, CancellationToken cancellationToken = default)
    {
        JournalRule.CheckName(nodeId, "node id", nameof(nodeId));
        return RunAsync($"could not read the lease of node {nodeId}", async connection =>
        {
            await using var command = new NpgsqlCommand("SELECT owner, expires_at FROM node_leases WHERE node_id = $1;", connection);
            command.Parameters.Add(Text(nodeId));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                ? new JournalLease(nodeId, reader.GetString(0), reader.GetFieldValue<DateTime>(1))
                : null;
        }, cancellationToken);
    }

    public override string ToString() => $"PostgreSQL journal store ({database.Server})";

    private async IAsyncEnumerable<JournalRecord> Read(string nodeId, long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var what = $"could not read the journal of node {nodeId}";
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        var connection = await Guard(what, database.DataSource.OpenConnectionAsync(cancellationToken).AsTask()).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = new NpgsqlCommand(
                "SELECT sequence, step_time, kind, payload FROM node_journal WHERE node_id = $1 AND sequence > $2 ORDER BY sequence;",
                connection);
            await using (command.ConfigureAwait(false))
            {
                command.Parameters.Add(Text(nodeId));
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = afterSequence });
                var reader = await Guard(what, command.ExecuteReaderAsync(cancellationToken)).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await Guard(what, reader.ReadAsync(cancellationToken)).ConfigureAwait(false))
                    {
                        yield return Entry(reader, nodeId);
                    }
                }
            }
        }
    }

    /// <summary>The current row as an entry; a row that breaks the rule (written by another tool or by hand) is the
    /// store's failure, naming it, not the caller's bad argument.</summary>
    private JournalRecord Entry(NpgsqlDataReader reader, string nodeId)
    {
        try
        {
            return new JournalRecord(reader.GetInt64(0), reader.GetFieldValue<DateTime>(1), reader.GetString(2), reader.GetFieldValue<byte[]>(3));
        }
        catch (ArgumentException e)
        {
            throw new MarketDataStoreException($"The journal store ({database.Server}) holds an entry of node {nodeId} that breaks the journal rule (written by another tool?): {e.Message}", e);
        }
    }

    /// <summary>The step's INSERT, which writes nothing unless <paramref name="leaseOwner"/> holds the lease at
    /// <paramref name="now"/> and the journal ends just before <paramref name="firstSequence"/>; the arrays go in one
    /// message, numbered in order.</summary>
    private static NpgsqlBatchCommand Insert(string nodeId, string leaseOwner, long firstSequence, IReadOnlyList<JournalRecordDraft> entries, DateTime now)
    {
        var times = new DateTime[entries.Count];
        var kinds = new string[entries.Count];
        var payloads = new byte[entries.Count][];
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            times[i] = entry.StepTime;
            kinds[i] = entry.Kind;
            payloads[i] = entry.PayloadArray();
        }

        return Command(
            """
            INSERT INTO node_journal (node_id, sequence, step_time, kind, payload)
            SELECT $1, $2 + e.n - 1, e.step_time, e.kind, e.payload
            FROM unnest($3::timestamptz[], $4::text[], $5::bytea[]) WITH ORDINALITY AS e(step_time, kind, payload, n)
            WHERE EXISTS (SELECT 1 FROM node_leases WHERE node_id = $1 AND owner = $6 AND expires_at > $7)
              AND (SELECT coalesce(max(sequence), 0) FROM node_journal WHERE node_id = $1) = $2 - 1;
            """,
            Text(nodeId),
            new NpgsqlParameter<long> { TypedValue = firstSequence },
            new NpgsqlParameter<DateTime[]> { TypedValue = times, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz },
            new NpgsqlParameter<string[]> { TypedValue = kinds, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
            new NpgsqlParameter<byte[][]> { TypedValue = payloads, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea },
            Text(leaseOwner),
            Time(now));
    }

    private static async Task<long> LastSequenceAsync(NpgsqlConnection connection, string nodeId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT coalesce(max(sequence), 0) FROM node_journal WHERE node_id = $1;", connection);
        command.Parameters.Add(Text(nodeId));
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>Runs <paramref name="work"/> on a pooled connection once the tables are up to date, reporting the
    /// driver's failures as the store's.</summary>
    private async Task<T> RunAsync<T>(string what, Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            return await work(connection).ConfigureAwait(false);
        }
        catch (Exception e) when (PostgresMarketDataStore.IsSharedFailure(e))
        {
            throw database.SharedFailure(StoreName, what, e);
        }
    }

    private async Task<T> Guard<T>(string what, Task<T> task)
    {
        try
        {
            return await task.ConfigureAwait(false);
        }
        catch (Exception e) when (PostgresMarketDataStore.IsSharedFailure(e))
        {
            throw database.SharedFailure(StoreName, what, e);
        }
    }

    /// <summary>Migrates once per store; a failed attempt is forgotten so that the next operation tries again (the
    /// server may be back).</summary>
    private async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _schema.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (PostgresMarketDataStore.IsSharedFailure(e))
        {
            throw database.SharedFailure(StoreName, "cannot be opened", e);
        }
    }

    private static async Task MigrateAsync(PostgresMarketDataStore database)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync().ConfigureAwait(false);
        await PostgresComponentMigrator.MigrateAsync(connection, Component, Migrations, database.Server, CancellationToken.None).ConfigureAwait(false);
    }

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    private static NpgsqlParameter<string> Text(string value) => new() { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Text };

    private static NpgsqlParameter<DateTime> Time(DateTime value) => new() { TypedValue = value, NpgsqlDbType = NpgsqlDbType.TimestampTz };
}

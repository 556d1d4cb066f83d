using System.Text;
using Trading.Data.Storage;
using Trading.Journal;

namespace Trading.Tests.Journal;

/// <summary>What every journal store must do, whatever holds it. A store's test class says how to make an empty
/// database and how to open a store on it; opening twice gives two independent instances (two pools of connections,
/// as two processes would have).</summary>
public abstract class JournalStoreContract : IDisposable
{
    protected static readonly DateTime T0 = new(2024, 3, 1, 14, 30, 0, DateTimeKind.Utc);

    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private readonly List<IDisposable> _owned = [];

    /// <summary>A new, empty database: a file path or a connection string.</summary>
    protected abstract string CreateDatabase();

    /// <summary>A new store instance on <paramref name="database"/>, which the derived class disposes (see <see cref="Own"/>).</summary>
    protected abstract IJournalStore Open(string database);

    /// <summary>Makes one step of a node fail in the database once it has inserted entries before it: the entry of
    /// <paramref name="sequence"/> is refused by the database itself (a trigger), as a full disk would refuse it.</summary>
    protected abstract Task BreakInsertOfAsync(string database, string nodeId, long sequence);

    /// <summary>Runs <paramref name="sql"/> on <paramref name="database"/> behind the store's back, as another tool
    /// would.</summary>
    protected abstract Task ExecuteAsync(string database, string sql);

    protected T Own<T>(T resource)
        where T : IDisposable
    {
        _owned.Add(resource);
        return resource;
    }

    public void Dispose()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }

        DisposeResources();
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what the derived class holds (temporary files, schemas) after the stores are disposed.</summary>
    protected virtual void DisposeResources()
    {
    }

    [SkippableFact]
    public async Task Steps_read_back_in_order_with_payloads_byte_for_byte_and_times_in_utc()
    {
        var store = NewStore();
        var everyByte = Enumerable.Range(0, 256).Select(b => (byte)b).ToArray();
        JournalRecordDraft[] first =
        [
            Draft("order_submitted", """{"client_id":"n1-1","symbol":"AAPL","side":"buy","quantity":100}""", T0),
            Draft("fill", """{"price":187.4300000000000068212102632969617843627929688,"note":"Zürich ✓ 𝄞"}""", T0),
            new(T0, "raw", everyByte),
            new(T0, "empty", ReadOnlyMemory<byte>.Empty),
        ];
        var later = new DateTime(2024, 3, 4, 20, 59, 59, DateTimeKind.Utc).AddTicks(1234560);
        var beforeEpoch = new DateTime(1965, 7, 9, 3, 2, 1, DateTimeKind.Utc).AddTicks(10);
        JournalRecordDraft[] second = [Draft("equity", """{"equity":"100000.01"}""", later), Draft("split", "{}", beforeEpoch)];
        await Acquire(store, "n1", "A", T0);

        await store.AppendAsync("n1", "A", 1, first, T0);
        await store.AppendAsync("n1", "A", 5, second, T0.AddSeconds(1));
        var read = await ReadAll(store, "n1");

        Assert.Equal(6, read.Count);
        Assert.Equal([1L, 2, 3, 4, 5, 6], read.Select(r => r.Sequence));
        var written = first.Concat(second).ToArray();
        for (var i = 0; i < written.Length; i++)
        {
            Assert.Equal(written[i].Kind, read[i].Kind);
            Assert.Equal(written[i].StepTime, read[i].StepTime);
            Assert.Equal(DateTimeKind.Utc, read[i].StepTime.Kind);
            Assert.Equal(written[i].Payload.ToArray(), read[i].Payload.ToArray());
        }

        Assert.Equal(6, await store.LastSequenceAsync("n1"));
    }

    [SkippableFact]
    public async Task A_payload_of_one_mebibyte_reads_back_whole()
    {
        var store = NewStore();
        var payload = new byte[JournalRule.MaxPayloadBytes];
        new Random(11).NextBytes(payload);
        await Acquire(store, "n1", "A", T0);

        await store.AppendAsync("n1", "A", 1, [new JournalRecordDraft(T0, "snapshot", payload)], T0);

        Assert.Equal(payload, Assert.Single(await ReadAll(store, "n1")).Payload.ToArray());
    }

    [SkippableFact]
    public async Task Reading_after_a_sequence_returns_only_the_later_entries_of_that_node()
    {
        var store = NewStore();
        await Acquire(store, "n1", "A", T0);
        await Acquire(store, "n2", "A", T0);
        await store.AppendAsync("n1", "A", 1, Steps(5, T0), T0);
        await store.AppendAsync("n2", "A", 1, Steps(3, T0), T0);

        Assert.Equal([4L, 5], (await ReadAll(store, "n1", afterSequence: 3)).Select(r => r.Sequence));
        Assert.Empty(await ReadAll(store, "n1", afterSequence: 5));
        Assert.Equal(3, (await ReadAll(store, "n2")).Count);
        Assert.Equal(3, await store.LastSequenceAsync("n2"));
    }

    [SkippableFact]
    public async Task A_node_never_written_has_an_empty_journal_and_no_lease()
    {
        var store = NewStore();

        Assert.Empty(await ReadAll(store, "nobody"));
        Assert.Equal(0, await store.LastSequenceAsync("nobody"));
        Assert.Null(await store.ReadLeaseAsync("nobody"));
        Assert.Empty(await Nodes(store).ReadNodesAsync());
        Assert.Null(await Nodes(store).ReadNodeAsync("nobody"));
    }

    [SkippableTheory]
    [InlineData(5)] // a gap: 3 and 4 would be missing
    [InlineData(2)] // a repeat of 2 and 3
    [InlineData(3)] // a repeat of 3
    public async Task A_step_that_does_not_continue_the_sequence_exactly_is_a_conflict_and_writes_nothing(long expectedNext)
    {
        var store = NewStore();
        await Acquire(store, "n1", "A", T0);
        await store.AppendAsync("n1", "A", 1, Steps(3, T0), T0);

        var error = await Assert.ThrowsAsync<JournalConflictException>(() =>
            store.AppendAsync("n1", "A", expectedNext, Steps(2, T0.AddDays(1)), T0));

        Assert.Equal(JournalConflict.SequenceMismatch, error.Conflict);
        Assert.Equal("n1", error.NodeId);
        Assert.Equal(expectedNext, error.ExpectedNextSequence);
        Assert.Equal(3, error.LastSequence);
        Assert.Contains("node n1", error.Message, StringComparison.Ordinal);
        Assert.Contains($"start at sequence {expectedNext}", error.Message, StringComparison.Ordinal);
        Assert.Contains("ends at 3", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, await store.LastSequenceAsync("n1"));
        Assert.All(await ReadAll(store, "n1"), r => Assert.Equal(T0, r.StepTime));
    }

    [SkippableFact]
    public async Task The_first_step_of_a_new_node_starts_at_one()
    {
        var store = NewStore();
        await Acquire(store, "n1", "A", T0);

        var error = await Assert.ThrowsAsync<JournalConflictException>(() => store.AppendAsync("n1", "A", 2, Steps(1, T0), T0));

        Assert.Equal(0, error.LastSequence);
        Assert.Empty(await ReadAll(store, "n1"));
    }

    [SkippableFact]
    public async Task A_step_that_the_database_refuses_halfway_writes_nothing_of_it()
    {
        var database = CreateDatabase();
        var store = Open(database);
        await Acquire(store, "n1", "A", T0);
        await store.AppendAsync("n1", "A", 1, Steps(2, T0), T0);
        await BreakInsertOfAsync(database, "n1", 13);

        // Entries 3 to 12 are inserted, then the database refuses 13.
        await Assert.ThrowsAsync<MarketDataStoreException>(() => store.AppendAsync("n1", "A", 3, Steps(20, T0.AddDays(1)), T0));

        Assert.Equal(2, await store.LastSequenceAsync("n1"));
        Assert.Equal([1L, 2], (await ReadAll(store, "n1")).Select(r => r.Sequence));
        await store.AppendAsync("n1", "A", 3, Steps(10, T0.AddDays(1)), T0);
        Assert.Equal(12, await store.LastSequenceAsync("n1"));
    }

    [SkippableFact]
    public async Task An_entry_another_tool_wrote_against_the_rule_is_reported_as_the_stores_failure_naming_it()
    {
        var database = CreateDatabase();
        var store = Open(database);
        await Acquire(store, "n1", "A", T0);
        await store.AppendAsync("n1", "A", 1, Steps(2, T0), T0);
        await ExecuteAsync(database, "UPDATE node_journal SET kind = 'bad kind' WHERE sequence = 2;");

        var error = await Assert.ThrowsAsync<MarketDataStoreException>(() => ReadAll(store, "n1"));

        Assert.Contains("node n1", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"bad kind\"", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task An_append_cancelled_before_it_starts_writes_nothing()
    {
        var store = NewStore();
        await Acquire(store, "n1", "A", T0);
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.AppendAsync("n1", "A", 1, Steps(5, T0), T0, cancellation.Token));

        Assert.Equal(0, await store.LastSequenceAsync("n1"));
    }

    [SkippableFact]
    public async Task An_empty_step_writes_nothing_but_is_checked_like_any_other()
    {
        var store = NewStore();
        await Acquire(store, "n1", "A", T0);
        await store.AppendAsync("n1", "A", 1, Steps(2, T0), T0);

        await store.AppendAsync("n1", "A", 3, [], T0);
        await Assert.ThrowsAsync<JournalConflictException>(() => store.AppendAsync("n1", "A", 2, [], T0));
        await Assert.ThrowsAsync<JournalConflictException>(() => store.AppendAsync("n1", "B", 3, [], T0));

        Assert.Equal(2, await store.LastSequenceAsync("n1"));
    }

    [SkippableFact]
    public async Task Only_the_lease_holder_appends_and_without_a_lease_nobody_does()
    {
        var store = NewStore();

        var none = await Assert.ThrowsAsync<JournalConflictException>(() => store.AppendAsync("n1", "A", 1, Steps(1, T0), T0));
        await Acquire(store, "n1", "A", T0);
        var other = await Assert.ThrowsAsync<JournalConflictException>(() => store.AppendAsync("n1", "B", 1, Steps(1, T0), T0.AddSeconds(1)));

        Assert.Equal(JournalConflict.NoLease, none.Conflict);
        Assert.Contains("nobody holds its lease", none.Message, StringComparison.Ordinal);
        Assert.Equal(JournalConflict.LeaseHeldByAnother, other.Conflict);
        Assert.Equal("A", other.Lease?.Owner);
        Assert.Contains("held by A", other.Message, StringComparison.Ordinal);
        Assert.Equal(0, await store.LastSequenceAsync("n1"));
    }

    [SkippableFact]
    public async Task A_process_whose_expired_lease_was_taken_over_can_never_write_again()
    {
        var store = NewStore();
        await Acquire(store, "n1", "A", T0);
        await store.AppendAsync("n1", "A", 1, Steps(2, T0), T0.AddSeconds(10));

        Assert.False(await store.TryAcquireLeaseAsync("n1", "B", Lease, T0.AddSeconds(29)));
        Assert.True(await store.TryAcquireLeaseAsync("n1", "B", Lease, T0.AddSeconds(30)));

        // A hung, and its clock still says its lease runs: it is fenced off all the same.
        var fenced = await Assert.ThrowsAsync<JournalConflictException>(() => store.AppendAsync("n1", "A", 3, Steps(5, T0.AddDays(1)), T0.AddSeconds(20)));
        Assert.Equal(JournalConflict.LeaseHeldByAnother, fenced.Conflict);
        Assert.False(await store.RenewLeaseAsync("n1", "A", Lease, T0.AddSeconds(31)));
        Assert.False(await store.TryAcquireLeaseAsync("n1", "A", Lease, T0.AddSeconds(31)));
        Assert.Equal(2, await store.LastSequenceAsync("n1"));

        await store.AppendAsync("n1", "B", 3, Steps(1, T0.AddDays(1)), T0.AddSeconds(31));
        Assert.Equal(new JournalLease("n1", "B", T0.AddSeconds(60)), await store.ReadLeaseAsync("n1"));
        Assert.Equal(3, await store.LastSequenceAsync("n1"));
    }

    [SkippableFact]
    public async Task A_lease_ends_at_its_expiry_exactly_and_its_holder_must_take_it_again()
    {
        var store = NewStore();
        await Acquire(store, "n1", "A", T0);

        await store.AppendAsync("n1", "A", 1, Steps(1, T0), T0 + Lease - TimeSpan.FromTicks(10));
        var expired = await Assert.ThrowsAsync<JournalConflictException>(() => store.AppendAsync("n1", "A", 2, Steps(1, T0), T0 + Lease));
        Assert.False(await store.RenewLeaseAsync("n1", "A", Lease, T0 + Lease));

        Assert.Equal(JournalConflict.LeaseExpired, expired.Conflict);
        Assert.Contains("expired", expired.Message, StringComparison.Ordinal);
        Assert.True(await store.TryAcquireLeaseAsync("n1", "A", Lease, T0 + Lease));
        await store.AppendAsync("n1", "A", 2, Steps(1, T0), T0 + Lease);
        Assert.Equal(2, await store.LastSequenceAsync("n1"));
    }

    [SkippableFact]
    public async Task The_same_owner_taking_its_lease_again_extends_it()
    {
        var store = NewStore();
        await Acquire(store, "n1", "A", T0);

        Assert.True(await store.TryAcquireLeaseAsync("n1", "A", Lease, T0.AddSeconds(20)));

        // The first lease would have ended at T0 + 30 s; the second runs to T0 + 50 s.
        Assert.False(await store.TryAcquireLeaseAsync("n1", "B", Lease, T0.AddSeconds(40)));
        await store.AppendAsync("n1", "A", 1, Steps(1, T0), T0.AddSeconds(45));
        Assert.True(await store.TryAcquireLeaseAsync("n1", "B", Lease, T0.AddSeconds(50)));
    }

    [SkippableFact]
    public async Task Renewing_extends_only_the_holders_unexpired_lease()
    {
        var store = NewStore();
        await Acquire(store, "n1", "A", T0);

        Assert.True(await store.RenewLeaseAsync("n1", "A", Lease, T0.AddSeconds(25)));
        Assert.False(await store.RenewLeaseAsync("n1", "B", Lease, T0.AddSeconds(26)));
        Assert.False(await store.RenewLeaseAsync("n2", "A", Lease, T0.AddSeconds(26)));

        Assert.Equal(new JournalLease("n1", "A", T0.AddSeconds(55)), await store.ReadLeaseAsync("n1"));
        Assert.False(await store.TryAcquireLeaseAsync("n1", "B", Lease, T0.AddSeconds(54)));
    }

    [SkippableFact]
    public async Task A_released_lease_is_free_at_once_and_only_its_owner_releases_it()
    {
        var store = NewStore();
        await Acquire(store, "n1", "A", T0);

        Assert.False(await store.ReleaseLeaseAsync("n1", "B"));
        Assert.False(await store.TryAcquireLeaseAsync("n1", "B", Lease, T0.AddSeconds(1)));
        Assert.True(await store.ReleaseLeaseAsync("n1", "A"));
        Assert.False(await store.ReleaseLeaseAsync("n1", "A"));
        Assert.Null(await store.ReadLeaseAsync("n1"));
        Assert.True(await store.TryAcquireLeaseAsync("n1", "B", Lease, T0.AddSeconds(1)));
        await Assert.ThrowsAsync<JournalConflictException>(() => store.AppendAsync("n1", "A", 1, Steps(1, T0), T0.AddSeconds(2)));
    }

    [SkippableFact]
    public async Task Two_instances_racing_to_append_the_same_next_sequence_store_exactly_one_step()
    {
        var database = CreateDatabase();
        var first = Open(database);
        var second = Open(database);
        await Acquire(first, "n1", "A", T0);
        var expected = new List<string>();
        for (var round = 0; round < 20; round++)
        {
            var next = (round * 3) + 1;
            var outcomes = await Together(
                () => first.AppendAsync("n1", "A", next, Steps(3, T0.AddDays(round), tag: $"{round}-0"), T0),
                () => second.AppendAsync("n1", "A", next, Steps(3, T0.AddDays(round), tag: $"{round}-1"), T0));

            Assert.All(outcomes, o => Assert.True(o is null or JournalConflictException, o?.ToString()));
            Assert.Single(outcomes, o => o is null);
            var loser = Assert.Single(outcomes, o => o is not null);
            var conflict = Assert.IsType<JournalConflictException>(loser);
            Assert.Equal(JournalConflict.SequenceMismatch, conflict.Conflict);
            Assert.Equal(next + 2, conflict.LastSequence);
            var winner = Array.IndexOf(outcomes, null);
            expected.AddRange(Enumerable.Repeat($"{round}-{winner}", 3));
        }

        var read = await ReadAll(second, "n1");
        Assert.Equal(Enumerable.Range(1, 60).Select(i => (long)i), read.Select(r => r.Sequence));
        Assert.Equal(expected, read.Select(r => Tag(r.Payload)));
    }

    [SkippableFact]
    public async Task Two_owners_racing_for_a_free_lease_give_it_to_exactly_one()
    {
        var database = CreateDatabase();
        var stores = new[] { Open(database), Open(database) };
        for (var round = 0; round < 20; round++)
        {
            var node = $"n{round}";
            var taken = new bool[2];
            await Together(
                async () => taken[0] = await stores[0].TryAcquireLeaseAsync(node, "owner0", Lease, T0),
                async () => taken[1] = await stores[1].TryAcquireLeaseAsync(node, "owner1", Lease, T0));

            Assert.Single(taken, t => t);
            Assert.Equal($"owner{Array.IndexOf(taken, true)}", (await stores[0].ReadLeaseAsync(node))?.Owner);
        }
    }

    [SkippableFact]
    public async Task Once_a_takeover_succeeds_the_old_holder_cannot_slip_an_append_in_behind_it()
    {
        var database = CreateDatabase();
        var a = Open(database);
        var b = Open(database);
        var expected = new List<string>();
        for (var round = 0; round < 50; round++)
        {
            var now = T0.AddMinutes(round);
            Assert.True(await a.TryAcquireLeaseAsync("n1", "A", Lease, now));
            var last = await a.LastSequenceAsync("n1");

            // A appends with its clock just before its lease ends while B, whose clock is past it, takes over and
            // appends after what it finds: B's step must never conflict, so A's either came first or not at all.
            var foundByB = -1L;
            var outcomes = await Together(
                () => a.AppendAsync("n1", "A", last + 1, Steps(2, now, tag: $"A{round}"), now + Lease - TimeSpan.FromSeconds(1)),
                async () =>
                {
                    Assert.True(await b.TryAcquireLeaseAsync("n1", "B", Lease, now + Lease));
                    foundByB = await b.LastSequenceAsync("n1");
                    await b.AppendAsync("n1", "B", foundByB + 1, Steps(1, now, tag: $"B{round}"), now + Lease);
                });
            var outcome = outcomes[0];
            Assert.Null(outcomes[1]);

            Assert.True(outcome is null or JournalConflictException { Conflict: JournalConflict.LeaseHeldByAnother }, outcome?.ToString());
            Assert.Equal(outcome is null ? last + 2 : last, foundByB);
            expected.AddRange(outcome is null ? [$"A{round}", $"A{round}", $"B{round}"] : [$"B{round}"]);
            await Assert.ThrowsAsync<JournalConflictException>(() => a.AppendAsync("n1", "A", foundByB + 2, Steps(1, now), now + Lease - TimeSpan.FromSeconds(1)));
            Assert.True(await b.ReleaseLeaseAsync("n1", "B"));
        }

        Assert.Equal(expected, (await ReadAll(a, "n1")).Select(r => Tag(r.Payload)));
    }

    [SkippableFact]
    public async Task Nodes_read_back_as_saved_and_a_save_replaces_the_node()
    {
        var store = NewStore();
        var registry = Nodes(store);
        var momentum = new NodeRecord(
            "momentum-live", """{"strategy":"momentum","universe":["AAPL","MSFT"],"note":"Zürich ✓ 𝄞 \"quoted\""}""", "running", null, T0, T0);
        var replay = new NodeRecord("replay_1", "{}", "stopped", "stopped by alice", T0.AddTicks(10), T0.AddDays(2).AddTicks(1230));

        await registry.SaveNodeAsync(replay);
        await registry.SaveNodeAsync(momentum);
        var halted = momentum.WithState("halted", "kill switch: drawdown 12% over the 10% limit", T0.AddHours(3));
        await registry.SaveNodeAsync(halted);

        Assert.Equal([halted, replay], await registry.ReadNodesAsync());
        var read = await registry.ReadNodeAsync("momentum-live");
        Assert.Equal(halted, read);
        Assert.Equal(DateTimeKind.Utc, read!.CreatedAt.Kind);
        Assert.Equal(DateTimeKind.Utc, read.UpdatedAt.Kind);
        Assert.Null(await registry.ReadNodeAsync("momentum"));
    }

    [SkippableFact]
    public async Task Saving_a_nodes_state_while_it_appends_loses_no_entry()
    {
        var database = CreateDatabase();
        var runner = Open(database);
        var server = Open(database);
        var node = new NodeRecord("n1", "{}", "running", null, T0, T0);
        await Nodes(server).SaveNodeAsync(node);
        await Acquire(runner, "n1", "A", T0);

        var appends = Task.Run(async () =>
        {
            for (var step = 0; step < 50; step++)
            {
                await runner.AppendAsync("n1", "A", (step * 4) + 1, Steps(4, T0.AddDays(step)), T0);
            }
        });
        var saves = Task.Run(async () =>
        {
            for (var i = 1; i <= 50; i++)
            {
                await Nodes(server).SaveNodeAsync(node.WithState(i % 2 == 0 ? "running" : "paused", $"save {i}", T0.AddSeconds(i)));
            }
        });
        await Task.WhenAll(appends, saves);

        Assert.Equal(200, await server.LastSequenceAsync("n1"));
        Assert.Equal(200, (await ReadAll(server, "n1")).Count);
        Assert.Equal("save 50", (await Nodes(server).ReadNodeAsync("n1"))?.Reason);
    }

    [SkippableFact]
    public async Task Deleting_a_node_removes_its_journal_and_lease_and_fences_off_its_runner()
    {
        var store = NewStore();
        var registry = Nodes(store);
        await registry.SaveNodeAsync(new NodeRecord("n1", "{}", "running", null, T0, T0));
        await registry.SaveNodeAsync(new NodeRecord("n2", "{}", "running", null, T0, T0));
        await Acquire(store, "n1", "A", T0);
        await Acquire(store, "n2", "A", T0);
        await store.AppendAsync("n1", "A", 1, Steps(5, T0), T0);
        await store.AppendAsync("n2", "A", 1, Steps(2, T0), T0);

        Assert.True(await registry.DeleteNodeAsync("n1"));

        Assert.Null(await registry.ReadNodeAsync("n1"));
        Assert.Empty(await ReadAll(store, "n1"));
        Assert.Equal(0, await store.LastSequenceAsync("n1"));
        Assert.Null(await store.ReadLeaseAsync("n1"));
        var fenced = await Assert.ThrowsAsync<JournalConflictException>(() => store.AppendAsync("n1", "A", 6, Steps(1, T0), T0));
        Assert.Equal(JournalConflict.NoLease, fenced.Conflict);
        Assert.Equal(["n2"], (await registry.ReadNodesAsync()).Select(n => n.Id));
        Assert.Equal(2, (await ReadAll(store, "n2")).Count);
        Assert.NotNull(await store.ReadLeaseAsync("n2"));
        Assert.False(await registry.DeleteNodeAsync("n1"));
    }

    [SkippableFact]
    public async Task Deleting_a_journal_without_a_registered_node_still_removes_it()
    {
        var store = NewStore();
        await Acquire(store, "replay", "A", T0);
        await store.AppendAsync("replay", "A", 1, Steps(3, T0), T0);

        Assert.True(await Nodes(store).DeleteNodeAsync("replay"));

        Assert.Equal(0, await store.LastSequenceAsync("replay"));
    }

    public static TheoryData<string?> HostileNames() =>
    [
        null,
        string.Empty,
        new string('a', 65),
        new string('x', 1_000_000),
        "node'1",
        "node\"1",
        "n1; DROP TABLE nodes; --",
        "n 1",
        "n1\n",
        "n\01",
        "nœud",
        "../n1",
        "n.1",
    ];

    [SkippableTheory]
    [MemberData(nameof(HostileNames))]
    public async Task Hostile_node_ids_are_refused_by_every_operation_before_anything_is_written(string? nodeId)
    {
        var store = NewStore();
        var registry = Nodes(store);
        var id = nodeId!;

        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.AppendAsync(id, "A", 1, Steps(1, T0), T0));
        Assert.ThrowsAny<ArgumentException>(() => store.ReadAsync(id));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.LastSequenceAsync(id));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.TryAcquireLeaseAsync(id, "A", Lease, T0));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.RenewLeaseAsync(id, "A", Lease, T0));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.ReleaseLeaseAsync(id, "A"));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.ReadLeaseAsync(id));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => registry.ReadNodeAsync(id));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => registry.DeleteNodeAsync(id));
        Assert.ThrowsAny<ArgumentException>(() => new NodeRecord(id, "{}", "running", null, T0, T0));
        Assert.Empty(await registry.ReadNodesAsync());
    }

    [SkippableTheory]
    [InlineData("")]
    [InlineData("owner'1")]
    [InlineData("owner 1")]
    [InlineData("owner\u00e9")]
    public async Task Hostile_lease_owners_are_refused(string owner)
    {
        var store = NewStore();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.TryAcquireLeaseAsync("n1", owner, Lease, T0));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.AppendAsync("n1", owner, 1, Steps(1, T0), T0));
        Assert.Null(await store.ReadLeaseAsync("n1"));
    }

    [SkippableFact]
    public async Task A_lease_owner_may_name_its_host_and_process()
    {
        var store = NewStore();
        const string owner = "trade-server-1.example.com:4242:0f8fad5b-d9cb-469f-a165-70867728950e@eu";

        Assert.True(await store.TryAcquireLeaseAsync("n1", owner, Lease, T0));
        await store.AppendAsync("n1", owner, 1, Steps(1, T0), T0);

        Assert.Equal(owner, (await store.ReadLeaseAsync("n1"))?.Owner);
    }

    [SkippableFact]
    public async Task A_step_over_the_size_bound_is_refused_whole_naming_the_bound()
    {
        var store = NewStore();
        await Acquire(store, "n1", "A", T0);
        var big = new byte[JournalRule.MaxPayloadBytes];
        var step = Enumerable.Range(0, 65).Select(_ => new JournalRecordDraft(T0, "snapshot", big)).ToArray();

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => store.AppendAsync("n1", "A", 1, step, T0));

        Assert.Contains("64 MiB", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await store.LastSequenceAsync("n1"));
    }

    [SkippableFact]
    public async Task A_step_with_a_null_entry_is_refused_whole()
    {
        var store = NewStore();
        await Acquire(store, "n1", "A", T0);
        var step = new[] { Draft("fill", "{}", T0), null! };

        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.AppendAsync("n1", "A", 1, step, T0));

        Assert.Equal(0, await store.LastSequenceAsync("n1"));
    }

    [SkippableFact]
    public async Task A_clock_that_is_not_utc_is_refused_rather_than_guessed()
    {
        var store = NewStore();
        var local = DateTime.SpecifyKind(T0, DateTimeKind.Local);
        var unspecified = DateTime.SpecifyKind(T0, DateTimeKind.Unspecified);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.TryAcquireLeaseAsync("n1", "A", Lease, local));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.TryAcquireLeaseAsync("n1", "A", Lease, unspecified));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.TryAcquireLeaseAsync("n1", "A", TimeSpan.Zero, T0));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.TryAcquireLeaseAsync("n1", "A", TimeSpan.MaxValue, T0));
        await Acquire(store, "n1", "A", T0);
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.AppendAsync("n1", "A", 1, Steps(1, T0), unspecified));
        Assert.Equal(0, await store.LastSequenceAsync("n1"));
    }

    protected static JournalRecordDraft Draft(string kind, string json, DateTime time) => new(time, kind, Encoding.UTF8.GetBytes(json));

    /// <summary><paramref name="count"/> fills at <paramref name="time"/>, each payload tagged so a test can tell whose
    /// step was stored.</summary>
    protected static JournalRecordDraft[] Steps(int count, DateTime time, string tag = "") =>
        [.. Enumerable.Range(0, count).Select(i => Draft("fill", $$"""{"tag":"{{tag}}","i":{{i}}}""", time))];

    protected static async Task<List<JournalRecord>> ReadAll(IJournalStore store, string nodeId, long afterSequence = 0)
    {
        var records = new List<JournalRecord>();
        await foreach (var record in store.ReadAsync(nodeId, afterSequence))
        {
            records.Add(record);
        }

        return records;
    }

    protected static async Task Acquire(IJournalStore store, string nodeId, string owner, DateTime now) =>
        Assert.True(await store.TryAcquireLeaseAsync(nodeId, owner, Lease, now));

    protected static INodeRegistry Nodes(IJournalStore store) => Assert.IsAssignableFrom<INodeRegistry>(store);

    protected IJournalStore NewStore() => Open(CreateDatabase());

    private static string Tag(ReadOnlyMemory<byte> payload)
    {
        var json = Encoding.UTF8.GetString(payload.Span);
        var start = json.IndexOf("\"tag\":\"", StringComparison.Ordinal) + 7;
        return json[start..json.IndexOf('"', start)];
    }

    /// <summary>Runs the actions on two threads released at the same instant, as two processes racing, and returns
    /// how each ended (null: it succeeded).</summary>
    private static async Task<Exception?[]> Together(params Func<Task>[] actions)
    {
        using var start = new Barrier(actions.Length);
        var running = actions.Select(action => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                return action();
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).Unwrap()).ToArray();
        return await Task.WhenAll(running.Select(Outcome));
    }

    private static async Task<Exception?> Outcome(Task task)
    {
        try
        {
            await task;
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }
}

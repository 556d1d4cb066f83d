using System.Text;
using Trading.Domain;
using Trading.Execution;

namespace Trading.Server.OrderEvents;

/// <summary>The last order events this server published, numbered from 1 (<see cref="OrderEventId"/>), for the order
/// streams to send, replay after a reconnection, and wait on.</summary>
/// <remarks>A ring of <c>Server:OrderEventsKept</c> events: appending takes a short lock, overwrites the oldest and
/// completes the task the streams wait on (<see cref="Appended"/>); it never waits for a reader. A stream keeps only
/// its position, so a slow one costs no memory: one that falls further behind than the ring holds finds, when it
/// reads, that events are missing (<see cref="OrderEventRead.Missed"/>).</remarks>
internal sealed class OrderEventLog
{
    // The epochs of the logs of this process, so that two servers started within a millisecond (tests) differ.
    private static long _lastEpoch;

    private readonly Lock _lock = new();
    private readonly LoggedOrderEvent?[] _ring;
    private long _last;
    private TaskCompletionSource _appended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public OrderEventLog(int capacity, TimeProvider clock)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentNullException.ThrowIfNull(clock);
        _ring = new LoggedOrderEvent?[capacity];
        Since = clock.GetUtcNow();
        Epoch = NextEpoch(Since.ToUnixTimeMilliseconds());
    }

    /// <summary>The first part of every id of this log: when it began, in Unix milliseconds, unique in this process.</summary>
    public long Epoch { get; }

    /// <summary>When the log began: events published before are not in it.</summary>
    public DateTimeOffset Since { get; }

    /// <summary>How many events it holds at most.</summary>
    public int Capacity => _ring.Length;

    /// <summary>The position of the last event (sequence 0 before the first).</summary>
    public OrderEventId Last
    {
        get
        {
            lock (_lock)
            {
                return new OrderEventId(Epoch, _last);
            }
        }
    }

    /// <summary>The oldest event still held, or null when none is.</summary>
    public OrderEventId? Oldest
    {
        get
        {
            lock (_lock)
            {
                return _last == 0 ? null : new OrderEventId(Epoch, Math.Max(1, _last - _ring.Length + 1));
            }
        }
    }

    /// <summary>Completes (on the thread pool, never on the publisher's thread) when the next event is appended. Take it
    /// before reading, so that an event appended after the read still wakes the reader.</summary>
    public Task Appended
    {
        get
        {
            lock (_lock)
            {
                return _appended.Task;
            }
        }
    }

    public LoggedOrderEvent Append(string source, OrderEvent orderEvent)
    {
        ArgumentNullException.ThrowIfNull(source);
        var json = OrderEventJson.Serialize(orderEvent);
        LoggedOrderEvent logged;
        TaskCompletionSource appended;
        lock (_lock)
        {
            var sequence = _last + 1;
            logged = new LoggedOrderEvent(sequence, source, orderEvent, json, Frame(new OrderEventId(Epoch, sequence), json));
            _ring[(sequence - 1) % _ring.Length] = logged;
            _last = sequence;
            appended = _appended;
            _appended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        appended.SetResult();
        return logged;
    }

    /// <summary>Copies the events after sequence <paramref name="after"/> into <paramref name="into"/>, oldest first, as
    /// many as fit. When some of them are no longer held (or <paramref name="after"/> is beyond the last), copies
    /// none and says they were missed.</summary>
    public OrderEventRead ReadAfter(long after, LoggedOrderEvent[] into)
    {
        ArgumentNullException.ThrowIfNull(into);
        lock (_lock)
        {
            var oldest = Math.Max(1, _last - _ring.Length + 1);
            if (after > _last || after < oldest - 1)
            {
                return new OrderEventRead(0, true, new OrderEventId(Epoch, _last));
            }

            var count = (int)Math.Min(into.Length, _last - after);
            for (var i = 0; i < count; i++)
            {
                // Sequence s lives at (s - 1) modulo the capacity; the first one wanted is after + 1.
                into[i] = _ring[(after + i) % _ring.Length]!;
            }

            return new OrderEventRead(count, false, new OrderEventId(Epoch, _last));
        }
    }

    // JSON written without indentation has no line break (one in a string is escaped), so it is one data: line.
    private static ReadOnlyMemory<byte> Frame(OrderEventId id, string json) =>
        Encoding.UTF8.GetBytes($"id: {id}\ndata: {json}\n\n");

    private static long NextEpoch(long now)
    {
        while (true)
        {
            var last = Volatile.Read(ref _lastEpoch);
            var next = Math.Max(Math.Max(now, 1), last + 1);
            if (Interlocked.CompareExchange(ref _lastEpoch, next, last) == last)
            {
                return next;
            }
        }
    }
}

/// <summary>What <see cref="OrderEventLog.ReadAfter"/> found: how many events it copied, or that some were missed,
/// and the log's last position when it looked.</summary>
internal readonly record struct OrderEventRead(int Count, bool Missed, OrderEventId Last);

using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Trading.Tests.Feeds;

/// <summary>A fake clock that says when the code under test starts waiting on it, and until when, so a test can move
/// time exactly to the next wake-up and know that nothing else can run before it does.</summary>
internal sealed class FeedClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Channel<DateTimeOffset> _armed = Channel.CreateUnbounded<DateTimeOffset>();
    private int _fired;

    /// <summary>How many timers have gone off so far.</summary>
    public int Fired => Volatile.Read(ref _fired);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(
            s =>
            {
                Interlocked.Increment(ref _fired);
                callback(s);
            },
            state,
            dueTime,
            period);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _armed.Writer.TryWrite(GetUtcNow() + dueTime);
        }

        return timer;
    }

    /// <summary>Completes when a timer has been set and not yet taken with <see cref="TakeArmed"/>.</summary>
    public Task WhenArmedAsync() => _armed.Reader.WaitToReadAsync().AsTask();

    /// <summary>The due time of the oldest timer set and not yet taken.</summary>
    public DateTimeOffset TakeArmed() =>
        _armed.Reader.TryRead(out var due) ? due : throw new InvalidOperationException("No timer was set.");

    /// <summary>Waits (real time, bounded) for the code under test to set a timer, and returns when it is due.</summary>
    public async Task<DateTimeOffset> ArmedAsync()
    {
        await WhenArmedAsync().WaitAsync(TimeSpan.FromSeconds(10));
        return TakeArmed();
    }

    public void AdvanceTo(DateTimeOffset time) => Advance(time - GetUtcNow());
}

/// <summary>A clock that fails the test if anything asks it the time or to wait.</summary>
internal sealed class NoClock : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => throw new InvalidOperationException("The clock was read.");

    public override long GetTimestamp() => throw new InvalidOperationException("The clock's timestamp was read.");

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        throw new InvalidOperationException($"A timer of {dueTime} was set.");
}

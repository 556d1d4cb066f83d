using Trading.Feeds;

namespace Trading.Tests.Feeds;

/// <summary>Reads a feed on a <see cref="FeedClock"/>, moving the clock to each wake-up the feed sets, so a test
/// sees exactly what the feed does at each moment and never waits in real time for the feed's timers.</summary>
/// <remarks>Disposing cancels a read still in progress first: an async iterator cannot be disposed mid-read.</remarks>
internal sealed class FeedDriver : IAsyncDisposable
{
    /// <summary>How long real time may pass for a feed's own work (a fetch on loopback) before a test gives up.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _stop = new();
    private readonly IAsyncEnumerator<BarSlice> _slices;
    private readonly FeedClock _clock;
    private Task<bool>? _next;
    private DateTimeOffset? _due;

    public FeedDriver(IBarFeed feed, FeedRequest request, FeedClock clock)
    {
        _slices = feed.ReadAsync(request, _stop.Token).GetAsyncEnumerator();
        _clock = clock;
    }

    /// <summary>The next slice and the clock's time when it came; fails if it would come after <paramref name="notAfter"/>.</summary>
    public async Task<(BarSlice Slice, DateTimeOffset At)> NextAsync(DateTimeOffset? notAfter = null)
    {
        var limit = notAfter ?? DateTimeOffset.MaxValue;
        Assert.True(await StepAsync(limit), $"No slice came by {limit:O}; the feed next wakes at {_due:O}.");
        return (_slices.Current, _clock.GetUtcNow());
    }

    /// <summary>Lets the feed run until <paramref name="time"/> and sets the clock to it; fails if a slice comes meanwhile.</summary>
    public async Task RunUntilAsync(DateTimeOffset time)
    {
        Assert.False(await StepAsync(time), $"A slice came before {time:O}: {_slices.Current}.");
        if (time > _clock.GetUtcNow())
        {
            _clock.AdvanceTo(time);
        }
    }

    /// <summary>The feed's pending read, started if need be, for tests that await it themselves.</summary>
    public Task<bool> Pending => _next ??= _slices.MoveNextAsync().AsTask();

    public async ValueTask DisposeAsync()
    {
        if (_next is { IsCompleted: false } reading)
        {
            await _stop.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading.WaitAsync(Patience));
        }

        await _slices.DisposeAsync();
        _stop.Dispose();
    }

    /// <summary>True when a slice came; false when the feed's next wake-up lies after <paramref name="limit"/>.</summary>
    private async Task<bool> StepAsync(DateTimeOffset limit)
    {
        var next = Pending;
        while (true)
        {
            if (_due is null)
            {
                await Task.WhenAny(next, _clock.WhenArmedAsync()).WaitAsync(Patience);
                if (next.IsCompleted)
                {
                    _next = null;
                    Assert.True(await next, "The feed ended.");
                    return true;
                }

                _due = _clock.TakeArmed();
            }

            if (_due > limit)
            {
                return false;
            }

            var due = _due.Value;
            _due = null;
            if (due > _clock.GetUtcNow())
            {
                _clock.AdvanceTo(due);
            }
        }
    }
}

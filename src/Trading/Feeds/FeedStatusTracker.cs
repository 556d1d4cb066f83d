namespace Trading.Feeds;

/// <summary>A feed's status as it changes: written by the reading loop, read as snapshots by health checks on other
/// threads. The last slice time is kept apart so that delivering a slice costs no lock and no allocation.</summary>
internal sealed class FeedStatusTracker
{
    private readonly Lock _lock = new();
    private FeedState _state = FeedState.Starting;
    private string? _lastError;
    private int _failures;
    private DateTimeOffset? _nextRetryAt;
    private long _lastSliceTicks = -1;
    private int _reading;

    public FeedStatus Snapshot
    {
        get
        {
            var ticks = Volatile.Read(ref _lastSliceTicks);
            lock (_lock)
            {
                return new FeedStatus(
                    _state,
                    ticks < 0 ? null : new DateTime(ticks, DateTimeKind.Utc),
                    _lastError,
                    _failures,
                    _nextRetryAt);
            }
        }
    }

    /// <summary>Claims the feed for one reader; a second reader at once is refused, naming the feed.</summary>
    public void BeginRead(string feed)
    {
        if (Interlocked.CompareExchange(ref _reading, 1, 0) != 0)
        {
            throw new InvalidOperationException($"The {feed} is already being read; a feed serves one reader at a time.");
        }

        lock (_lock)
        {
            _state = FeedState.Starting;
            _failures = 0;
            _nextRetryAt = null;
        }

        Volatile.Write(ref _lastSliceTicks, -1);
    }

    /// <summary>Releases the feed; its state becomes Ended unless it failed.</summary>
    public void EndRead()
    {
        lock (_lock)
        {
            if (_state != FeedState.Failed)
            {
                _state = FeedState.Ended;
            }

            _nextRetryAt = null;
        }

        Volatile.Write(ref _reading, 0);
    }

    public void Delivered(DateTime sliceTime) => Volatile.Write(ref _lastSliceTicks, sliceTime.Ticks);

    /// <summary>An attempt on the source succeeded.</summary>
    public void Live()
    {
        lock (_lock)
        {
            _state = FeedState.Live;
            _failures = 0;
            _nextRetryAt = null;
        }
    }

    /// <summary>The <paramref name="failures"/>-th attempt in a row failed; the next is due at <paramref name="nextRetryAt"/>.</summary>
    public void Retrying(string error, int failures, DateTimeOffset nextRetryAt)
    {
        lock (_lock)
        {
            _state = FeedState.Retrying;
            _lastError = error;
            _failures = failures;
            _nextRetryAt = nextRetryAt;
        }
    }

    public void Failed(string error)
    {
        lock (_lock)
        {
            _state = FeedState.Failed;
            _lastError = error;
            _nextRetryAt = null;
        }
    }
}

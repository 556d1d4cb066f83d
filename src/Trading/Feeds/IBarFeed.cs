namespace Trading.Feeds;

/// <summary>A source of bar slices for a trading node: stored bars replayed, or a provider polled as bars complete.</summary>
/// <remarks>
/// A feed delivers each bar time once, in strictly increasing time, and only when that time is complete; an engine
/// step consumes one slice per time. A feed does not throw for a transient outage: it retries with backoff and says so
/// in <see cref="Status"/>. It throws only for what cannot work (a bad request, no symbol known to its source).
/// A feed serves one reader at a time.
/// </remarks>
public interface IBarFeed
{
    /// <summary>What the feed is doing now, for health reporting: an immutable snapshot.</summary>
    FeedStatus Status { get; }

    /// <summary>The slices of <paramref name="request"/>'s symbols, in time order, from after
    /// <see cref="FeedRequest.After"/> (or the feed's own start) until the feed ends or the token is cancelled.</summary>
    IAsyncEnumerable<BarSlice> ReadAsync(FeedRequest request, CancellationToken cancellationToken = default);
}

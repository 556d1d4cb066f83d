namespace Trading.Feeds;

/// <summary>How a <see cref="PollingFeed"/> polls its provider and how long it waits for late symbols.</summary>
public sealed record PollingFeedOptions
{
    /// <summary>Where a reading without a resume point (<see cref="FeedRequest.After"/>) starts: the first bar time
    /// delivered, the bars since then that the provider still has caught up on at once; null: after the latest bar
    /// complete when the reading starts.</summary>
    public DateTime? From { get; init; }

    /// <summary>How often the provider is asked while a complete bar is still owed (and the least time between two
    /// polls); between bars the feed sleeps until the next one completes by the calendar.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long after a bar time completes the feed waits for symbols whose bar has not come; then the
    /// slice goes out without them. A slice goes out at once when every symbol has answered for its time.</summary>
    public TimeSpan GracePeriod { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How many symbols are fetched at once in one poll.</summary>
    public int MaxConcurrentFetches { get; init; } = 4;

    /// <summary>How the feed waits while its provider is unreachable.</summary>
    public Backoff Retry { get; init; } = new();

    /// <summary>What is wrong with these settings, or null when they are usable.</summary>
    public string? Problem()
    {
        if (From is { Kind: DateTimeKind.Local })
        {
            return "A polling feed's From is UTC, like every bar time; got a local time.";
        }

        if (From is { } from && from == DateTime.MinValue)
        {
            return "A polling feed's From must be after the first representable time.";
        }

        if (PollInterval <= TimeSpan.Zero)
        {
            return $"A polling feed's poll interval must be positive; got {PollInterval}.";
        }

        if (GracePeriod < TimeSpan.Zero)
        {
            return $"A polling feed's grace period must not be negative; got {GracePeriod}.";
        }

        if (MaxConcurrentFetches is < 1 or > 64)
        {
            return $"A polling feed fetches 1 to 64 symbols at once; got {MaxConcurrentFetches}.";
        }

        return Retry is null ? "A polling feed needs a retry backoff." : Retry.Problem();
    }
}

using Trading.Domain;

namespace Trading.Feeds;

/// <summary>What a <see cref="ReplayFeed"/> replays and how fast.</summary>
public sealed record ReplayFeedOptions
{
    /// <summary>The first bar time replayed (inclusive); null: the earliest stored bar of the requested symbols.</summary>
    public DateTime? From { get; init; }

    /// <summary>The last bar time replayed (inclusive); null: the latest stored bar of the requested symbols.</summary>
    public DateTime? To { get; init; }

    /// <summary>Seconds of market time per second of wall time: 0 delivers as fast as the reader takes slices, 60
    /// replays an hour of bars in a minute, 86,400 a day of them in a second.</summary>
    public double Speed { get; init; }

    /// <summary>How much market time is read from the store at once; null: 2,000 bars' worth, and at least a week
    /// (daily bars about 5.5 years, minute bars a week).</summary>
    public TimeSpan? ChunkLength { get; init; }

    /// <summary>How the feed waits while its store is unreachable.</summary>
    public Backoff Retry { get; init; } = new();

    /// <summary>What is wrong with these settings, or null when they are usable.</summary>
    public string? Problem()
    {
        if (From is { Kind: DateTimeKind.Local } || To is { Kind: DateTimeKind.Local })
        {
            return "A replay's From and To are UTC, like every bar time; got a local time.";
        }

        if (From is { } from && To is { } to && to < from)
        {
            return $"A replay's To ({to:O}) is before its From ({from:O}).";
        }

        if (!double.IsFinite(Speed) || Speed < 0)
        {
            return $"A replay's speed is 0 (as fast as possible) or a positive number of market seconds per second; got {Speed}.";
        }

        if (ChunkLength is { } chunk && chunk <= TimeSpan.Zero)
        {
            return $"A replay's chunk length must be positive; got {chunk}.";
        }

        return Retry is null ? "A replay needs a retry backoff." : Retry.Problem();
    }

    internal TimeSpan ChunkFor(Interval interval) =>
        ChunkLength ?? TimeSpan.FromTicks(Math.Max(interval.NominalLength.Ticks * 2_000, TimeSpan.FromDays(7).Ticks));
}

namespace Trading.Feeds;

/// <summary>How long a feed waits before its next attempt during an outage: <see cref="Initial"/>, doubling with each
/// failure in a row up to <see cref="Max"/>, each wait spread by up to <see cref="Jitter"/> of itself either way so
/// that many nodes do not retry in step.</summary>
public sealed record Backoff
{
    /// <summary>The wait after the first failure.</summary>
    public TimeSpan Initial { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>No wait is longer, jitter included.</summary>
    public TimeSpan Max { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The share of a wait by which it is randomly lengthened or shortened: 0 (exact doubling) to 1.</summary>
    public double Jitter { get; init; } = 0.2;

    /// <summary>Seeds the jitter's random numbers so runs repeat; null draws from a shared generator.</summary>
    public int? Seed { get; init; }

    /// <summary>What is wrong with these settings, or null when they are usable.</summary>
    public string? Problem()
    {
        if (Initial <= TimeSpan.Zero)
        {
            return $"A backoff's initial wait must be positive; got {Initial}.";
        }

        if (Max < Initial)
        {
            return $"A backoff's longest wait ({Max}) must be at least its initial wait ({Initial}).";
        }

        return Jitter is >= 0 and <= 1 ? null : $"A backoff's jitter is a share from 0 to 1; got {Jitter}.";
    }

    /// <summary>The wait after <paramref name="failures"/> failures in a row (1 or more), with <paramref name="unit"/>
    /// a number in [0, 1) that places it within the jitter (0.5 is the exact doubling).</summary>
    public TimeSpan Delay(int failures, double unit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failures, 1);
        var doublings = Math.Min(failures - 1, 40);
        var exact = Math.Min(Initial.TotalMilliseconds * Math.Pow(2, doublings), Max.TotalMilliseconds);
        var spread = exact * (1 + (Jitter * ((2 * unit) - 1)));
        return TimeSpan.FromMilliseconds(Math.Clamp(spread, 0, Max.TotalMilliseconds));
    }

    internal Random NewRandom() => Seed is { } seed ? new Random(seed) : Random.Shared;
}

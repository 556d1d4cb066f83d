namespace Trading.Feeds;

/// <summary>Waits on an injected clock the way the feeds need.</summary>
internal static class ClockWait
{
    /// <summary>The longest single wait: a timer takes at most about 49 days, so longer waits are taken in steps by
    /// callers that loop until their due time.</summary>
    private static readonly TimeSpan Longest = TimeSpan.FromDays(1);

    /// <summary>Waits <paramref name="wait"/>, rounded up to a whole millisecond: timers count whole milliseconds and
    /// round down, so a wait of 0.4 ms would end at once and a caller looping until its due time would spin.</summary>
    public static Task DelayAsync(TimeProvider clock, TimeSpan wait, CancellationToken cancellationToken)
    {
        if (wait <= TimeSpan.Zero)
        {
            return Task.CompletedTask;
        }

        var rounded = TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds));
        return Task.Delay(rounded < Longest ? rounded : Longest, clock, cancellationToken);
    }
}

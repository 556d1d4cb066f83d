namespace Trading.Feeds;

/// <summary>Where a feed is in its life.</summary>
public enum FeedState
{
    /// <summary>Not yet delivering: before the first read, or reading its first data.</summary>
    Starting,

    /// <summary>Delivering: its last attempt to reach its source succeeded.</summary>
    Live,

    /// <summary>Its source failed; it waits until <see cref="FeedStatus.NextRetryAt"/> and tries again.</summary>
    Retrying,

    /// <summary>It has delivered everything (a replay) or its reader stopped or cancelled.</summary>
    Ended,

    /// <summary>It stopped on an error that retrying cannot mend; <see cref="FeedStatus.LastError"/> says which.</summary>
    Failed,
}

/// <summary>A feed's health at one moment: state, the last slice delivered, and the outage it is riding out.</summary>
/// <param name="State">Where the feed is in its life.</param>
/// <param name="LastSliceTime">The bar time of the last slice delivered, or null before the first.</param>
/// <param name="LastError">The last failure's message, kept after recovery (so a flapping source shows), or null.</param>
/// <param name="ConsecutiveFailures">Failed attempts in a row; 0 once an attempt succeeds.</param>
/// <param name="NextRetryAt">When the feed tries again while retrying, otherwise null.</param>
public sealed record FeedStatus(
    FeedState State,
    DateTime? LastSliceTime,
    string? LastError,
    int ConsecutiveFailures,
    DateTimeOffset? NextRetryAt)
{
    /// <summary>A feed that has not been read yet.</summary>
    public static FeedStatus NotStarted { get; } = new(FeedState.Starting, null, null, 0, null);
}

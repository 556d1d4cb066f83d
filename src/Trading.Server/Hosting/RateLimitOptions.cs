namespace Trading.Server.Hosting;

/// <summary>A fixed window per client address: at most <see cref="PermitLimit"/> requests per <see cref="Window"/>.</summary>
internal sealed class RateLimitOptions
{
    /// <summary>Requests a client may make per window; 0 switches the limiter off.</summary>
    public int PermitLimit { get; set; } = 2_000;

    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(1);

    public string? Problem() => PermitLimit < 0
        ? $"Server:RateLimit:PermitLimit must be at least 0 (0 switches the limiter off); got {PermitLimit}."
        : Window <= TimeSpan.Zero
            ? $"Server:RateLimit:Window must be a positive duration, like 00:00:01; got {Window}."
            : null;
}

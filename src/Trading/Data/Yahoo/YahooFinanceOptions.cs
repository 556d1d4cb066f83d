namespace Trading.Data.Yahoo;

/// <summary>Where Yahoo Finance lives and how patiently we call it; bound from configuration section "Yahoo".</summary>
/// <remarks>
/// The defaults suit one user fetching a few hundred symbols: Yahoo rate-limits bursts with 429, so a failed call
/// waits (honouring Retry-After) rather than hammering, and a run of failures opens a circuit so that a batch of
/// 500 symbols does not make 2,000 doomed calls against an outage.
/// </remarks>
public sealed class YahooFinanceOptions
{
    /// <summary>The configuration section the CLI and the server bind: <c>Yahoo:BaseAddress</c>, ...</summary>
    public const string SectionName = "Yahoo";

    /// <summary>Scheme and host (and optional path prefix) of the chart API; tests point it at a local server.</summary>
    public Uri BaseAddress { get; set; } = new("https://query2.finance.yahoo.com");

    /// <summary>Yahoo answers 429 to many default client user agents, so we send a browser-like one.</summary>
    public string UserAgent { get; set; } =
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";

    /// <summary>How long one attempt (connect, send, headers) may take before it is abandoned and retried.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long one fetch may take in all, retries and their waits included.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long to wait for a TCP (and TLS) connection; bounds a silent network that drops packets.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Retries after the first attempt on 429, 408, 5xx, timeouts and transient network errors; 0 disables.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first retry's wait; later ones double it, with jitter. A Retry-After header wins over it.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The share of failed calls within <see cref="CircuitBreakerSamplingDuration"/> that opens the circuit.</summary>
    public double CircuitBreakerFailureRatio { get; set; } = 0.5;

    /// <summary>How many calls the sampling window must hold before the failure ratio counts (at least 2).</summary>
    public int CircuitBreakerMinimumThroughput { get; set; } = 10;

    /// <summary>The window over which failures are counted (at least 0.5 s).</summary>
    public TimeSpan CircuitBreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit refuses calls before it lets one through to test the water (at least 0.5 s).</summary>
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The largest answer read, in bytes (64 MiB): a real chart is a few MB at most (60 years of daily
    /// bars is about 2 MB), and a server that streams without end must not take the process's memory.</summary>
    public long MaxChartBytes { get; set; } = 64L << 20;

    /// <summary>What is wrong with these settings, or null when they are usable.</summary>
    /// <remarks>The limits are Polly's own; checking them here names our setting instead of Polly's option.</remarks>
    public string? Problem()
    {
        if (BaseAddress is null || !BaseAddress.IsAbsoluteUri || (BaseAddress.Scheme != Uri.UriSchemeHttps && BaseAddress.Scheme != Uri.UriSchemeHttp))
        {
            return $"Yahoo:BaseAddress must be an absolute http or https URI; got '{BaseAddress}'.";
        }

        if (string.IsNullOrWhiteSpace(UserAgent))
        {
            return "Yahoo:UserAgent must not be empty (Yahoo refuses requests without one).";
        }

        if (AttemptTimeout < TimeSpan.FromMilliseconds(10) || AttemptTimeout > TimeSpan.FromHours(1))
        {
            return $"Yahoo:AttemptTimeout must be between 10 ms and 1 hour; got {AttemptTimeout}.";
        }

        if (TotalTimeout < AttemptTimeout || TotalTimeout > TimeSpan.FromHours(1))
        {
            return $"Yahoo:TotalTimeout must be at least AttemptTimeout ({AttemptTimeout}) and at most 1 hour; got {TotalTimeout}.";
        }

        if (ConnectTimeout <= TimeSpan.Zero)
        {
            return $"Yahoo:ConnectTimeout must be positive; got {ConnectTimeout}.";
        }

        if (MaxRetries is < 0 or > 100)
        {
            return $"Yahoo:MaxRetries must be between 0 and 100; got {MaxRetries}.";
        }

        if (RetryBaseDelay < TimeSpan.Zero || RetryBaseDelay > TimeSpan.FromMinutes(10))
        {
            return $"Yahoo:RetryBaseDelay must be between 0 and 10 minutes; got {RetryBaseDelay}.";
        }

        if (CircuitBreakerFailureRatio is <= 0 or > 1)
        {
            return $"Yahoo:CircuitBreakerFailureRatio must be above 0 and at most 1; got {CircuitBreakerFailureRatio}.";
        }

        if (CircuitBreakerMinimumThroughput < 2)
        {
            return $"Yahoo:CircuitBreakerMinimumThroughput must be at least 2; got {CircuitBreakerMinimumThroughput}.";
        }

        if (CircuitBreakerSamplingDuration < TimeSpan.FromMilliseconds(500))
        {
            return $"Yahoo:CircuitBreakerSamplingDuration must be at least 0.5 s; got {CircuitBreakerSamplingDuration}.";
        }

        if (CircuitBreakerBreakDuration < TimeSpan.FromMilliseconds(500))
        {
            return $"Yahoo:CircuitBreakerBreakDuration must be at least 0.5 s; got {CircuitBreakerBreakDuration}.";
        }

        if (MaxChartBytes is < 1024 or > int.MaxValue)
        {
            return $"Yahoo:MaxChartBytes must be between 1024 and {int.MaxValue}; got {MaxChartBytes}.";
        }

        return null;
    }
}

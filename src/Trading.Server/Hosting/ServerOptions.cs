namespace Trading.Server.Hosting;

/// <summary>The server's own settings, bound from the "Server" section (<c>TRADE_Server__ApiKey</c>, ...).</summary>
internal sealed class ServerOptions
{
    public const string SectionName = "Server";

    /// <summary>Where the server listens when neither <c>--urls</c> nor <c>ASPNETCORE_URLS</c> says: loopback only,
    /// the original's port.</summary>
    public const string DefaultUrls = "http://localhost:8000";

    /// <summary>When set, routes that change state need this value in the <c>X-API-Key</c> header.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Lets the server listen beyond loopback without an <see cref="ApiKey"/> (<c>trade serve
    /// --allow-remote-without-key</c>): anyone who can reach the port can then trade the paper account.</summary>
    public bool AllowRemoteWithoutApiKey { get; set; }

    /// <summary>Where missing bars come from: <c>none</c> (offline, the default) or <c>yahoo</c>.</summary>
    public string Provider { get; set; } = "none";

    public RateLimitOptions RateLimit { get; set; } = new();

    /// <summary>The longest range one request may ask for, in bars of its interval (a year of minutes is 525,600).</summary>
    public int MaxBarsPerRequest { get; set; } = 1_000_000;

    /// <summary>The most symbols one batch or backtest request may name.</summary>
    public int MaxSymbolsPerRequest { get; set; } = 100;

    /// <summary>How many submitted backtests may wait; more are refused with 503 until the queue drains.</summary>
    public int BacktestQueueCapacity { get; set; } = 32;

    /// <summary>How many finished backtests are kept for their results; the oldest are forgotten first.</summary>
    public int BacktestsKept { get; set; } = 100;

    /// <summary>Trading nodes this server runs at once (each follows its feed on a task of its own): a flood of
    /// <c>POST /api/v1/nodes</c> beyond it is a 503, not a server out of memory.</summary>
    public int MaxNodes { get; set; } = 16;

    /// <summary>How long a node's lease in the store lasts unrenewed (renewed every third of it while the node runs): a
    /// server killed while it drives a node leaves it to another server on the same database after this.</summary>
    public TimeSpan NodeLeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How many recent order events the server holds, so that an order stream can resume (<c>Last-Event-ID</c>)
    /// and a slow reader can catch up; a reader further behind is told to resync.</summary>
    public int OrderEventsKept { get; set; } = 10_000;

    /// <summary>The most order events the server may be asked to hold (about 300 bytes each).</summary>
    public const int MaxOrderEventsKept = 1_000_000;

    /// <summary>How many order streams may be open at once; more are refused with 503.</summary>
    public int MaxOrderStreams { get; set; } = 100;

    /// <summary>How long an order stream may stay silent before it sends a comment, so proxies keep it open.</summary>
    public TimeSpan OrderStreamHeartbeat { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The most cash a paper account may start with.</summary>
    public const decimal MaxPaperCash = 1_000_000_000_000m;

    /// <summary>The paper account's cash when the server starts or the account is reset without an amount.</summary>
    public decimal PaperInitialCash { get; set; } = 100_000m;

    public bool ProviderEnabled => string.Equals(Provider, "yahoo", StringComparison.OrdinalIgnoreCase);

    /// <summary>What is wrong with these settings, or null; checked at start-up so a typo stops the server at once.</summary>
    public string? Problem()
    {
        if (!ProviderEnabled && !string.Equals(Provider, "none", StringComparison.OrdinalIgnoreCase))
        {
            return $"Server:Provider must be 'none' or 'yahoo'; got '{Provider}'.";
        }

        if (ApiKey is { Length: > 0 and < 16 })
        {
            return "Server:ApiKey must be at least 16 characters (or unset for no key).";
        }

        foreach (var (name, value) in new[] { ("MaxBarsPerRequest", MaxBarsPerRequest), ("MaxSymbolsPerRequest", MaxSymbolsPerRequest), ("BacktestQueueCapacity", BacktestQueueCapacity), ("BacktestsKept", BacktestsKept), ("OrderEventsKept", OrderEventsKept), ("MaxOrderStreams", MaxOrderStreams), ("MaxNodes", MaxNodes) })
        {
            if (value < 1)
            {
                return $"Server:{name} must be at least 1; got {value}.";
            }
        }

        if (OrderEventsKept > MaxOrderEventsKept)
        {
            return $"Server:OrderEventsKept must be at most 1,000,000; got {OrderEventsKept}.";
        }

        if (NodeLeaseDuration < TimeSpan.FromSeconds(1) || NodeLeaseDuration > TimeSpan.FromDays(7))
        {
            return $"Server:NodeLeaseDuration must be from 1 second to 7 days, like 00:00:15; got {NodeLeaseDuration}.";
        }

        if (OrderStreamHeartbeat <= TimeSpan.Zero || OrderStreamHeartbeat > TimeSpan.FromHours(1))
        {
            return $"Server:OrderStreamHeartbeat must be a positive duration of at most an hour, like 00:00:15; got {OrderStreamHeartbeat}.";
        }

        // The reset route's own bound: far below where sizing and money arithmetic could overflow.
        if (PaperInitialCash is < 0 or > MaxPaperCash)
        {
            return $"Server:PaperInitialCash must be between 0 and 1,000,000,000,000; got {PaperInitialCash}.";
        }

        return RateLimit.Problem();
    }
}

/// <summary>Names the bad <c>Server</c> setting when the host starts, and refuses to listen beyond loopback without
/// an API key unless told to.</summary>
internal sealed class ServerOptionsValidator(IConfiguration configuration) : Microsoft.Extensions.Options.IValidateOptions<ServerOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, ServerOptions options) =>
        (options.Problem() ?? Exposure(options)) is { } problem
            ? Microsoft.Extensions.Options.ValidateOptionsResult.Fail(problem)
            : Microsoft.Extensions.Options.ValidateOptionsResult.Success;

    private string? Exposure(ServerOptions options)
    {
        if (!string.IsNullOrEmpty(options.ApiKey) || options.AllowRemoteWithoutApiKey)
        {
            return null;
        }

        var open = ListenAddresses.From(configuration).BeyondLoopback;
        return open.Count == 0
            ? null
            : $"{string.Join("; ", open.Select(a => a.Describe()))}, and Server:ApiKey is not set, so anyone who can reach it could trade: set Server:ApiKey (TRADE_Server__ApiKey), listen on loopback (--urls http://localhost:8000), or allow it with Server:AllowRemoteWithoutApiKey=true (trade serve --allow-remote-without-key).";
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Trading.Data.Yahoo;

/// <summary>A <see cref="YahooFinanceProvider"/> with its own small service container, for callers without a host.</summary>
/// <remarks>
/// The CLI runs one command and exits, so it has no generic host; this builds the same typed client and resilience
/// pipeline that <see cref="YahooFinanceServiceCollectionExtensions.AddYahooFinance"/> registers in the server.
/// Dispose it to release the connection pool. One host serves many symbols; each failed symbol throws its own
/// <see cref="MarketDataUnavailableException"/>, so a command can print "MSFT: ..." and go on to the next.
/// </remarks>
/// <example>
/// <code>
/// using var yahoo = YahooFinanceHost.Create(o => configuration.GetSection(YahooFinanceOptions.SectionName).Bind(o));
/// var batch = await yahoo.Provider.FetchAsync(Symbol.Parse("AAPL"), Interval.Daily, from, to, cancellationToken);
/// </code>
/// </example>
public sealed class YahooFinanceHost : IDisposable, IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private YahooFinanceHost(ServiceProvider services)
    {
        _services = services;
        Provider = services.GetRequiredService<YahooFinanceProvider>();
    }

    public YahooFinanceProvider Provider { get; }

    /// <summary>Builds the provider; <paramref name="clock"/> replaces the system clock (tests, replays).</summary>
    public static YahooFinanceHost Create(
        Action<YahooFinanceOptions>? configure = null,
        TimeProvider? clock = null,
        ILoggerFactory? loggerFactory = null)
    {
        var services = new ServiceCollection();
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }

        if (loggerFactory is not null)
        {
            services.AddSingleton(loggerFactory);
        }

        services.AddLogging();
        services.AddYahooFinance(configure);
        return new YahooFinanceHost(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true }));
    }

    public void Dispose() => _services.Dispose();

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}

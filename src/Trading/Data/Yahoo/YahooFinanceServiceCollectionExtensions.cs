using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Trading.Data.Yahoo;

/// <summary>Registers <see cref="YahooFinanceProvider"/> as a typed HTTP client with its resilience pipeline.</summary>
public static class YahooFinanceServiceCollectionExtensions
{
    /// <summary>The name of the HTTP client and of its resilience pipeline.</summary>
    public const string ClientName = "YahooFinance";

    /// <summary>
    /// Adds <see cref="YahooFinanceProvider"/> (resolve it, or <c>IMarketDataProvider</c> keyed "yahoo") with options
    /// from <paramref name="configure"/> on top of any bound elsewhere (e.g. the "Yahoo" configuration section).
    /// </summary>
    public static IHttpClientBuilder AddYahooFinance(this IServiceCollection services, Action<YahooFinanceOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<YahooFinanceOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<YahooFinanceOptions>, OptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddKeyedTransient<IMarketDataProvider>("yahoo", (sp, _) => sp.GetRequiredService<YahooFinanceProvider>());

        var builder = services.AddHttpClient<YahooFinanceProvider>(ClientName, (sp, client) =>
        {
            var settings = sp.GetRequiredService<IOptions<YahooFinanceOptions>>().Value;
            client.DefaultRequestHeaders.UserAgent.ParseAdd(settings.UserAgent);
            client.DefaultRequestHeaders.Accept.ParseAdd("application/json");

            // The pipeline's total timeout is the deadline; HttpClient's own 100 s would only cut it short.
            client.Timeout = Timeout.InfiniteTimeSpan;
            client.MaxResponseContentBufferSize = settings.MaxChartBytes;
        });
        builder.ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
        {
            ConnectTimeout = sp.GetRequiredService<IOptions<YahooFinanceOptions>>().Value.ConnectTimeout,
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        });
        builder.AddResilienceHandler(ClientName, static (pipeline, context) =>
        {
            var settings = context.ServiceProvider.GetRequiredService<IOptions<YahooFinanceOptions>>().Value;
            BuildPipeline(pipeline, settings);
        });
        return builder;
    }

    /// <summary>Outermost first: the total deadline, retries, the circuit breaker, then each attempt's own deadline.</summary>
    /// <remarks>
    /// The order is that of the standard handler: a retry sees a per-attempt timeout as one more transient failure,
    /// the circuit breaker counts every attempt, and the total timeout caps attempts and waits together.
    /// </remarks>
    private static void BuildPipeline(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, YahooFinanceOptions settings)
    {
        pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Name = "total", Timeout = settings.TotalTimeout });
        if (settings.MaxRetries > 0)
        {
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                Name = "retry",
                MaxRetryAttempts = settings.MaxRetries,
                Delay = settings.RetryBaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(IsWorthRetrying(args.Outcome)),
            });
        }

        pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            Name = "circuit",
            FailureRatio = settings.CircuitBreakerFailureRatio,
            MinimumThroughput = settings.CircuitBreakerMinimumThroughput,
            SamplingDuration = settings.CircuitBreakerSamplingDuration,
            BreakDuration = settings.CircuitBreakerBreakDuration,
            ShouldHandle = args => ValueTask.FromResult(HttpClientResiliencePredicates.IsTransient(args.Outcome)),
        });
        pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Name = "attempt", Timeout = settings.AttemptTimeout });
    }

    /// <summary>429, 408, 5xx, timeouts and transient network errors, but not a host that cannot be reached at all,
    /// nor an answer beyond <see cref="YahooFinanceOptions.MaxChartBytes"/> (it would only be as large again).</summary>
    private static bool IsWorthRetrying(Outcome<HttpResponseMessage> outcome) =>
        HttpClientResiliencePredicates.IsTransient(outcome) && ConnectionFailure.Describe(outcome.Exception) is null
        && outcome.Exception is not HttpRequestException { HttpRequestError: HttpRequestError.ConfigurationLimitExceeded };

    private sealed class OptionsValidator : IValidateOptions<YahooFinanceOptions>
    {
        public ValidateOptionsResult Validate(string? name, YahooFinanceOptions options) =>
            options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}

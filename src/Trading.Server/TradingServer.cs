using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;
using Trading.Configuration;
using Trading.Data.Yahoo;
using Trading.Server.Backtests;
using Trading.Server.Data;
using Trading.Server.Hosting;
using Trading.Server.Nodes;
using Trading.Server.Optimizations;
using Trading.Server.OrderEvents;
using Trading.Server.Paper;
using Trading.Server.Portfolio;
using Trading.Server.Signals;
using Trading.Server.Storage;
using Trading.Server.Strategies;

namespace Trading.Server;

/// <summary>The HTTP server: the original's /api/v1 routes and the rest of the services, OpenAPI at
/// <c>/openapi/v1.json</c>, an API reference at <c>/docs</c>, and health at <c>/health</c>.</summary>
/// <remarks>A class (not static) only so that tests can name its assembly for <c>WebApplicationFactory</c>.</remarks>
internal sealed class TradingServer
{
    private TradingServer()
    {
    }

    /// <summary>Builds the application from <paramref name="args"/> (<c>--urls</c>, <c>--Server:ApiKey=...</c>),
    /// appsettings.json, <c>TRADE_</c> environment variables, then <paramref name="settings"/>, later sources winning.</summary>
    /// <remarks>Settings are read when services are first resolved, not here, so that a test host's overrides (which
    /// apply during <c>Build</c>) are seen; an invalid <c>Server</c> setting stops the host as it starts
    /// (<see cref="OptionsValidationException"/>, naming the setting).</remarks>
    public static WebApplication Create(string[] args, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(args);

        // Defaults under every other source: a line per request would cost more than serving a cached one.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
                // A host that cannot start logs the exception with its stack; `trade serve` reports it in one line.
                ["Logging:LogLevel:Microsoft.Extensions.Hosting.Internal.Host"] = "None",
                // A failing check would log a line per /health call; StoreOutage and CacheOutage log an outage once.
                ["Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks"] = "Critical",
            },
        });
        builder.Configuration.AddEnvironmentVariables("TRADE_");
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        // Loopback unless told otherwise: a server that can place orders is not for the whole network by accident.
        if (string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.ServerUrlsKey]) && !builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            builder.WebHost.UseUrls(ServerOptions.DefaultUrls);
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Long enough that a 10 kB symbol reaches the route and gets a problem that names it, not a bare 414.
            kestrel.Limits.MaxRequestLineSize = 32 * 1024;
            kestrel.Limits.MaxRequestBodySize = 1024 * 1024;
            kestrel.AddServerHeader = false;

            // Kestrel's own refusals (%00 in a path, a malformed header) get a problem body like every other.
            kestrel.ConfigureEndpointDefaults(listen => listen.UseRefusalProblems());
        });

        // The framework's own host filter answers with a bare 400; AllowedHosts is enforced with a problem instead.
        builder.Services.Configure<Microsoft.AspNetCore.HostFiltering.HostFilteringOptions>(o => o.AllowedHosts = ["*"]);
        AddServices(builder.Services, builder.Configuration);
        var app = builder.Build();
        MapRoutes(app);
        return app;
    }

    /// <summary>Runs the server until it is stopped (by <paramref name="cancellationToken"/>, Ctrl+C, or a background
    /// service that fails); returns why it failed, or null when it stopped because it was asked to.</summary>
    public static async Task<string?> RunAsync(WebApplication app, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var watch = BackgroundServiceWatch.Start(app.Services);
        await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        return await watch.FailureAsync().ConfigureAwait(false);
    }

    private static void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        // A background service that fails stops the host (the default, said here): a server without its backtest
        // worker would accept runs it never does. BackgroundServiceWatch logs it and makes the exit code say so.
        services.Configure<HostOptions>(host => host.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.StopHost);
        services.AddOptions<ServerOptions>()
            .BindChecked(configuration.GetSection(ServerOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ServerOptions>, ServerOptionsValidator>();
        services.AddOptions<ResultRetention>()
            .BindChecked(configuration.GetSection(ServerOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ResultRetention>, ResultRetentionValidator>();
        services.TryAddTimeProvider();
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        });
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddClientRateLimiter();
        services.AddOpenApi(openApi => openApi.AddApiKeyScheme());
        services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("store")
            .AddCheck<CacheHealthCheck>("cache")
            .AddCheck<NodeFeedHealthCheck>("nodes");

        services.AddServerStorage(configuration);
        services.AddOrderEventLog();
        services.AddSingleton<StoreOutage>();
        services.AddHostedService(sp => sp.GetRequiredService<StoreOutage>());

        // Registered and checked always (a typo is a typo), used only when Server:Provider is yahoo (see BarSource).
        services.AddOptions<YahooFinanceOptions>().BindChecked(configuration.GetSection(YahooFinanceOptions.SectionName)).ValidateOnStart();
        services.AddYahooFinance();

        services.AddUserStrategies(configuration);
        services.AddSingleton<StrategySettings>();
        services.AddSingleton<BarSource>();
        services.AddSingleton<StockJson>();
        services.AddSingleton<PaperAccount>();
        services.AddSingleton<NodeHost>();
        services.AddHostedService(sp => sp.GetRequiredService<NodeHost>());
        services.AddSingleton(_ => new IdempotencyKeys());
        services.AddSingleton<BacktestQueue>();
        services.AddHostedService<BacktestWorker>();
        services.AddOptimizations(configuration);
        services.AddSingleton<ApiKeyFilter>();
        services.AddSingleton(sp => AllowedHosts.From(sp.GetRequiredService<IConfiguration>()));
        services.AddHostedService<NetworkExposure>();
    }

    private static void MapRoutes(WebApplication app)
    {
        app.UseAllowedHosts();
        app.UseExceptionHandler();
        app.UseEmptyStatusProblems();
        app.UseRateLimiter();
        app.UseCrossSiteRequestGuard();

        var api = app.MapGroup("/api/v1");
        api.MapDataEndpoints();
        api.MapStrategyEndpoints();
        api.MapPaperEndpoints();
        api.MapNodeEndpoints();
        api.MapOrderStreamEndpoints();
        api.MapBacktestEndpoints();
        api.MapOptimizationEndpoints();

        api.MapSignalEndpoints();
        api.MapPortfolioEndpoints();

        app.MapOpenApi();
        app.MapScalarApiReference("/docs");
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthResponse.WriteAsync });
        app.MapGet("/", () => TypedResults.Redirect("/docs")).ExcludeFromDescription();
    }
}

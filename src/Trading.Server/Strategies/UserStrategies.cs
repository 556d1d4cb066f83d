using System.Globalization;
using Trading.Strategies.Files;

namespace Trading.Server.Strategies;

/// <summary>The strategies the server offers: the built-ins and those of the strategy files and assemblies under
/// <c>Strategies:Paths</c> (only there: never code from a request), loaded once as the server starts. A file that
/// does not compile is logged with its errors and listed with them; the server runs on without it.</summary>
internal static partial class UserStrategies
{
    public static IServiceCollection AddUserStrategies(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(sp => Load(StrategyFileOptions.From(configuration), sp.GetRequiredService<ILogger<StrategyCatalog>>()));
        services.AddSingleton(sp => sp.GetRequiredService<StrategyCatalog>().Registry);

        // Resolved as the host starts, so a compile is paid then and its errors are in the log from the start, not at
        // the first request that needs the list.
        services.AddHostedService<Loading>();
        return services;
    }

    private static StrategyCatalog Load(StrategyFileOptions options, ILogger logger)
    {
        if (options.Paths.Count == 0)
        {
            return StrategyCatalog.BuiltIn;
        }

        var catalog = StrategyCatalog.Load(new StrategyFileLoader(options.CachePath), options.Paths);
        foreach (var source in catalog.Sources)
        {
            var how = source.Compiled ? string.Create(CultureInfo.InvariantCulture, $"compiled in {source.CompileTime.TotalSeconds:0.00} s") : "from the cache";
            LogLoaded(logger, source.Path, string.Join(", ", source.Strategies.Select(s => s.Name)), how);
            if (source.CacheNote is { } note)
            {
                LogCacheNote(logger, note);
            }
        }

        foreach (var broken in catalog.Broken)
        {
            LogBroken(logger, broken.Path, string.Join(Environment.NewLine, broken.Errors));
        }

        return catalog;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Strategy file {Path}: {Strategies} ({How})")]
    private static partial void LogLoaded(ILogger logger, string path, string strategies, string how);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Note}")]
    private static partial void LogCacheNote(ILogger logger, string note);

    [LoggerMessage(Level = LogLevel.Error, Message = "Strategy file {Path} does not load; its strategies are not offered:\n{Errors}")]
    private static partial void LogBroken(ILogger logger, string path, string errors);

    private sealed class Loading(StrategyCatalog catalog) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            GC.KeepAlive(catalog);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

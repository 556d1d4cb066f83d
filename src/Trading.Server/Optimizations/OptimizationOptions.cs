using Trading.Configuration;

namespace Trading.Server.Optimizations;

/// <summary>How much searching the server takes on, bound from the <c>Server</c> section: the most trials one search
/// runs, the most threads it runs them on, how many wait, and how many finished searches are kept.</summary>
internal sealed class OptimizationOptions
{
    /// <summary>The most trials one search runs; a bigger one is refused (422), not queued for hours.</summary>
    public int MaxOptimizationTrials { get; set; } = 10_000;

    /// <summary>The most trials one search runs at once (a request's <c>jobs</c> is capped by it); the cores by default.</summary>
    public int MaxOptimizationJobs { get; set; } = Environment.ProcessorCount;

    public int OptimizationQueueCapacity { get; set; } = 8;

    /// <summary>Finished searches kept for their results, newest first; each keeps its ranking's JSON and report page, not its trials.</summary>
    public int OptimizationsKept { get; set; } = 20;

    public string? Problem() =>
        new[] { ("MaxOptimizationTrials", MaxOptimizationTrials), ("MaxOptimizationJobs", MaxOptimizationJobs), ("OptimizationQueueCapacity", OptimizationQueueCapacity), ("OptimizationsKept", OptimizationsKept) }
            .Where(s => s.Item2 < 1)
            .Select(s => $"Server:{s.Item1} must be at least 1; got {s.Item2}.")
            .FirstOrDefault();
}

/// <summary>The optimization service's registration: its settings, queue and worker.</summary>
internal static class OptimizationServices
{
    public static IServiceCollection AddOptimizations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OptimizationOptions>()
            .BindChecked(configuration.GetSection("Server"))
            .ValidateProblem(static o => o.Problem())
            .ValidateOnStart();
        services.AddSingleton<OptimizationQueue>();
        services.AddHostedService<OptimizationWorker>();
        return services;
    }
}

using System.Collections.Concurrent;

namespace Trading.Server.Hosting;

/// <summary>Watches a running server's background services: one that fails is logged at error level with its
/// exception, and the run ends in failure.</summary>
/// <remarks>The host stops when a background service fails (<see cref="BackgroundServiceExceptionBehavior.StopHost"/>),
/// but in .NET 10 its RunAsync then returns as if all were well, and its own log line is in the category the server
/// silences for start-up failures: without this, the process would end with exit code 0 and nothing said.</remarks>
internal sealed partial class BackgroundServiceWatch
{
    private readonly List<Task> _watches = [];
    private readonly ConcurrentQueue<string> _failures = new();

    private BackgroundServiceWatch()
    {
    }

    /// <summary>Starts watching every background service of a started host.</summary>
    public static BackgroundServiceWatch Start(IServiceProvider services)
    {
        var watch = new BackgroundServiceWatch();
        var logger = services.GetRequiredService<ILogger<BackgroundServiceWatch>>();
        foreach (var service in services.GetServices<IHostedService>().OfType<BackgroundService>())
        {
            if (service.ExecuteTask is { } running)
            {
                var name = service.GetType().Name;
                watch._watches.Add(running.ContinueWith(
                    task =>
                    {
                        if (task.Exception?.GetBaseException() is { } exception)
                        {
                            LogFailed(logger, exception, name);
                            watch._failures.Enqueue($"the background service {name} failed: {exception.Message}");
                        }
                    },
                    CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default));
            }
        }

        return watch;
    }

    /// <summary>Once the host has stopped: why a background service failed, or null when none did.</summary>
    public async Task<string?> FailureAsync()
    {
        await Task.WhenAll(_watches).ConfigureAwait(false);
        return _failures.TryPeek(out var failure) ? failure : null;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The background service {Service} failed; the server stops")]
    private static partial void LogFailed(ILogger logger, Exception exception, string service);
}

using Trading.Data;

namespace Trading.Server.Storage;

/// <summary>Opens the stores as the server starts, so a database that cannot be opened (bad path, newer schema)
/// stops the server with its reason at once instead of failing the first request.</summary>
internal sealed class StorageStartup(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<IMarketDataStore>();
        services.GetRequiredService<IStrategySettingsStore>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using Microsoft.Extensions.Logging;
using Trading.Configuration;
using Trading.Data;
using Trading.Data.Yahoo;
using Trading.Feeds;
using Trading.Nodes;

namespace Trading.Cli;

/// <summary>The feed a node's definition names, for a node run from the command line: a replay of the store, or Yahoo
/// Finance polled through the configured provider (whose HTTP client this owns and closes), logging to
/// <paramref name="loggers"/>.</summary>
internal sealed class NodeFeeds(CliContext context, IMarketDataStore store, ILoggerFactory loggers) : IAsyncDisposable
{
    private YahooFinanceHost? _yahoo;

    public IBarFeed For(NodeDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (definition.Feed == "replay")
        {
            return NodeFeed.Replay(definition, store, TimeProvider.System);
        }

        _yahoo ??= YahooFinanceHost.Create(o => context.Configuration.GetSection(YahooFinanceOptions.SectionName).BindChecked(o), loggerFactory: loggers);
        return NodeFeed.Poll(definition, _yahoo.Provider, TimeProvider.System, loggers.CreateLogger<PollingFeed>());
    }

    public ValueTask DisposeAsync() => _yahoo?.DisposeAsync() ?? ValueTask.CompletedTask;
}

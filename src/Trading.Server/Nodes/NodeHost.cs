using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Trading.Data;
using Trading.Data.Storage;
using Trading.Execution;
using Trading.Feeds;
using Trading.Journal;
using Trading.Nodes;
using Trading.Server.Hosting;
using Trading.Server.OrderEvents;
using Trading.Strategies;
using Trading.Strategies.Files;

namespace Trading.Server.Nodes;

/// <summary>The trading nodes this server drives: started on request, stopped on request or with the server, and
/// started again when the server starts, for every node whose record says it was running.</summary>
/// <remarks>Each node runs on its own task; its failure is logged at error level, kept in its status and its record,
/// and never ends the server. Two servers on one database cannot drive one node: the second finds its lease taken.</remarks>
internal sealed partial class NodeHost(
    IMarketDataStore store,
    IJournalStore journal,
    INodeRegistry registry,
    IStrategySettingsStore settings,
    StrategyCatalog strategies,
    [FromKeyedServices(OrderEventLogRegistration.TransportKey)] IOrderEventPublisher transport,
    OrderEventLog log,
    [FromKeyedServices("yahoo")] IMarketDataProvider yahoo,
    TimeProvider clock,
    IOptions<ServerOptions> options,
    ILogger<NodeHost> logger,
    ILogger<PollingFeed> feedLogger) : IHostedService
{
    private readonly ConcurrentDictionary<string, Running> _running = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private Task _resuming = Task.CompletedTask;

    private sealed record Running(TradingNode Node, Task Task, CancellationTokenSource Stop);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // In the background: a store that is down at start must not keep the server from serving (it answers 503
        // until the store is back), and the nodes resume once it can be read.
        _resuming = Task.Run(() => ResumeStoredNodesAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task ResumeStoredNodesAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ResumeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The server stopped before the store answered: the nodes resume with the next start.
        }
    }

    private async Task ResumeAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<NodeRecord> records;
        var delay = TimeSpan.FromSeconds(1);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                records = await registry.ReadNodesAsync(cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (MarketDataStoreException e)
            {
                if (attempt == 1)
                {
                    LogRegistryUnavailable(logger, e.Message);
                }

                await Task.Delay(delay, clock, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromMinutes(1).Ticks));
            }
        }

        foreach (var record in records)
        {
            if (record.State is not ("running" or "starting" or "recovering" or "paused") || _running.ContainsKey(record.Id))
            {
                continue;
            }

            try
            {
                await StartNodeAsync(record, cancellationToken).ConfigureAwait(false);
                LogResumed(logger, record.Id);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // One node that cannot start is its own failure: the others and the server go on.
                LogNotResumed(logger, record.Id, e.Message);
                try
                {
                    await registry.SaveNodeAsync(record.WithState("failed", e.Message, Now()), CancellationToken.None).ConfigureAwait(false);
                }
                catch (MarketDataStoreException)
                {
                }
            }
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // The server stops: each node finishes its step and stays "running" in its record, so it resumes next start.
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_running.Values.Select(r => r.Task).Append(_resuming)).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The nodes this server drives now.</summary>
    public IReadOnlyList<TradingNode> Nodes => [.. _running.Values.Where(r => !r.Task.IsCompleted).Select(r => r.Node)];

    /// <summary>The node if this server drives it.</summary>
    public TradingNode? Find(string id) => _running.TryGetValue(id, out var running) ? running.Node : null;

    /// <summary>Stores a new node and starts it.</summary>
    /// <exception cref="ArgumentException">An invalid definition (with the reason).</exception>
    /// <exception cref="InvalidOperationException">A node of that name exists.</exception>
    public async Task<TradingNode> CreateAsync(NodeDefinition definition, CancellationToken cancellationToken)
    {
        if (await registry.ReadNodeAsync(definition.Id, cancellationToken).ConfigureAwait(false) is not null)
        {
            throw new InvalidOperationException($"a node named {definition.Id} exists; delete it first or choose another id");
        }

        CheckRoom();

        // The parameters configured for the strategy (configure_strategy) under the request's, frozen into the node,
        // as a backtest resolves them: a later configuration does not change a running node.
        if (strategies.Registry.TryFind(definition.Strategy, out var strategy))
        {
            // A file's strategy is pinned to the file's content: a restart with other code is refused, not replayed.
            if (strategies.SourceOf(strategy) is { } source)
            {
                definition = definition with { StrategyFile = source.FullPath, StrategyFileSha256 = source.ContentHash };
            }

            var stored = await settings.ReadAsync(strategy.Name, cancellationToken).ConfigureAwait(false);
            var chosen = ConfiguredParameters.Resolve(strategy, stored, definition.Parameters);
            definition = definition with
            {
                Parameters = chosen.Parameters.AsText()
                    .Where(p => chosen.Sources.TryGetValue(p.Key, out var source) && source != ParameterSource.Default)
                    .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
            };
        }

        var now = Now();
        var record = new NodeRecord(definition.Id, definition.ToJson(), "running", null, now, now);

        // Made before it is stored, so that a definition the node refuses stores nothing.
        var node = await TradingNode.CreateAsync(definition, Services(definition.Id), record.CreatedAt, cancellationToken).ConfigureAwait(false);
        await registry.SaveNodeAsync(record, cancellationToken).ConfigureAwait(false);
        Run(node, record);
        return node;
    }

    /// <summary>Starts a stored node again (after a stop).</summary>
    public async Task<TradingNode?> StartAsync(string id, CancellationToken cancellationToken)
    {
        if (_running.TryGetValue(id, out var running) && !running.Task.IsCompleted)
        {
            return running.Node;
        }

        var record = await registry.ReadNodeAsync(id, cancellationToken).ConfigureAwait(false);
        return record is null ? null : await StartNodeAsync(record, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops a node (the step under way finishes); its record says stopped, so it is not resumed at start.</summary>
    public async Task<bool> StopNodeAsync(string id, CancellationToken cancellationToken)
    {
        if (!_running.TryRemove(id, out var running))
        {
            return false;
        }

        await running.Stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await running.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (await registry.ReadNodeAsync(id, CancellationToken.None).ConfigureAwait(false) is { } record)
            {
                await registry.SaveNodeAsync(record.WithState("stopped", null, Now()), CancellationToken.None).ConfigureAwait(false);
            }
        }

        return true;
    }

    /// <summary>Stops a node and deletes it with its journal.</summary>
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        await StopNodeAsync(id, cancellationToken).ConfigureAwait(false);
        return await registry.DeleteNodeAsync(id, cancellationToken).ConfigureAwait(false);
    }

    private async Task<TradingNode> StartNodeAsync(NodeRecord record, CancellationToken cancellationToken)
    {
        CheckRoom();
        var definition = NodeDefinition.FromJson(record.Definition);
        SameStrategyFile(definition);
        var node = await TradingNode.CreateAsync(definition, Services(definition.Id), record.CreatedAt, cancellationToken).ConfigureAwait(false);
        await registry.SaveNodeAsync(record.WithState("running", null, Now()), cancellationToken).ConfigureAwait(false);
        Run(node, record);
        return node;
    }

    private void Run(TradingNode node, NodeRecord record)
    {
        var stop = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        var task = Task.Run(async () =>
        {
            try
            {
                await node.RunAsync(stop.Token).ConfigureAwait(false);
                if (!_stopping.IsCancellationRequested && !stop.IsCancellationRequested)
                {
                    await registry.SaveNodeAsync(record.WithState(node.Status.State, node.Status.Reason, Now()), CancellationToken.None).ConfigureAwait(false);
                }
            }
            catch (Exception e)
            {
                // A node's failure is its own: logged, kept in its status and record, never the server's end.
                LogFailed(logger, record.Id, e.Message, e);
                try
                {
                    await registry.SaveNodeAsync(record.WithState("failed", e.Message, Now()), CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception saveError) when (saveError is not OutOfMemoryException)
                {
                    LogFailed(logger, record.Id, saveError.Message, saveError);
                }
            }
        });
        _running[record.Id] = new Running(node, task, stop);
    }

    /// <summary>Refuses to resume a node whose strategy file is not the one it was made with: its journal holds
    /// decisions of that code, and other code would replay into other ones.</summary>
    private void SameStrategyFile(NodeDefinition definition)
    {
        if (definition.StrategyFile is not { } path)
        {
            return;
        }

        var loaded = strategies.Registry.TryFind(definition.Strategy, out var strategy) ? strategies.SourceOf(strategy) : null;
        if (loaded is null)
        {
            throw new ArgumentException($"node {definition.Id} runs {definition.Strategy} of {path}, which this server does not load (Strategies:Paths); load it again to resume the node");
        }

        if (loaded.ContentHash != definition.StrategyFileSha256)
        {
            throw new ArgumentException($"node {definition.Id} was made with {path} (sha256 {Short(definition.StrategyFileSha256)}), which has changed since (now {loaded.FullPath}, sha256 {Short(loaded.ContentHash)}); a node replays its journal with the code it was made with: put the file back as it was, or start a new node");
        }
    }

    private static string Short(string? hash) => hash is { Length: > 12 } ? hash[..12] : hash ?? "unknown";

    /// <summary>Refuses another node when <c>Server:MaxNodes</c> already run.</summary>
    private void CheckRoom()
    {
        var most = options.Value.MaxNodes;
        if (_running.Values.Count(r => !r.Task.IsCompleted) >= most)
        {
            throw new NodeLimitException($"{most} nodes are running, the most this server runs at once (Server:MaxNodes); stop one first");
        }
    }

    private NodeServices Services(string id) => new()
    {
        Strategies = strategies.Registry,
        Store = store,
        Journal = journal,
        Feeds = d => d.Feed == "yahoo" ? NodeFeed.Poll(d, yahoo, clock, feedLogger) : NodeFeed.Replay(d, store, clock),
        Clock = clock,
        LeaseDuration = options.Value.NodeLeaseDuration,
        // Published as the paper account's are, and logged under the node's name for its own order stream.
        Events = new RecordingOrderEventPublisher(transport, log, LoggedOrderEvent.NodeSource(id)),
        Logger = logger,
    };

    private DateTime Now() => JournalRule.ToStored(clock.GetUtcNow().UtcDateTime);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The nodes to resume cannot be read yet ({Error}); retrying until the store answers")]
    private static partial void LogRegistryUnavailable(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node} resumed where its journal ends")]
    private static partial void LogResumed(ILogger logger, string node);

    [LoggerMessage(Level = LogLevel.Error, Message = "Node {Node} could not be resumed: {Error}")]
    private static partial void LogNotResumed(ILogger logger, string node, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Node {Node} failed: {Error}")]
    private static partial void LogFailed(ILogger logger, string node, string error, Exception exception);
}

/// <summary>The server runs as many nodes as <c>Server:MaxNodes</c> allows.</summary>
internal sealed class NodeLimitException(string message) : Exception(message);

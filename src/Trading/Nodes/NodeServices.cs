using Microsoft.Extensions.Logging;
using Trading.Data;
using Trading.Execution;
using Trading.Feeds;
using Trading.Journal;
using Trading.Strategies;

namespace Trading.Nodes;

/// <summary>What a node needs from outside: the market data store, the journal, a feed for its definition, a clock,
/// and who it is (the owner of its lease).</summary>
public sealed record NodeServices
{
    public required IMarketDataStore Store { get; init; }

    public required IJournalStore Journal { get; init; }

    /// <summary>Makes the feed a definition names (replay over the store, Yahoo polling).</summary>
    public required Func<NodeDefinition, IBarFeed> Feeds { get; init; }

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>This process, as the holder of node leases: host, process id and a random part.</summary>
    public string Owner { get; init; } = NodeOwner.ThisProcess();

    /// <summary>How long a lease lasts without renewal: a process killed holding one frees the node after this.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The strategies a definition may name: the built-ins, and users' strategies loaded by the edge that
    /// runs the node.</summary>
    public StrategyRegistry Strategies { get; init; } = StrategyRegistry.Default;

    public IOrderEventPublisher? Events { get; init; }

    public ILogger? Logger { get; init; }
}

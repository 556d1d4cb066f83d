using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Trading.Domain;
using Trading.Journal;
using Trading.Nodes;
using Trading.Risk;
using Trading.Strategies;
using Trading.Strategies.Files;

namespace Trading.Cli.Commands;

/// <summary><c>trade paper --strategy momentum --universe FILE --index ^GSPC [--feed replay|yahoo] [--from D] [--speed N]
/// [--set k=v] [--node ID]</c>: a trading node in the foreground, journaled in the database, with a status line.
/// Started again with the same <c>--node</c>, it resumes where its journal ends.</summary>
internal static class PaperCommand
{
    public static Command Create(CliContext context)
    {
        var node = new Option<string?>("--node") { Description = "The node's name (default paper-STRATEGY). A stored node of that name is resumed where its journal ends." };
        var strategy = new StrategyChoice("Strategy to run (a new node): momentum, sma_cross, buy_and_hold, ..., or one of Strategies:Paths.");
        var symbols = new Option<string[]>("--symbols") { Description = "Symbols to trade (comma-separated or repeated).", AllowMultipleArgumentsPerToken = true };
        var universe = new Option<FileInfo?>("--universe") { Description = "Trade the symbols listed in this file (one per line or comma-separated)." };
        var index = new Option<string?>("--index") { Description = "Market index the strategy reads (momentum's regime filter), e.g. ^GSPC." };
        var feed = new Option<string>("--feed") { Description = "replay: stored bars (offline); yahoo: the latest bars from Yahoo Finance as they complete.", DefaultValueFactory = _ => "replay" }.OneOf("replay", "yahoo");
        var from = CliOptions.Date("--from", "A replay starts at this date (default: the first stored bar); a yahoo feed catches up from it on the bars Yahoo still has (default: it starts now)");
        var to = CliOptions.Date("--to", "A replay ends at this date (default: the last stored bar)");
        var speed = new NumberOption<double>("--speed", "Replay pace: 0 as fast as possible, N seconds of market time per second (60: a minute per second).", 0, "0 or a positive number up to 1e9", s => double.IsFinite(s) && s is >= 0 and <= 1e9);
        var interval = CliOptions.Interval();
        var set = new Option<string[]>("--set") { Description = "Strategy parameter as name=value: --set lookback_period=120." };
        var cash = CliOptions.Cash("--cash", "Starting cash of a new node.");
        var commissionRate = new NumberOption<decimal>("--commission-rate", "Commission as a fraction of traded value (0.001 is 10 bp).", 0m, "at least 0 and below 1 (0.001 is 10 bp)", r => r is >= 0 and < 1);
        var slippage = new NumberOption<decimal>("--slippage-bps", "Slippage in basis points of the fill price.", 0m, "at least 0 and below 10000 (5 is 0.05%)", b => b is >= 0 and < 10_000);
        var maxOrderValue = new NumberOption<decimal>("--max-order-value", "Risk: refuse an order worth more than this (0: no limit).", 0m, "0 or a positive amount", v => v >= 0);
        var maxPositionValue = new NumberOption<decimal>("--max-position-value", "Risk: refuse an order that would make one position worth more than this (0: no limit).", 0m, "0 or a positive amount", v => v >= 0);
        var maxGross = new NumberOption<decimal>("--max-gross-exposure", "Risk: refuse an order that would make all positions together worth more than this (0: no limit).", 0m, "0 or a positive amount", v => v >= 0);
        var dailyLoss = new NumberOption<decimal>("--daily-loss-limit", "Risk: after losing this much in a session, refuse orders that add risk until the next (0: no limit).", 0m, "0 or a positive amount", v => v >= 0);
        var maxOrders = new NumberOption<int>("--max-orders-per-minute", "Risk: refuse orders beyond this many a minute of market time (0: no limit).", 0, "0 or a positive count", v => v >= 0);
        var resume = new Option<bool>("--resume") { Description = "Let a halted node trade again (journaled, like its halt)." };
        var command = new Command("paper", "Run a strategy forward as a paper trading node: journaled in the database after every bar, resumed where it stopped (even after kill -9), Ctrl+C to halt or stop.");
        command.Options.Add(node);
        command.Options.Add(resume);
        strategy.AddTo(command);
        foreach (var option in new Option[] { symbols, universe, index, feed, from, to, speed, interval, set, cash, commissionRate, slippage, maxOrderValue, maxPositionValue, maxGross, dailyLoss, maxOrders })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parsed, cancellationToken) =>
        {
            // A user's strategy file is compiled (or read from the cache) before anything else, for a new node or to
            // check a stored one's file against the hash it was started with.
            var choice = strategy.Find(context, parsed);
            var strategyName = choice?.Definition.Name ?? parsed.GetValue(strategy.Name);

            // A new node on Yahoo needs no stored bars, only a database for its journal: made if need be, as
            // 'trade data fetch' makes one. A replay reads the store, so its database must exist.
            using var store = strategyName is not null && parsed.GetValue(feed) == "yahoo" ? context.OpenStore(parsed) : context.OpenExistingStore(parsed);
            var journal = store.Nodes;
            var id = parsed.GetValue(node) ?? (strategyName is null ? throw new CliException("give --strategy NAME for a new node, or --node NAME to resume one") : $"paper-{strategyName}");
            var stored = await journal.ReadNodeAsync(id, cancellationToken).ConfigureAwait(false);
            NodeDefinition definition;
            if (strategyName is null)
            {
                definition = stored is null
                    ? throw new CliException($"no node named {id} in {store}; start one with --strategy NAME --symbols A,B")
                    : NodeDefinition.FromJson(stored.Definition);
            }
            else
            {
                var wanted = UniverseFile.Combine(parsed.GetValue(symbols), parsed.GetValue(universe)) is { Length: > 0 } listed
                    ? CliOptions.ParseSymbols(listed)
                    : throw new CliException("give the symbols to trade: --symbols A,B or --universe FILE");
                var (start, end) = CliOptions.ParseRange(parsed.GetValue(from), parsed.GetValue(to));
                definition = new NodeDefinition
                {
                    Id = id,
                    Strategy = strategyName,
                    StrategyFile = choice?.Source?.FullPath,
                    StrategyFileSha256 = choice?.Source?.ContentHash,
                    Parameters = BacktestCommand.ParseSettings(parsed.GetValue(set) ?? []),
                    Symbols = [.. wanted.Select(s => s.Value)],
                    MarketIndex = parsed.GetValue(index),
                    Interval = CliOptions.ParseInterval(parsed.GetValue(interval)).Code,
                    Feed = parsed.GetValue(feed)!,
                    From = start is { } f ? DateOnly.FromDateTime(f) : null,
                    To = end is { } t ? DateOnly.FromDateTime(t) : null,
                    Speed = parsed.GetValue(speed),
                    InitialCash = parsed.GetValue(cash),
                    CommissionRate = parsed.GetValue(commissionRate),
                    SlippageBps = parsed.GetValue(slippage),
                    Risk = new RiskLimits
                    {
                        MaxOrderValue = Limit(parsed.GetValue(maxOrderValue)),
                        MaxPositionValue = Limit(parsed.GetValue(maxPositionValue)),
                        MaxGrossExposure = Limit(parsed.GetValue(maxGross)),
                        DailyLossLimit = Limit(parsed.GetValue(dailyLoss)),
                        MaxOrdersPerWindow = parsed.GetValue(maxOrders) is > 0 and var n ? n : null,
                    },
                };
                if (definition.Problem() is { } problem)
                {
                    throw new CliException(problem);
                }

                // The parameters configured for the strategy in this database (configure_strategy, as a backtest reads
                // them) under the --set values, frozen into the node: a later configuration does not change a node.
                if (choice?.Definition is { } strategyDefinition)
                {
                    ConfiguredParameters chosen;
                    try
                    {
                        chosen = await BacktestCommand.ChooseParametersAsync(store, strategyDefinition, definition.Parameters, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is ArgumentException or FormatException)
                    {
                        throw new CliException(e.Message);
                    }

                    definition = definition with
                    {
                        Parameters = chosen.Parameters.AsText()
                            .Where(p => chosen.Sources.TryGetValue(p.Key, out var source) && source != ParameterSource.Default)
                            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
                    };
                    ParameterProvenance.Write(context.Console, chosen.Parameters.Values, chosen.Sources);
                }

                // The pace is how the node is run, not what it trades: a stored node may be resumed at another.
                if (stored is not null)
                {
                    SameStrategyFile(context, NodeDefinition.FromJson(stored.Definition), choice?.Source);
                }

                if (stored is not null && (NodeDefinition.FromJson(stored.Definition) with { Speed = definition.Speed }).ToJson() != definition.ToJson())
                {
                    throw new CliException($"a node named {id} exists with another definition; resume it with 'trade paper --node {id}', or give a new --node NAME");
                }
            }

            if (definition.Feed == "replay")
            {
                var summaries = await store.RequireStoredAsync(definition.Universe, Interval.Parse(definition.Interval), cancellationToken).ConfigureAwait(false);
                var last = summaries.Max(s => s.Last);
                if (definition.From is { } first && first.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) > last)
                {
                    throw new CliException($"a replay from {first:yyyy-MM-dd} has nothing to deliver: the last stored bar of these symbols is {last:yyyy-MM-dd}");
                }
            }

            var now = JournalRule.ToStored(DateTime.UtcNow);
            var record = stored is null ? new NodeRecord(id, definition.ToJson(), "running", null, now, now) : new NodeRecord(id, definition.ToJson(), stored.State, stored.Reason, stored.CreatedAt, now);
            // The feed's dropped bars, gaps and retries, and the store's outages, on standard error.
            using var loggers = LoggerFactory.Create(logging => logging.AddProvider(new ErrorLog(context.Error, Interactive)));
            await using var feeds = new NodeFeeds(context, store, loggers);
            var strategies = StrategyRegistry.Default;
            if (SameStrategyFile(context, definition, choice?.Source) is { } source)
            {
                StrategyCatalog.Add(strategies, source);
            }

            var services = new NodeServices
            {
                Strategies = strategies,
                Store = store,
                Journal = store.Journal,
                Feeds = feeds.For,
                Logger = loggers.CreateLogger<TradingNode>(),
            };
            TradingNode paper;
            try
            {
                paper = await TradingNode.CreateAsync(definition, services, record.CreatedAt, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                // A definition the node refuses (an unknown strategy, a parameter that does not bind) stores nothing.
                throw new CliException(e is ArgumentException { ParamName: { } name } ? e.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal) : e.Message);
            }

            await journal.SaveNodeAsync(record.WithState("running", null, now), cancellationToken).ConfigureAwait(false);

            context.Error.WriteLine(stored is null ? $"node {id}: {Describe(definition)}" : $"node {id}: resuming {Describe(definition)}");
            return await RunAsync(context, paper, journal, record, parsed.GetValue(resume), cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>A person at the terminal: the status line is redrawn in place, and Ctrl+C asks what to do.</summary>
    private static bool Interactive => !Console.IsInputRedirected && !Console.IsErrorRedirected;

    private static decimal? Limit(decimal value) => value > 0 ? value : null;

    /// <summary>The user's strategy file <paramref name="node"/> was made with, loaded (<paramref name="given"/> when
    /// it is that file), or null for a built-in. A node replays its journal with its strategy's code, so a file that
    /// changed since is refused in one line rather than replayed into other decisions.</summary>
    private static StrategySource? SameStrategyFile(CliContext context, NodeDefinition node, StrategySource? given)
    {
        if (node.StrategyFile is not { } path)
        {
            return given;
        }

        if (given is not null && given.FullPath != path)
        {
            return given;
        }

        var source = given ?? (path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? StrategyChoice.Load(context, null, path) : StrategyChoice.Load(context, path, null));
        return source.ContentHash == node.StrategyFileSha256
            ? source
            : throw new CliException($"node {node.Id} was made with {path} (sha256 {Short(node.StrategyFileSha256)}), which has changed since (now sha256 {Short(source.ContentHash)}); a node replays its journal with the code it was made with: put the file back as it was, or start a new node with --node NAME");
    }

    private static string Short(string? hash) => hash is { Length: > 12 } ? hash[..12] : hash ?? "unknown";

    private static string Describe(NodeDefinition d) =>
        $"{d.Strategy} on {d.Symbols.Count} symbols, {d.Feed} feed{(d.From is { } f ? $" from {f:yyyy-MM-dd}" : string.Empty)}{(d.To is { } t ? $" to {t:yyyy-MM-dd}" : string.Empty)}";

    /// <summary>Runs the node with a status line until its feed ends or a signal: SIGTERM stops it cleanly (the step
    /// under way is finished and journaled); Ctrl+C asks whether to halt it (working orders cancelled, new ones refused,
    /// still halted when resumed) or to stop it, when a person is at the terminal, and stops it otherwise.</summary>
    private static async Task<int> RunAsync(CliContext context, TradingNode node, INodeRegistry registry, NodeRecord record, bool resume, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var interactive = Interactive;
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal =>
        {
            signal.Cancel = true;
            if (!interactive)
            {
                stop.Cancel();
                return;
            }

            _ = Task.Run(async () =>
            {
                context.Error.WriteLine();
                context.Error.Write("halt the node (cancel its working orders, refuse new ones until resumed) or stop it? [h]alt / [s]top / [c]ontinue: ");
                var answer = Console.ReadLine()?.Trim().ToLowerInvariant();
                if (answer is "h" or "halt")
                {
                    await node.HaltAsync("halted at the terminal (Ctrl+C)").ConfigureAwait(false);
                    context.Error.WriteLine($"halted; stopping. Resume it with 'trade paper --node {node.Definition.Id} --resume'.");
                    stop.Cancel();
                }
                else if (answer is "s" or "stop" or null)
                {
                    stop.Cancel();
                }
            });
        });
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
        {
            signal.Cancel = true;
            stop.Cancel();
        });

        var running = node.RunAsync(stop.Token);
        if (resume)
        {
            // After recovery, which replays the halt: the resume is journaled after it.
            while (!running.IsCompleted && node.Status.State is "starting" or "recovering")
            {
                await Task.Delay(20, CancellationToken.None).ConfigureAwait(false);
            }

            if (!running.IsCompleted)
            {
                context.Error.WriteLine(await node.ResumeAsync("the terminal (--resume)", stop.Token).ConfigureAwait(false)
                    ? $"node {node.Definition.Id}: resumed; it trades again"
                    : $"node {node.Definition.Id}: was not halted");
            }
        }
        var lastLine = DateTime.MinValue;
        while (!running.IsCompleted)
        {
            await Task.WhenAny(running, Task.Delay(interactive ? 250 : 2000, CancellationToken.None)).ConfigureAwait(false);
            if (!running.IsCompleted && DateTime.UtcNow - lastLine >= TimeSpan.FromMilliseconds(200))
            {
                var line = StatusLine(node.Status);
                if (interactive)
                {
                    context.Error.Write($"\r{line,-110}");
                }
                else
                {
                    context.Error.WriteLine(line);
                }

                lastLine = DateTime.UtcNow;
            }
        }

        if (interactive)
        {
            context.Error.WriteLine();
        }

        var status = node.Status;
        try
        {
            await running.ConfigureAwait(false);
        }
        catch (Exception e) when (e is NodeBusyException or NodeRecoveryException or JournalConflictException)
        {
            await registry.SaveNodeAsync(record.WithState("failed", e.Message, JournalRule.ToStored(DateTime.UtcNow)), CancellationToken.None).ConfigureAwait(false);
            throw new CliException(e.Message);
        }

        status = node.Status;
        await registry.SaveNodeAsync(record.WithState(status.State, status.Reason, JournalRule.ToStored(DateTime.UtcNow)), CancellationToken.None).ConfigureAwait(false);
        context.Output.WriteLine($"node {status.Id} {status.State}: {StatusLine(status)}");
        return 0;
    }

    private static string StatusLine(NodeStatus s) => string.Create(
        CultureInfo.InvariantCulture,
        $"{s.State} {(s.Time is { } t ? t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "-")} equity {s.Equity:N2} cash {s.Cash:N2} positions {s.Positions} working {s.WorkingOrders} steps {s.Steps:N0} journal {s.JournalSequence:N0}{(s.LastEvent is { } e ? $" | {e}" : string.Empty)}{(s.Reason is { } r ? $" | {r}" : string.Empty)}");
}

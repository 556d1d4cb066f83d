using Microsoft.Extensions.Options;
using Trading.Backtesting;
using Trading.Data;
using Trading.Data.Storage;
using Trading.Domain;
using Trading.Strategies.Files;

namespace Trading.Server.Backtests;

/// <summary>Runs queued backtests one at a time, off the request threads: the engine is single-threaded and
/// deterministic, and one run at a time keeps a 2-core server answering requests meanwhile.</summary>
internal sealed partial class BacktestWorker(
    BacktestQueue queue,
    IMarketDataStore store,
    TimeProvider clock,
    IOptions<ResultRetention> retention,
    ILogger<BacktestWorker> logger) : BackgroundService
{
    private readonly int _rows = retention.Value.BacktestResultRows;

    // The synthetic market is the same for every run (fixed seed): generate it once, on first use.
    private readonly RunInput _input = new(store);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var job in queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            job.Started(clock.GetUtcNow().UtcDateTime);
            try
            {
                var input = await LoadAsync(job, stoppingToken).ConfigureAwait(false);
                // The run's objects live only until its reports are written and compressed: that is what is kept.
                var (kept, barEvents, elapsed) = await Task.Run(
                    () =>
                    {
                        var result = BacktestEngine.Run(job.Strategy.Name, job.Strategy.Create(job.Parameters), job.Parameters, input, job.Settings, job, stoppingToken);
                        result = result with
                        {
                            ParameterSources = job.ParameterSources,
                            Config = job.Config.WithDefaults() with { Parameters = result.Parameters },
                        };
                        return (KeptResult.Of(result, _rows), result.BarEvents, result.Elapsed);
                    },
                    stoppingToken).ConfigureAwait(false);
                if (kept.Bytes > queue.Budget)
                {
                    var reason = $"the run finished (final equity {kept.FinalEquity}), but its result takes {kept.Bytes:N0} bytes compressed, more than Server:BacktestResultsBudgetBytes ({queue.Budget:N0}) allows for all results: raise the budget or lower Server:BacktestResultRows";
                    job.Failed(reason, clock.GetUtcNow().UtcDateTime);
                    LogFailed(logger, job.Id, reason);
                }
                else
                {
                    job.Succeeded(kept, clock.GetUtcNow().UtcDateTime);
                    LogFinished(logger, job.Id, job.Strategy.Name, barEvents, elapsed.TotalMilliseconds, kept.Bytes);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                job.Failed("the server stopped before the backtest finished", clock.GetUtcNow().UtcDateTime);
                throw;
            }
            catch (Exception e) when (StrategyFault.Describe(e) is { } fault)
            {
                // A user's strategy threw, or was refused what it asked: the job names its file and line.
                job.Failed($"the strategy failed: {fault}", clock.GetUtcNow().UtcDateTime);
                LogFailed(logger, job.Id, fault);
            }
            catch (Exception e) when (IsRefusal(e))
            {
                // Input the engine refuses (a price it cannot account for, a store that cannot be read, ...) fails
                // the job, not the worker.
                job.Failed(e.Message, clock.GetUtcNow().UtcDateTime);
                LogFailed(logger, job.Id, e.Message);
            }
            catch (Exception e)
            {
                // A bug, not the input's fault: the job says so and the log keeps the stack, but the server serves on.
                job.Failed($"the backtest failed unexpectedly ({e.GetType().Name}: {e.Message}); the server's log has the details", clock.GetUtcNow().UtcDateTime);
                LogCrashed(logger, e, job.Id, job.Strategy.Name);
            }
            finally
            {
                queue.Finished(job);
            }
        }
    }

    private async Task<BacktestInput> LoadAsync(BacktestJob job, CancellationToken cancellationToken) =>
        await _input.LoadAsync(job.Symbols, job.Range, job.Config.Index, await BenchmarkAsync(job, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <summary>The stored benchmark the job names (checked at submission; refused here if deleted since), or null.</summary>
    private async Task<BarSeries?> BenchmarkAsync(BacktestJob job, CancellationToken cancellationToken)
    {
        if (job.Benchmark is not { } symbol)
        {
            return null;
        }

        var range = job.Range;
        var benchmark = await store.ReadBarsAsync(symbol, range.Interval, range.From, range.To, cancellationToken).ConfigureAwait(false);
        return benchmark.IsEmpty
            ? throw new ArgumentException($"no {range.Interval} bars of the benchmark {symbol} {range.Describe()} in the store")
            : benchmark;
    }

    /// <summary>The exceptions that mean "this input cannot be run", as opposed to a bug.</summary>
    private static bool IsRefusal(Exception e) =>
        e is ArgumentException or InvalidOperationException or MarketDataUnavailableException or MarketDataNotFoundException or MarketDataStoreException or InvalidStoredBarException;

    [LoggerMessage(Level = LogLevel.Information, Message = "Backtest {Id} ({Strategy}) finished: {BarEvents} bar events in {Milliseconds:0} ms; its reports keep {Bytes} bytes")]
    private static partial void LogFinished(ILogger logger, string id, string strategy, long barEvents, double milliseconds, long bytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Backtest {Id} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string id, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Backtest {Id} ({Strategy}) failed unexpectedly; the worker goes on with the next")]
    private static partial void LogCrashed(ILogger logger, Exception exception, string id, string strategy);
}

using System.Text.Json;
using Trading.Backtesting;
using Trading.Data;
using Trading.Data.Storage;
using Trading.Optimization;
using Trading.Strategies.Files;

namespace Trading.Server.Optimizations;

/// <summary>Runs queued searches one at a time, off the request threads, each on up to its <c>jobs</c> threads: the
/// data are loaded once per search and shared read-only by its trials.</summary>
internal sealed partial class OptimizationWorker(
    OptimizationQueue queue,
    IMarketDataStore store,
    TimeProvider clock,
    ILogger<OptimizationWorker> logger) : BackgroundService
{
    // The synthetic market is the same for every search (fixed seed): generate it once, on first use.
    private readonly Backtests.RunInput _input = new(store);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var job in queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            if (!job.TryStart(clock.GetUtcNow().UtcDateTime))
            {
                queue.Finished(job);
                continue;
            }

            try
            {
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, job.Cancellation);
                var input = await LoadAsync(job, stop.Token).ConfigureAwait(false);
                var (report, json, page) = await Task.Run(
                    () =>
                    {
                        var trial = new BacktestTrial(job.Space.Definition, input, job.Settings);
                        SweepReport report;
                        if (job.Eta is { } eta)
                        {
                            // The rungs depend on the bars loaded: a range too short for them fails the job here.
                            var schedule = job.Schedule = HalvingSchedule.Of(input, job.Plan.Trials.Count, eta);
                            var halving = SuccessiveHalving.Run(job.Space, job.Plan, schedule, trial, job.Objective, job.Constraints, job.Jobs, job, stop.Token);
                            report = new SweepReport(job.Space, halving.Final, job.Objective, job.Constraints) { Halving = halving };
                        }
                        else
                        {
                            var result = Sweep.Run(job.Space, job.Plan, trial.Run, job.Jobs, job.Objective, job, stop.Token);
                            report = new SweepReport(job.Space, result, job.Objective, job.Constraints);
                        }

                        using var bytes = new MemoryStream();
                        report.WriteJson(bytes);
                        return (report, bytes.ToArray(), OptimizationPage.Render(report, trial));
                    },
                    CancellationToken.None).ConfigureAwait(false);
                if (stoppingToken.IsCancellationRequested)
                {
                    job.Failed("the server stopped before the search finished", clock.GetUtcNow().UtcDateTime);
                    return;
                }

                // Only the ranking's and the page's bytes outlive this line: the trials' results go with the report.
                job.Finished(report, json, page, clock.GetUtcNow().UtcDateTime);
                LogFinished(logger, job.Id, job.Space.Definition.Name, job.TrialsRun, job.TrialsPlanned, report.Result.Elapsed.TotalMilliseconds, json.Length, page.Length);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                job.Failed("the server stopped before the search finished", clock.GetUtcNow().UtcDateTime);
                throw;
            }
            catch (OperationCanceledException) when (job.Cancellation.IsCancellationRequested)
            {
                // Cancelled while its data were loading: no trial ran.
                job.CancelledEarly(clock.GetUtcNow().UtcDateTime);
            }
            catch (Exception e) when (StrategyFault.Describe(e) is { } fault)
            {
                job.Failed($"the strategy failed: {fault}", clock.GetUtcNow().UtcDateTime);
                LogFailed(logger, job.Id, fault);
            }
            catch (Exception e) when (IsRefusal(e))
            {
                job.Failed(e.Message, clock.GetUtcNow().UtcDateTime);
                LogFailed(logger, job.Id, e.Message);
            }
            catch (Exception e)
            {
                // A bug, not the input's fault: the job says so and the log keeps the stack, but the server serves on.
                job.Failed($"the search failed unexpectedly ({e.GetType().Name}: {e.Message}); the server's log has the details", clock.GetUtcNow().UtcDateTime);
                LogCrashed(logger, e, job.Id);
            }
            finally
            {
                queue.Finished(job);
            }
        }
    }

    private Task<BacktestInput> LoadAsync(OptimizationJob job, CancellationToken cancellationToken) =>
        _input.LoadAsync(job.Symbols, job.Range, index: null, benchmark: null, cancellationToken);

    /// <summary>The exceptions that mean "this input cannot be run", as opposed to a bug.</summary>
    private static bool IsRefusal(Exception e) =>
        e is ArgumentException or InvalidOperationException or JsonException or MarketDataUnavailableException or MarketDataNotFoundException or MarketDataStoreException or InvalidStoredBarException;

    [LoggerMessage(Level = LogLevel.Information, Message = "Optimization {Id} ({Strategy}) finished: {Run} of {Planned} trials in {Milliseconds:0} ms; its ranking keeps {Bytes} bytes, its report page {PageBytes}")]
    private static partial void LogFinished(ILogger logger, string id, string strategy, int run, int planned, double milliseconds, int bytes, int pageBytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Optimization {Id} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string id, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Optimization {Id} failed unexpectedly; the worker goes on with the next")]
    private static partial void LogCrashed(ILogger logger, Exception exception, string id);
}

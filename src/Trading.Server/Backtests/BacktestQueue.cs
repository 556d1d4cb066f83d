using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Trading.Server.Hosting;

namespace Trading.Server.Backtests;

/// <summary>Submitted backtests: a bounded channel the worker reads, and every job by id for the status routes.</summary>
/// <remarks>The channel is bounded so that a burst of submissions is refused (503) rather than queued without end;
/// finished jobs are forgotten, oldest first, beyond <c>Server:BacktestsKept</c> of them or once their kept results
/// take more than <c>Server:BacktestResultsBudgetBytes</c>, so results never grow without end.</remarks>
internal sealed class BacktestQueue(IOptions<ServerOptions> options, IOptions<ResultRetention> retention, TimeProvider clock)
{
    private readonly Channel<BacktestJob> _channel = Channel.CreateBounded<BacktestJob>(new BoundedChannelOptions(options.Value.BacktestQueueCapacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private readonly ConcurrentDictionary<string, BacktestJob> _jobs = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<BacktestJob> _finished = new();
    private readonly int _kept = options.Value.BacktestsKept;
    private readonly long _budget = retention.Value.BacktestResultsBudgetBytes;
    private long _keptBytes;

    public ChannelReader<BacktestJob> Reader => _channel.Reader;

    /// <summary>When this server began keeping backtests: a run submitted before (another process) is gone.</summary>
    public DateTimeOffset Since { get; } = clock.GetUtcNow();

    /// <summary>Queues the job; false when the queue is full.</summary>
    public bool TryEnqueue(BacktestJob job)
    {
        _jobs[job.Id] = job;
        if (_channel.Writer.TryWrite(job))
        {
            return true;
        }

        _jobs.TryRemove(job.Id, out _);
        return false;
    }

    public BacktestJob? Find(string id) => _jobs.GetValueOrDefault(id);

    /// <summary>The bytes the kept results take: never more than the budget.</summary>
    public long KeptBytes => Interlocked.Read(ref _keptBytes);

    /// <summary>The compressed bytes all kept results may take (<c>Server:BacktestResultsBudgetBytes</c>); a result
    /// larger than that is not kept at all (<see cref="BacktestWorker"/> fails its job, saying so).</summary>
    public long Budget => _budget;

    /// <summary>Notes that a job finished: forgets the oldest finished ones until it fits within the count and the
    /// budget, then keeps it.</summary>
    /// <remarks>Called by the one worker only. Room is made before the job is counted in, so that a reader never
    /// sees more kept than the budget.</remarks>
    public void Finished(BacktestJob job)
    {
        var bytes = job.KeptBytes;
        while ((_finished.Count >= _kept || KeptBytes + bytes > _budget) && _finished.TryDequeue(out var oldest))
        {
            _jobs.TryRemove(oldest.Id, out _);
            Interlocked.Add(ref _keptBytes, -oldest.KeptBytes);
        }

        _finished.Enqueue(job);
        Interlocked.Add(ref _keptBytes, bytes);
    }
}

using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Trading.Server.Hosting;

namespace Trading.Server.Backtests;

/// <summary>Submitted backtests: a bounded channel the worker reads, and every job by id for the status routes.</summary>
/// <remarks>The channel is bounded so that a burst of submissions is refused (503) rather than queued without end;
/// finished jobs beyond <c>Server:BacktestsKept</c> are forgotten, oldest first, so results do not grow forever.</remarks>
internal sealed class BacktestQueue(IOptions<ServerOptions> options)
{
    private readonly Channel<BacktestJob> _channel = Channel.CreateBounded<BacktestJob>(new BoundedChannelOptions(options.Value.BacktestQueueCapacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private readonly ConcurrentDictionary<string, BacktestJob> _jobs = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _finished = new();
    private readonly int _kept = options.Value.BacktestsKept;

    public ChannelReader<BacktestJob> Reader => _channel.Reader;

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

    /// <summary>Notes that a job finished, forgetting the oldest finished ones beyond the limit.</summary>
    public void Finished(BacktestJob job)
    {
        _finished.Enqueue(job.Id);
        while (_finished.Count > _kept && _finished.TryDequeue(out var oldest))
        {
            _jobs.TryRemove(oldest, out _);
        }
    }
}

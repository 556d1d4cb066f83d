using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Trading.Server.Optimizations;

/// <summary>Submitted searches: a bounded channel the worker reads, and every job by id for the status routes.</summary>
/// <remarks>Bounded so a burst of submissions is refused (503); finished jobs beyond <c>Server:OptimizationsKept</c>
/// are forgotten, oldest first, so kept rankings never grow without end.</remarks>
internal sealed class OptimizationQueue(IOptions<OptimizationOptions> options, TimeProvider clock)
{
    private readonly Channel<OptimizationJob> _channel = Channel.CreateBounded<OptimizationJob>(new BoundedChannelOptions(options.Value.OptimizationQueueCapacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private readonly ConcurrentDictionary<string, OptimizationJob> _jobs = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<OptimizationJob> _finished = new();
    private readonly int _kept = options.Value.OptimizationsKept;

    public ChannelReader<OptimizationJob> Reader => _channel.Reader;

    /// <summary>When this server began keeping searches: one submitted before (another process) is gone.</summary>
    public DateTimeOffset Since { get; } = clock.GetUtcNow();

    /// <summary>Queues the job; false when the queue is full.</summary>
    public bool TryEnqueue(OptimizationJob job)
    {
        _jobs[job.Id] = job;
        if (_channel.Writer.TryWrite(job))
        {
            return true;
        }

        _jobs.TryRemove(job.Id, out _);
        return false;
    }

    public OptimizationJob? Find(string id) => _jobs.GetValueOrDefault(id);

    /// <summary>Notes that a job finished (called by the one worker): forgets the oldest finished beyond the count.</summary>
    public void Finished(OptimizationJob job)
    {
        while (_finished.Count >= _kept && _finished.TryDequeue(out var oldest))
        {
            _jobs.TryRemove(oldest.Id, out _);
            oldest.Dispose();
        }

        _finished.Enqueue(job);
    }
}

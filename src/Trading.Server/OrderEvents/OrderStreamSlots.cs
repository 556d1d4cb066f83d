using Microsoft.Extensions.Options;
using Trading.Server.Hosting;

namespace Trading.Server.OrderEvents;

/// <summary>The order streams open now, at most <c>Server:MaxOrderStreams</c>: each holds a connection for as long as
/// its client stays, so a flood of clients is refused (503) rather than served until the server runs out.</summary>
internal sealed class OrderStreamSlots(IOptions<ServerOptions> options)
{
    private int _open;

    public int Max { get; } = options.Value.MaxOrderStreams;

    /// <summary>Takes a slot; false when all are taken. A slot taken must be given back with <see cref="Close"/>.</summary>
    public bool TryOpen()
    {
        if (Interlocked.Increment(ref _open) <= Max)
        {
            return true;
        }

        Interlocked.Decrement(ref _open);
        return false;
    }

    public void Close() => Interlocked.Decrement(ref _open);
}

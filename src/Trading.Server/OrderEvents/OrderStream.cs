using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Trading.Server.Hosting;

namespace Trading.Server.OrderEvents;

/// <summary>One client's order stream (<c>GET /api/v1/orders/stream</c>): the order events after its position, as
/// Server-Sent Events, until the client leaves or the server stops.</summary>
/// <remarks>
/// <para>It starts from <see cref="After"/> (the client's <c>Last-Event-ID</c>): the events of this log after it are
/// replayed, then new ones follow as they are appended. Without one it starts at the last event and sends that
/// position as an <c>id:</c> line without data (which sets the client's last event id and dispatches nothing), so a
/// client that reconnects before any event still misses none. An id this log cannot continue from gets a
/// <see cref="OrderStreamReset"/> first.</para>
/// <para>The stream reads the shared log at its own pace: a client that reads slowly is sent what it missed when it
/// reads again, and one that falls further behind than the log holds gets a reset (<c>fell_behind</c>) and goes on from
/// the last event. So a slow client costs neither memory nor the publisher's time; one that stops reading altogether is
/// closed by Kestrel's minimum response data rate once its socket's buffers are full.</para>
/// <para>A comment (<c>: keep-alive</c>) goes out after <c>Server:OrderStreamHeartbeat</c> of silence, so proxies keep
/// the connection. When the server stops, the stream ends at once (the response completes), so open streams never
/// hold up a graceful shutdown; a write the client is not reading then is abandoned with the connection.</para>
/// </remarks>
internal sealed partial class OrderStream(OrderEventId? after, string? source = null) : IResult
{
    private const int Batch = 64;

    private static ReadOnlySpan<byte> KeepAlive => ": keep-alive\n\n"u8;

    /// <summary>Where the client says it is, or null for a new client.</summary>
    public OrderEventId? After { get; } = after;

    /// <summary>Only the events of this source (a node's stream), or every event.</summary>
    public string? Source { get; } = source;

    public async Task ExecuteAsync(HttpContext context)
    {
        var slots = context.RequestServices.GetRequiredService<OrderStreamSlots>();
        if (!slots.TryOpen())
        {
            await ApiProblem.Field(
                StatusCodes.Status503ServiceUnavailable,
                "streams",
                $"{slots.Max} order streams are open, the most this server serves at once (Server:MaxOrderStreams); retry later").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        try
        {
            await SendAsync(context).ConfigureAwait(false);
        }
        finally
        {
            slots.Close();
        }
    }

    private async Task SendAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var log = services.GetRequiredService<OrderEventLog>();
        var heartbeat = services.GetRequiredService<IOptions<ServerOptions>>().Value.OrderStreamHeartbeat;
        var clock = services.GetRequiredService<TimeProvider>();
        var logger = services.GetRequiredService<ILogger<OrderStream>>();
        var stopping = services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var ends = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var token = ends.Token;

        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        // Proxies such as nginx would otherwise hold events back to fill their buffers.
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var writer = response.BodyWriter;

        var batch = new LoggedOrderEvent[Batch];
        var flushing = false;
        try
        {
            await response.StartAsync(token).ConfigureAwait(false);
            var last = log.Last;
            var cursor = last.Sequence;
            var resuming = false;
            if (After is not { } after)
            {
                Encoding.UTF8.GetBytes($"id: {last}\n\n", writer);
            }
            else if (after.Epoch != log.Epoch)
            {
                writer.Write(OrderStreamReset.Restarted(after, log).Frame(last));
            }
            else
            {
                // Whether the log still holds what follows shows on the first read.
                cursor = after.Sequence;
                resuming = true;
            }

            while (true)
            {
                flushing = true;
                var flushed = await writer.FlushAsync(token).ConfigureAwait(false);
                flushing = false;
                if (flushed.IsCompleted || flushed.IsCanceled)
                {
                    return;
                }

                var appended = log.Appended;
                var read = log.ReadAfter(cursor, batch);
                if (read.Missed)
                {
                    var reset = !resuming ? OrderStreamReset.FellBehind(log)
                        : cursor > read.Last.Sequence ? OrderStreamReset.Unknown(new OrderEventId(log.Epoch, cursor), read.Last)
                        : OrderStreamReset.Expired(new OrderEventId(log.Epoch, cursor), log);
                    if (!resuming)
                    {
                        LogFellBehind(logger, log.Capacity);
                    }

                    writer.Write(reset.Frame(read.Last));
                    cursor = read.Last.Sequence;
                }
                else if (read.Count > 0)
                {
                    for (var i = 0; i < read.Count; i++)
                    {
                        if (Source is null || batch[i].Source == Source)
                        {
                            writer.Write(batch[i].Frame.Span);
                        }
                    }

                    cursor = batch[read.Count - 1].Sequence;
                    Array.Clear(batch, 0, read.Count);
                }
                else if (!await WaitAsync(appended, heartbeat, clock, token).ConfigureAwait(false))
                {
                    writer.Write(KeepAlive);
                }

                resuming = false;
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Left or stopping. A write still pending would make the response's end wait on a client that is not
            // reading (until the shutdown timeout): give up the connection instead.
            if (flushing)
            {
                context.Abort();
            }
        }
    }

    /// <summary>True when an event was appended, false when <paramref name="heartbeat"/> passed first.</summary>
    private static async Task<bool> WaitAsync(Task appended, TimeSpan heartbeat, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var silence = Task.Delay(heartbeat, clock, timer.Token);
        var first = await Task.WhenAny(appended, silence).ConfigureAwait(false);
        await timer.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return first == appended;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "An order stream fell more than {Kept} order events behind (Server:OrderEventsKept); it was told to resync")]
    private static partial void LogFellBehind(ILogger logger, int kept);
}

using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Trading.Server.OrderEvents;

/// <summary>What an order stream sends (<c>event: reset</c>) when order events may have been missed, instead of
/// skipping them silently: the Last-Event-ID is from before a restart or no longer held, or the client read too slowly.
/// The client should read the orders again; the stream goes on from the id the reset carries.</summary>
/// <param name="Reason"><c>restarted</c>, <c>expired</c>, <c>unknown</c> or <c>fell_behind</c>.</param>
internal sealed record OrderStreamReset(string Reason, string Message)
{
    private const string Resync = "Read the orders again (GET /api/v1/paper/orders); this stream goes on from here.";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static OrderStreamReset Restarted(OrderEventId given, OrderEventLog log) => new(
        "restarted",
        string.Create(CultureInfo.InvariantCulture, $"Last-Event-ID {given} is not from this run of the server, which began at {log.Since.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ} (its ids are {log.Epoch}-N): order events may have been missed. {Resync}"));

    public static OrderStreamReset Expired(OrderEventId given, OrderEventLog log) => new(
        "expired",
        string.Create(CultureInfo.InvariantCulture, $"the order events after {given} are no longer held (the server holds the last {log.Capacity:N0}, Server:OrderEventsKept{(log.Oldest is { } oldest ? $"; the oldest is {oldest}" : string.Empty)}): some were missed. {Resync}"));

    public static OrderStreamReset Unknown(OrderEventId given, OrderEventId last) => new(
        "unknown",
        string.Create(CultureInfo.InvariantCulture, $"Last-Event-ID {given} is after this server's last order event ({last}): it was never sent by this server. {Resync}"));

    public static OrderStreamReset FellBehind(OrderEventLog log) => new(
        "fell_behind",
        string.Create(CultureInfo.InvariantCulture, $"this stream was read too slowly and fell more than {log.Capacity:N0} order events behind (Server:OrderEventsKept): some were missed. {Resync}"));

    /// <summary>The event as sent, with the id of the last event before the stream goes on.</summary>
    public byte[] Frame(OrderEventId position) =>
        Encoding.UTF8.GetBytes($"event: reset\nid: {position}\ndata: {JsonSerializer.Serialize(this, Json)}\n\n");
}

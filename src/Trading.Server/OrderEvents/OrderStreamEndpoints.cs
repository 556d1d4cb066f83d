using Microsoft.AspNetCore.Mvc;
using Trading.Server.Data;
using Trading.Server.Hosting;

namespace Trading.Server.OrderEvents;

/// <summary>Order events as they happen: <c>GET /api/v1/orders/stream</c>, Server-Sent Events.</summary>
internal static class OrderStreamEndpoints
{
    public const string LastEventIdHeader = "Last-Event-ID";

    public static RouteGroupBuilder MapOrderStreamEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/orders/stream", Open)
            .WithTags("Orders")
            .WithName("StreamOrderEvents")
            .WithSummary("Order events as Server-Sent Events: one per order state change, its data the JSON published on the Redis channel.")
            .WithDescription(
                "Each event has an `id:` (`<epoch>-<sequence>`, the epoch changing when the server restarts); reconnect with `Last-Event-ID` " +
                "to get the events after it that the server still holds (`Server:OrderEventsKept`), then new ones. When events may have been missed " +
                "(an id from before a restart or no longer held, or a client reading too slowly) an `event: reset` comes first, with `reason` and " +
                "`message`: read the orders again. A `: keep-alive` comment follows each `Server:OrderStreamHeartbeat` of silence. At most " +
                "`Server:MaxOrderStreams` streams are open at once (503 beyond).")
            .Produces<string>(StatusCodes.Status200OK, "text/event-stream")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequireApiKey();
        api.MapGet("/nodes/{id}/orders/stream", (string id, [FromHeader(Name = LastEventIdHeader)] string? lastEventId) => OpenStream(lastEventId, LoggedOrderEvent.NodeSource(id)))
            .WithTags("Trading nodes")
            .WithName("StreamNodeOrderEvents")
            .WithSummary("One node's order events as Server-Sent Events, as /orders/stream (ids shared with it).")
            .Produces<string>(StatusCodes.Status200OK, "text/event-stream")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequireApiKey();
        return api;
    }

    private static IResult Open([FromHeader(Name = LastEventIdHeader)] string? lastEventId) => OpenStream(lastEventId, null);

    private static IResult OpenStream(string? lastEventId, string? source)
    {
        // EventSource sends no header until it has seen an id; an empty one means the same.
        if (string.IsNullOrEmpty(lastEventId))
        {
            return new OrderStream(null, source);
        }

        return OrderEventId.TryParse(lastEventId, out var after)
            ? new OrderStream(after, source)
            : ApiProblem.Field(StatusCodes.Status400BadRequest, LastEventIdHeader, $"'{BarRange.Shorten(lastEventId)}' is not an order event id: ids look like 1718000000000-42, as sent on this stream's id: lines");
    }
}

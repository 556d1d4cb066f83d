using System.Text.Json;
using System.Text.Json.Serialization;
using Trading.Domain;

namespace Trading.Execution;

/// <summary>An order event as JSON for other programs, in the HTTP interface's style: snake_case names and
/// statuses (<c>{"order_id": 7, "time": "2024-05-06T13:30:00Z", "status": "partially_filled", "fill_quantity": 50,
/// "fill_price": 101.25, "reason": null}</c>).</summary>
/// <remarks>Quantities and prices are JSON numbers written from the decimals exactly as they are (no rounding
/// through a double).</remarks>
public static class OrderEventJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
    };

    public static string Serialize(OrderEvent orderEvent) => JsonSerializer.Serialize(orderEvent, Options);

    /// <exception cref="JsonException">The text is not an order event.</exception>
    public static OrderEvent Deserialize(string json) =>
        JsonSerializer.Deserialize<OrderEvent?>(json, Options) ?? throw new JsonException("An order event cannot be null.");
}

using System.Globalization;
using System.Text.Json;
using Trading.Domain;

namespace Trading.Nodes;

/// <summary>A person's command to a node between steps: halt with a reason, resume by someone, an order, a cancel.
/// Journaled with its effects, so that a restarted node replays it at the same point.</summary>
public sealed record NodeCommand(string Action, string Text, OrderRequest? Order = null, long OrderId = 0)
{
    public const string Kind = "command";

    public static NodeCommand Submit(OrderRequest order) => new("order", "a manual order", order);

    public static NodeCommand Cancel(long orderId) => new("cancel", "a manual cancel", OrderId: orderId);

    public byte[] ToJson(DateTime time)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("action", Action);
            writer.WriteString("text", Text);
            writer.WriteString("time", time);
            if (OrderId != 0)
            {
                writer.WriteNumber("order_id", OrderId);
            }

            if (Order is { } order)
            {
                writer.WriteString("symbol", order.Symbol.Value);
                writer.WriteString("side", order.Side.ToString());
                writer.WriteString("type", order.Type.ToString());
                writer.WriteNumber("quantity", order.Quantity);
                Optional(writer, "limit_price", order.LimitPrice);
                Optional(writer, "stop_price", order.StopPrice);
                Optional(writer, "trail_amount", order.TrailAmount);
                Optional(writer, "trail_percent", order.TrailPercent);
                writer.WriteString("time_in_force", order.TimeInForce.ToString());
                if (order.Tag is { } tag)
                {
                    writer.WriteString("tag", tag);
                }
            }

            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    public static NodeCommand FromJson(ReadOnlyMemory<byte> payload)
    {
        using var document = JsonDocument.Parse(payload);
        var root = document.RootElement;
        var action = root.GetProperty("action").GetString() ?? string.Empty;
        var text = root.GetProperty("text").GetString() ?? string.Empty;
        var orderId = root.TryGetProperty("order_id", out var id) ? id.GetInt64() : 0;
        OrderRequest? order = null;
        if (root.TryGetProperty("symbol", out var symbol))
        {
            order = Parse(root, Symbol.Parse(symbol.GetString()));
        }

        return new NodeCommand(action, text, order, orderId);
    }

    private static OrderRequest Parse(JsonElement root, Symbol symbol)
    {
        var side = Enum.Parse<OrderSide>(root.GetProperty("side").GetString()!);
        var type = Enum.Parse<OrderType>(root.GetProperty("type").GetString()!);
        var quantity = root.GetProperty("quantity").GetDecimal();
        decimal? Value(string name) => root.TryGetProperty(name, out var v) ? v.GetDecimal() : null;
        var order = type switch
        {
            OrderType.Market => OrderRequest.Market(symbol, side, quantity),
            OrderType.MarketOnOpen => OrderRequest.MarketOnOpen(symbol, side, quantity),
            OrderType.MarketOnClose => OrderRequest.MarketOnClose(symbol, side, quantity),
            OrderType.Limit => OrderRequest.Limit(symbol, side, quantity, Value("limit_price")!.Value),
            OrderType.Stop => OrderRequest.Stop(symbol, side, quantity, Value("stop_price")!.Value),
            OrderType.StopLimit => OrderRequest.StopLimit(symbol, side, quantity, Value("stop_price")!.Value, Value("limit_price")!.Value),
            OrderType.TrailingStop when Value("trail_amount") is { } amount => OrderRequest.TrailingStopByAmount(symbol, side, quantity, amount),
            OrderType.TrailingStop => OrderRequest.TrailingStopByPercent(symbol, side, quantity, Value("trail_percent")!.Value),
            _ => throw new JsonException(string.Create(CultureInfo.InvariantCulture, $"an order of type {type} cannot be replayed")),
        };
        return order with
        {
            TimeInForce = Enum.Parse<TimeInForce>(root.GetProperty("time_in_force").GetString()!),
            Tag = root.TryGetProperty("tag", out var tag) ? tag.GetString() : null,
        };
    }

    private static void Optional(Utf8JsonWriter writer, string name, decimal? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
    }
}

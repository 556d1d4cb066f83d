using System.Globalization;
using System.Text.Json;
using Trading.Domain;

namespace Trading.Nodes;

/// <summary>An order request's fields as the journal writes them (in a step's <c>order</c> entry and in a manual order
/// command) and reads them back (to replay the command): one form for both.</summary>
internal static class OrderRequestJson
{
    public static void Write(Utf8JsonWriter writer, OrderRequest order)
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

        if (order.ClientOrderId is { } clientOrderId)
        {
            writer.WriteString("client_order_id", clientOrderId);
        }
    }

    /// <summary>The order written by <see cref="Write"/> into <paramref name="root"/>, or null when it holds none.</summary>
    public static OrderRequest? Read(JsonElement root)
    {
        if (!root.TryGetProperty("symbol", out var symbolText))
        {
            return null;
        }

        var symbol = Symbol.Parse(symbolText.GetString());
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
            _ => throw new JsonException(string.Create(CultureInfo.InvariantCulture, $"an order of type {type} cannot be read back")),
        };
        return order with
        {
            TimeInForce = Enum.Parse<TimeInForce>(root.GetProperty("time_in_force").GetString()!),
            Tag = root.TryGetProperty("tag", out var tag) ? tag.GetString() : null,
            ClientOrderId = root.TryGetProperty("client_order_id", out var clientOrderId) ? clientOrderId.GetString() : null,
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

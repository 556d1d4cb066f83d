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
        writer.WriteString(Name.Symbol, order.Symbol.Value);
        writer.WriteString(Name.Side, order.Side.ToString());
        writer.WriteString(Name.Type, order.Type.ToString());
        writer.WriteNumber(Name.Quantity, order.Quantity);
        Optional(writer, Name.LimitPrice, order.LimitPrice);
        Optional(writer, Name.StopPrice, order.StopPrice);
        Optional(writer, Name.TrailAmount, order.TrailAmount);
        Optional(writer, Name.TrailPercent, order.TrailPercent);
        writer.WriteString(Name.TimeInForce, order.TimeInForce.ToString());
        if (order.Tag is { } tag)
        {
            writer.WriteString(Name.Tag, tag);
        }

        if (order.ClientOrderId is { } clientOrderId)
        {
            writer.WriteString(Name.ClientOrderId, clientOrderId);
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

    private static void Optional(Utf8JsonWriter writer, JsonEncodedText name, decimal? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
    }

    /// <summary>The property names, encoded once.</summary>
    private static class Name
    {
        public static readonly JsonEncodedText ClientOrderId = JsonEncodedText.Encode("client_order_id");
        public static readonly JsonEncodedText LimitPrice = JsonEncodedText.Encode("limit_price");
        public static readonly JsonEncodedText Quantity = JsonEncodedText.Encode("quantity");
        public static readonly JsonEncodedText Side = JsonEncodedText.Encode("side");
        public static readonly JsonEncodedText StopPrice = JsonEncodedText.Encode("stop_price");
        public static readonly JsonEncodedText Symbol = JsonEncodedText.Encode("symbol");
        public static readonly JsonEncodedText Tag = JsonEncodedText.Encode("tag");
        public static readonly JsonEncodedText TimeInForce = JsonEncodedText.Encode("time_in_force");
        public static readonly JsonEncodedText TrailAmount = JsonEncodedText.Encode("trail_amount");
        public static readonly JsonEncodedText TrailPercent = JsonEncodedText.Encode("trail_percent");
        public static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    }
}

using System.Text.Json;
using Trading.Domain;

namespace Trading.Nodes;

/// <summary>A person's command to a node between steps: halt with a reason, resume by someone, an order (with the
/// price its cash check uses, when the caller gives one), a cancel, or the clock moved on past times without bars.
/// Journaled with its effects, so that a restarted node replays it at the same point.</summary>
public sealed record NodeCommand(string Action, string Text, OrderRequest? Order = null, long OrderId = 0, decimal? Price = null)
{
    public const string Kind = "command";

    public static NodeCommand Submit(OrderRequest order, decimal? price = null) => new("order", "a manual order", order, Price: price);

    public static NodeCommand Cancel(long orderId) => new("cancel", "a manual cancel", OrderId: orderId);

    /// <summary>Moves the node's clock to the command's time (a person advanced a replay past its last bar).</summary>
    public static NodeCommand MoveClock() => new("clock", "the clock moved on");

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

            if (Price is { } price)
            {
                writer.WriteNumber("price", price);
            }

            if (Order is { } order)
            {
                OrderRequestJson.Write(writer, order);
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
        decimal? price = root.TryGetProperty("price", out var p) ? p.GetDecimal() : null;
        return new NodeCommand(action, text, OrderRequestJson.Read(root), orderId, price);
    }
}

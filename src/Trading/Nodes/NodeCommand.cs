using System.Text.Json;

namespace Trading.Nodes;

/// <summary>A person's command to a node between steps (halt with a reason, resume by someone), journaled with its
/// effects so that a restarted node replays it at the same point.</summary>
public sealed record NodeCommand(string Action, string Text)
{
    public const string Kind = "command";

    public byte[] ToJson(DateTime time)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("action", Action);
            writer.WriteString("text", Text);
            writer.WriteString("time", time);
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    public static NodeCommand FromJson(ReadOnlyMemory<byte> payload)
    {
        using var document = JsonDocument.Parse(payload);
        var root = document.RootElement;
        return new NodeCommand(root.GetProperty("action").GetString() ?? string.Empty, root.GetProperty("text").GetString() ?? string.Empty);
    }
}

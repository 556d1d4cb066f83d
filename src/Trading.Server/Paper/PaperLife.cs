using System.Text.Json;

namespace Trading.Server.Paper;

/// <summary>One life of the account: its cash and start as the reset gave them, when, and the reset's entry (0 for
/// an account never written).</summary>
internal sealed record PaperLife(decimal Cash, DateOnly? Start, DateTime Time, long Sequence)
{
    public byte[] ToJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteNumber("cash", Cash);
            if (Start is { } start)
            {
                writer.WriteString("start_date", start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            }

            writer.WriteString("time", Time);
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    public static PaperLife FromJson(ReadOnlyMemory<byte> payload, long sequence)
    {
        using var document = JsonDocument.Parse(payload);
        var root = document.RootElement;
        DateOnly? start = root.TryGetProperty("start_date", out var s) ? DateOnly.ParseExact(s.GetString()!, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null;
        return new PaperLife(root.GetProperty("cash").GetDecimal(), start, root.GetProperty("time").GetDateTime().ToUniversalTime(), sequence);
    }
}

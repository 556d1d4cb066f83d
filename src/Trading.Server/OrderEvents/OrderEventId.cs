using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Trading.Server.OrderEvents;

/// <summary>Where an order event stands in this server's log: <c>&lt;epoch&gt;-&lt;sequence&gt;</c>, as in
/// <c>1718000000000-42</c>, the stream's <c>id:</c> and what a client sends back in <c>Last-Event-ID</c>.</summary>
/// <remarks>The epoch is the Unix time in milliseconds when the log began, so it changes when the server restarts and
/// an id from before is recognised as such, never mistaken for a position in the new log. The sequence counts the
/// events of this log from 1; 0 is the position before the first.</remarks>
internal readonly record struct OrderEventId(long Epoch, long Sequence)
{
    /// <summary>The longest text that can be an id: two 19-digit numbers and the dash.</summary>
    private const int MaxLength = 39;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Epoch}-{Sequence}");

    /// <summary>Reads an id written by <see cref="ToString"/>; anything else (signs, spaces, a missing part) is refused.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out OrderEventId? id)
    {
        id = null;
        if (text is null || text.Length > MaxLength)
        {
            return false;
        }

        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash < 1)
        {
            return false;
        }

        if (!long.TryParse(text.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var epoch) ||
            !long.TryParse(text.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            return false;
        }

        id = new OrderEventId(epoch, sequence);
        return true;
    }
}

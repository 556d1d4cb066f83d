using System.Runtime.InteropServices;

namespace Trading.Journal;

/// <summary>An entry a step is about to append (a fill, a cash movement, an equity point): the store numbers it.</summary>
/// <remarks>The payload is the caller's UTF-8 JSON, stored and read back byte for byte and never interpreted. It is
/// taken as given, not copied: hand over a buffer nothing changes afterwards. Equality compares the payload's bytes.</remarks>
public sealed record JournalRecordDraft
{
    /// <exception cref="ArgumentException">The time, kind or payload breaks the <see cref="JournalRule"/>.</exception>
    public JournalRecordDraft(DateTime stepTime, string kind, ReadOnlyMemory<byte> payload)
    {
        StepTime = JournalRule.CheckTime(stepTime, "step time", nameof(stepTime));
        Kind = JournalRule.CheckName(kind, "journal entry kind", nameof(kind));
        Payload = CheckPayload(payload, nameof(payload));
    }

    /// <summary>The engine step the entry belongs to, UTC.</summary>
    public DateTime StepTime { get; }

    /// <summary>What the entry is, a short tag such as <c>fill</c>, which tells the reader how to parse the payload.</summary>
    public string Kind { get; }

    public ReadOnlyMemory<byte> Payload { get; }

    public bool Equals(JournalRecordDraft? other) =>
        other is not null && StepTime == other.StepTime && Kind == other.Kind && Payload.Span.SequenceEqual(other.Payload.Span);

    public override int GetHashCode() => HashCode.Combine(StepTime, Kind, Payload.Length);

    /// <summary>The payload as an array for a driver that takes only arrays: its own array when it spans one whole
    /// (the usual case, serialized to a fresh array), else a copy.</summary>
    internal byte[] PayloadArray() =>
        MemoryMarshal.TryGetArray(Payload, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : Payload.ToArray();

    internal static ReadOnlyMemory<byte> CheckPayload(ReadOnlyMemory<byte> payload, string parameterName) =>
        payload.Length <= JournalRule.MaxPayloadBytes
            ? payload
            : throw new ArgumentException(
                $"A journal payload is at most {JournalRule.MaxPayloadBytes:N0} bytes (1 MiB); this one is {payload.Length:N0}. " +
                "Journal what changed (a fill, an order event), not a snapshot of the whole book.",
                parameterName);
}

namespace Trading.Journal;

/// <summary>An entry of a node's journal as stored: its place in the node's sequence (1, 2, 3, ... without gaps), the
/// step it belongs to, what it is, and the caller's bytes.</summary>
/// <remarks>Equality compares the payload's bytes, so an entry read back equals the one written.</remarks>
public sealed record JournalRecord
{
    /// <exception cref="ArgumentException">The sequence is below 1, or the time, kind or payload breaks the
    /// <see cref="JournalRule"/>.</exception>
    public JournalRecord(long sequence, DateTime stepTime, string kind, ReadOnlyMemory<byte> payload)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        Sequence = sequence;
        StepTime = JournalRule.CheckTime(stepTime, "step time", nameof(stepTime));
        Kind = JournalRule.CheckName(kind, "journal entry kind", nameof(kind));
        Payload = JournalRecordDraft.CheckPayload(payload, nameof(payload));
    }

    public long Sequence { get; }

    /// <summary>The engine step the entry belongs to, UTC.</summary>
    public DateTime StepTime { get; }

    public string Kind { get; }

    /// <summary>The caller's UTF-8 JSON, exactly as appended.</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    public bool Equals(JournalRecord? other) =>
        other is not null && Sequence == other.Sequence && StepTime == other.StepTime && Kind == other.Kind &&
        Payload.Span.SequenceEqual(other.Payload.Span);

    public override int GetHashCode() => HashCode.Combine(Sequence, StepTime, Kind, Payload.Length);
}

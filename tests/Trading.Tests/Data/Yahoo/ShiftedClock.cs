namespace Trading.Tests.Data.Yahoo;

/// <summary>A clock that reads <c>start</c> when created and then runs at real speed.</summary>
/// <remarks>Real speed matters: the resilience pipeline times its waits and its circuit breaker with the same clock.</remarks>
internal sealed class ShiftedClock(DateTimeOffset start) : TimeProvider
{
    private readonly long _created = System.GetTimestamp();

    public override DateTimeOffset GetUtcNow() => start + System.GetElapsedTime(_created);
}

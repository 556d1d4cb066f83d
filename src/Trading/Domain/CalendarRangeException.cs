namespace Trading.Domain;

/// <summary>A bar dated where the engine's calendar cannot follow it (there is no next session after 9999-12-31),
/// refused before anything is booked: the message names the symbol, the date and the last date allowed.</summary>
public sealed class CalendarRangeException : ArgumentException
{
    public CalendarRangeException(Symbol symbol, string message)
        : base(message)
    {
        Symbol = symbol;
    }

    public CalendarRangeException(string message)
        : base(message)
    {
    }

    public CalendarRangeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CalendarRangeException()
    {
    }

    public Symbol? Symbol { get; }
}

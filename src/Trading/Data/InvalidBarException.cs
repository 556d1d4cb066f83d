using Trading.Domain;

namespace Trading.Data;

/// <summary>A store refused a batch because one of its bars breaks the <see cref="BarRule"/>; nothing of the batch
/// was stored. An <see cref="ArgumentException"/>: the caller passed a bar no store may keep.</summary>
public sealed class InvalidBarException : ArgumentException
{
    public InvalidBarException(Symbol symbol, Interval interval, DateTime time, string problem)
        : base($"Cannot store the {symbol} {interval} bar at {interval.Format(time)}: {problem}. Nothing of the batch was stored.")
    {
        Symbol = symbol;
        Interval = interval;
        Time = time;
        Problem = problem;
    }

    public InvalidBarException()
    {
    }

    public InvalidBarException(string message)
        : base(message)
    {
    }

    public InvalidBarException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public Symbol Symbol { get; }

    public Interval Interval { get; }

    public DateTime Time { get; }

    public string Problem { get; } = string.Empty;
}

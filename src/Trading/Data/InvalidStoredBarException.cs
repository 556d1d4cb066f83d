using Trading.Domain;

namespace Trading.Data;

/// <summary>A store holds a bar that breaks the <see cref="BarRule"/> (written before the rule, by another tool or by
/// hand): the read is refused rather than handing on a bar nothing downstream can account for.</summary>
/// <remarks>The data, not the request and not the store's health, is wrong, and re-importing the symbol mends it.</remarks>
public sealed class InvalidStoredBarException : Exception
{
    public InvalidStoredBarException(Symbol symbol, Interval interval, DateTime time, string problem)
        : base($"The stored {symbol} {interval} bar at {interval.Format(time)} breaks the bar rule: {problem}. It was written before the rule or by another tool; re-import {symbol} to replace it.")
    {
        Symbol = symbol;
        Interval = interval;
        Time = time;
        Problem = problem;
    }

    public InvalidStoredBarException()
    {
    }

    public InvalidStoredBarException(string message)
        : base(message)
    {
    }

    public InvalidStoredBarException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public Symbol Symbol { get; }

    public Interval Interval { get; }

    public DateTime Time { get; }

    public string Problem { get; } = string.Empty;

    /// <summary>The series as read, or this exception for its first bar that breaks the rule.</summary>
    public static BarSeries ThrowIfAny(BarSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (BarRule.FirstProblem(series) is { } bad)
        {
            throw new InvalidStoredBarException(series.Symbol, series.Interval, series.Time[bad.Index], bad.Problem);
        }

        return series;
    }
}

using Trading.Domain;

namespace Trading.Tests.Data.Storage;

/// <summary>Deterministic bar series for store tests.</summary>
internal static class SampleBars
{
    public static readonly DateTime Start = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary><paramref name="count"/> daily bars from <paramref name="first"/> (default 2020-01-01), prices that
    /// need every bit of a double.</summary>
    public static BarSeries Daily(string symbol, int count, DateTime? first = null, double basePrice = 100, Interval? interval = null)
    {
        var start = first ?? Start;
        var step = (interval ?? Interval.Daily).NominalLength;
        var bars = new Bar[count];
        for (var i = 0; i < count; i++)
        {
            var close = basePrice + (i * 0.1) + (1.0 / 3.0);
            bars[i] = new Bar(start + (step * i), close - 0.7, close + 1.1, close - 1.3, close, 1_000_000 + (i * 17.5));
        }

        return BarSeries.FromBars(Symbol.Parse(symbol), interval ?? Interval.Daily, bars);
    }

    public static DateTime Day(int year, int month, int day) => new(year, month, day, 0, 0, 0, DateTimeKind.Utc);
}

using System.Globalization;
using Trading.Domain;
using Trading.Server.Hosting;

namespace Trading.Server.Data;

/// <summary>The bars one request may read in all (<c>Server:MaxBarsPerRequest</c>): the range check bounds each
/// symbol, this bounds their sum, so a batch of 100 symbols holding a million bars each is refused after the first
/// ones rather than read whole (20 such answered 500, their buffer's size overflowing, and 100 took gigabytes).</summary>
internal sealed class BarBudget(int most)
{
    private long _taken;
    private readonly List<Symbol> _symbols = [];

    /// <summary>Counts <paramref name="series"/> in; false once the request holds more bars than it may.</summary>
    public bool Take(BarSeries series)
    {
        _taken += series.Count;
        _symbols.Add(series.Symbol);
        return _taken <= most;
    }

    /// <summary>The 400 for a request that went over, naming what it had read so far.</summary>
    public IResult Refusal(Interval interval)
    {
        var read = _symbols.Count <= 3 ? string.Join(", ", _symbols) : $"{_symbols[0]} to {_symbols[^1]} ({_symbols.Count} symbols)";
        return ApiProblem.Field(
            StatusCodes.Status400BadRequest,
            "symbols",
            string.Create(CultureInfo.InvariantCulture, $"{read} alone hold {_taken:N0} {interval} bars in this range, more than the {most:N0} one request may read (Server:MaxBarsPerRequest, all symbols together); ask for fewer symbols or a narrower start_date and end_date"));
    }
}

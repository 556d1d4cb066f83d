using System.Globalization;
using Trading.Domain;
using Trading.Indicators;

namespace Trading.Strategies.Momentum;

/// <summary>Whether the market allows new buys: the index closes above its moving average (bullish), below or on it
/// (bearish), has too little history to say (unknown: no new buys, to be safe), or no index was given (off: the
/// filter does not apply, and <see cref="Description"/> says so).</summary>
public sealed record MarketRegime(Symbol? Index, MarketRegimeState State, double IndexClose, double Average, string Description)
{
    /// <summary>True when new positions may be opened.</summary>
    public bool AllowsNewBuys => State is MarketRegimeState.Off or MarketRegimeState.Bullish;

    /// <summary>The regime filter switched off (no index given).</summary>
    public static MarketRegime Off { get; } = new(
        null,
        MarketRegimeState.Off,
        double.NaN,
        double.NaN,
        "regime filter off: no market index given, so new buys are allowed whatever the market does");

    /// <summary>The regime on the last bar of <paramref name="index"/> (bars up to the decision time only).</summary>
    public static MarketRegime Of(BarSeries index, int period)
    {
        ArgumentNullException.ThrowIfNull(index);
        var name = index.Symbol.Value;
        if (index.Count < period)
        {
            return new MarketRegime(
                index.Symbol,
                MarketRegimeState.Unknown,
                index.IsEmpty ? double.NaN : index.Close[^1],
                double.NaN,
                $"regime unknown: {name} has {index.Count} bars, its {period}-bar average needs {period}; no new buys");
        }

        var closes = index.Close;
        var average = new Sma(period);
        for (var i = closes.Length - period; i < closes.Length; i++)
        {
            average.Update(closes[i]);
        }

        var close = closes[^1];
        var bullish = PriceComparison.IsAbove(close, average.Value);
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"{name} closed at {close:0.##} {(bullish ? "above" : "at or below")} its {period}-bar average {average.Value:0.##}");
        return new MarketRegime(
            index.Symbol,
            bullish ? MarketRegimeState.Bullish : MarketRegimeState.Bearish,
            close,
            average.Value,
            bullish ? $"bullish: {text}" : $"bearish: {text}; no new buys");
    }
}

/// <summary>See <see cref="MarketRegime"/>.</summary>
public enum MarketRegimeState
{
    Off,
    Bullish,
    Bearish,
    Unknown,
}

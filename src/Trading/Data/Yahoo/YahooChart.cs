using Trading.Domain;

namespace Trading.Data.Yahoo;

/// <summary>One parsed v8 chart answer: bars, Yahoo's adjusted close, splits and dividends, and the rows dropped.</summary>
/// <remarks>
/// As parsed, prices, volumes and dividend amounts are the way Yahoo sends them: adjusted for every split up to the
/// day of the request. <see cref="AsTraded"/> undoes that. <see cref="AdjustedClose"/> is Yahoo's split-and-dividend
/// adjusted close, index-aligned with <see cref="Bars"/>, kept for comparison only: the domain series has no such
/// column because the ledger applies splits and dividends itself.
/// </remarks>
public sealed class YahooChart
{
    internal YahooChart(
        BarSeries bars,
        ReadOnlyMemory<double> adjustedClose,
        IReadOnlyList<CorporateAction> actions,
        IReadOnlyList<DateTime> skippedTimes,
        string? currency,
        string? exchangeTimeZone,
        ExchangeClock exchange,
        IReadOnlyList<DroppedBar>? droppedBars = null)
    {
        if (adjustedClose.Length != bars.Count)
        {
            throw new ArgumentException(
                $"The adjusted close has {adjustedClose.Length} values for {bars.Count} bars.", nameof(adjustedClose));
        }

        Bars = bars;
        AdjustedClose = adjustedClose;
        Actions = actions;
        SkippedTimes = skippedTimes;
        Currency = currency;
        ExchangeTimeZone = exchangeTimeZone;
        Exchange = exchange;
        DroppedBars = droppedBars ?? [];
    }

    public Symbol Symbol => Bars.Symbol;

    public Interval Interval => Bars.Interval;

    public BarSeries Bars { get; }

    /// <summary>Yahoo's adjusted close per bar (NaN where Yahoo sent none, as for intraday bars).</summary>
    public ReadOnlyMemory<double> AdjustedClose { get; }

    /// <summary>Splits and cash dividends by ex-date.</summary>
    public IReadOnlyList<CorporateAction> Actions { get; }

    /// <summary>How many rows Yahoo sent with a null price (halted or missing bars); they are not in <see cref="Bars"/>.</summary>
    public int SkippedNullBars => SkippedTimes.Count;

    /// <summary>The stamps of the rows left out for a null price, as they would have been stamped.</summary>
    public IReadOnlyList<DateTime> SkippedTimes { get; }

    /// <summary>Bars left out because they break the bar rule (see <see cref="WithoutInvalidBars"/>), by time.</summary>
    public IReadOnlyList<DroppedBar> DroppedBars { get; }

    /// <summary>The price currency, "USD".</summary>
    public string? Currency { get; }

    /// <summary>The exchange's IANA time zone, "America/New_York".</summary>
    public string? ExchangeTimeZone { get; }

    internal ExchangeClock Exchange { get; }

    public MarketDataBatch ToBatch() => new([Bars], Actions);

    /// <summary>The same chart with prices as traded on each day: Yahoo's split adjustment undone.</summary>
    /// <remarks>
    /// Our stored bars are prices as traded and the ledger applies splits as corporate actions (quantity times the
    /// ratio, price divided by it). Yahoo instead divides every price before a split by its ratio, and multiplies the
    /// volume, for all splits up to today, so the series it sends depends on the day it was asked. Undoing that needs
    /// every split after each bar, hence the caller must have asked for events up to now. A bar's factor is the
    /// product of the ratios of the splits whose ex-date is strictly after the bar's session date (on the ex-date
    /// itself the stock already trades split). Dividend amounts are split-adjusted the same way and are undone the
    /// same way. Yahoo's adjusted close is left as sent.
    /// </remarks>
    public YahooChart AsTraded()
    {
        var splits = Actions.Where(a => a.Kind == CorporateActionKind.Split).OrderBy(a => a.ExDate).ToArray();
        if (splits.Length == 0)
        {
            return this;
        }

        var n = Bars.Count;
        var time = Bars.Time.ToArray();
        var open = new double[n];
        var high = new double[n];
        var low = new double[n];
        var close = new double[n];
        var volume = new double[n];
        var next = splits.Length - 1;
        var factor = 1.0;
        for (var i = n - 1; i >= 0; i--)
        {
            var session = SessionDate(time[i]);
            while (next >= 0 && splits[next].ExDate > session)
            {
                factor *= (double)splits[next].Value;
                next--;
            }

            open[i] = Bars.Open[i] * factor;
            high[i] = Bars.High[i] * factor;
            low[i] = Bars.Low[i] * factor;
            close[i] = Bars.Close[i] * factor;

            // Shares change hands whole; rounding removes the residue of Yahoo's multiplication and our division.
            volume[i] = factor == 1.0 ? Bars.Volume[i] : Math.Round(Bars.Volume[i] / factor);
        }

        var actions = new List<CorporateAction>(Actions.Count);
        foreach (var action in Actions)
        {
            if (action.Kind != CorporateActionKind.CashDividend)
            {
                actions.Add(action);
                continue;
            }

            var dividendFactor = 1m;
            foreach (var split in splits)
            {
                if (split.ExDate > action.ExDate)
                {
                    dividendFactor *= split.Value;
                }
            }

            actions.Add(CorporateAction.CashDividend(action.Symbol, action.ExDate, action.Value * dividendFactor));
        }

        var bars = new BarSeries(Symbol, Interval, time, open, high, low, close, volume);
        return new YahooChart(bars, AdjustedClose, actions, SkippedTimes, Currency, ExchangeTimeZone, Exchange, DroppedBars);
    }

    /// <summary>The same chart without the bars that break the <see cref="BarRule"/>, each listed in
    /// <see cref="DroppedBars"/>.</summary>
    /// <remarks>Dropped and counted rather than failing the symbol: Yahoo's bar of a session still trading can carry
    /// an open outside its range so far (28 of 489 S&amp;P 500 histories fetched mid-session did), and one bad bar
    /// should not make a symbol's whole history unavailable. Check the prices as stored: after <see cref="AsTraded"/>.</remarks>
    public YahooChart WithoutInvalidBars()
    {
        if (BarRule.FirstProblem(Bars) is null)
        {
            return this;
        }

        var dropped = new List<DroppedBar>(DroppedBars);
        var kept = new BarSeriesBuilder(Bars.Count);
        var adjusted = new List<double>(Bars.Count);
        var close = AdjustedClose.Span;
        for (var i = 0; i < Bars.Count; i++)
        {
            var bar = Bars[i];
            if (bar.Problem() is { } problem)
            {
                dropped.Add(new DroppedBar(bar.Time, problem));
                continue;
            }

            kept.Add(bar);
            adjusted.Add(close[i]);
        }

        return new YahooChart(kept.ToSeries(Symbol, Interval), adjusted.ToArray(), Actions, SkippedTimes, Currency, ExchangeTimeZone, Exchange, dropped);
    }

    /// <summary>The bars stamped within [from, to] and the actions with ex-dates on those days, both inclusive.</summary>
    public YahooChart Within(DateTime from, DateTime to)
    {
        var start = Bars.IndexAtOrBefore(from.AddTicks(-1)) + 1;
        var end = Bars.IndexAtOrBefore(to) + 1;
        var count = Math.Max(0, end - start);
        var firstDay = DateOnly.FromDateTime(from);
        var lastDay = DateOnly.FromDateTime(to);
        var actions = Actions.Where(a => a.ExDate >= firstDay && a.ExDate <= lastDay).ToArray();
        return new YahooChart(
            Bars.Slice(start, count),
            AdjustedClose.Slice(start, count),
            actions,
            SkippedTimes.Where(t => t >= from && t <= to).ToArray(),
            Currency,
            ExchangeTimeZone,
            Exchange,
            [.. DroppedBars.Where(d => d.Time >= from && d.Time <= to)]);
    }

    /// <summary>The exchange-local trading day of a bar: the stamp itself for daily bars, converted for intraday ones.</summary>
    private DateOnly SessionDate(DateTime barTime) =>
        Interval.IsIntraday ? Exchange.SessionDate(barTime) : DateOnly.FromDateTime(barTime);
}

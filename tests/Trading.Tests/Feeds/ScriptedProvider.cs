using Trading.Data;
using Trading.Domain;

namespace Trading.Tests.Feeds;

/// <summary>A provider whose bars a test publishes as time goes on, and which fails when told to.</summary>
/// <remarks>Like Yahoo it answers bars stamped within [from, to] that it has at the clock's time, the live bar of
/// the current period included; a symbol it has never had is "no data". <see cref="IgnoresFrom"/> makes it send
/// everything it has each time, as a careless provider would.</remarks>
internal sealed class ScriptedProvider(TimeProvider clock) : IMarketDataProvider
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Symbol, SortedDictionary<DateTime, Bar>> _bars = [];
    private readonly List<(Symbol Symbol, DateTime From, DateTime To, DateTimeOffset At)> _requests = [];

    public string Name => "Scripted";

    /// <summary>When set, a fetch of a symbol for which it returns an exception throws that exception.</summary>
    public Func<Symbol, Exception?>? Failure { get; set; }

    /// <summary>When set, fetches wait for it (and honour cancellation meanwhile).</summary>
    public Task? Gate { get; set; }

    public bool IgnoresFrom { get; set; }

    public IReadOnlyList<(Symbol Symbol, DateTime From, DateTime To, DateTimeOffset At)> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Makes bars available from now on (replacing one with the same time, as a live bar is revised).</summary>
    public void Publish(string symbol, params Bar[] bars)
    {
        lock (_lock)
        {
            var key = Symbol.Parse(symbol);
            if (!_bars.TryGetValue(key, out var series))
            {
                _bars[key] = series = [];
            }

            foreach (var bar in bars)
            {
                series[bar.Time] = bar;
            }
        }
    }

    public async Task<MarketDataBatch> FetchAsync(Symbol symbol, Interval interval, DateTime from, DateTime to, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            _requests.Add((symbol, from, to, clock.GetUtcNow()));
        }

        if (Gate is { } gate)
        {
            await gate.WaitAsync(cancellationToken);
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (Failure?.Invoke(symbol) is { } failure)
        {
            throw failure;
        }

        lock (_lock)
        {
            if (!_bars.TryGetValue(symbol, out var series))
            {
                throw new MarketDataUnavailableException($"Scripted has no data for {symbol}") { IsNoData = true };
            }

            var bars = series.Values.Where(b => (IgnoresFrom || b.Time >= from) && b.Time <= to);
            return new MarketDataBatch([BarSeries.FromBars(symbol, interval, bars)], []);
        }
    }

    /// <summary>A bar that keeps the bar rule, priced around <paramref name="close"/>.</summary>
    public static Bar Bar(DateTime time, double close = 100) => new(time, close, close + 1, close - 1, close, 1_000);
}

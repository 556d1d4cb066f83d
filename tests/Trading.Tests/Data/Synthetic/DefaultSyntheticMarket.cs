using Trading.Data;
using Trading.Data.Synthetic;
using Trading.Domain;

namespace Trading.Tests.Data.Synthetic;

/// <summary>The default 50-stock, 25-year market, generated once for the statistical tests, with its returns.</summary>
public sealed class DefaultSyntheticMarket
{
    public DefaultSyntheticMarket()
    {
        Market = SyntheticMarket.Generate(new SyntheticMarketOptions());
        Stocks = Market.Series.Where(s => s.Symbol != SyntheticMarket.IndexSymbol).ToArray();
        Index = Market.Series.Single(s => s.Symbol == SyntheticMarket.IndexSymbol);
        IndexReturns = TotalReturns(Index, []);
        StockReturns = Stocks.ToDictionary(s => s.Symbol, s => TotalReturns(s, ActionsOf(s.Symbol)));
    }

    public MarketDataBatch Market { get; }

    public IReadOnlyList<BarSeries> Stocks { get; }

    public BarSeries Index { get; }

    /// <summary>Daily log returns of the index, from close to close; element d - 1 is day d's.</summary>
    public double[] IndexReturns { get; }

    /// <summary>Daily log total returns of each stock: split-adjusted, dividends added back.</summary>
    public IReadOnlyDictionary<Symbol, double[]> StockReturns { get; }

    public IReadOnlyList<CorporateAction> ActionsOf(Symbol symbol) => Market.Actions.Where(a => a.Symbol == symbol).ToArray();

    /// <summary>Close-to-close log returns with the day's split ratio and dividend undone, as a holder experiences them.</summary>
    public static double[] TotalReturns(BarSeries series, IReadOnlyList<CorporateAction> actions)
    {
        var returns = new double[series.Count - 1];
        for (var i = 1; i < series.Count; i++)
        {
            var (ratio, dividend) = On(actions, DateOnly.FromDateTime(series.Time[i]));
            returns[i - 1] = Math.Log((series.Close[i] + dividend) * ratio / series.Close[i - 1]);
        }

        return returns;
    }

    /// <summary>The split ratio (1 if none) and the dividend (0 if none) going ex on a date.</summary>
    public static (double Ratio, double Dividend) On(IReadOnlyList<CorporateAction> actions, DateOnly date)
    {
        double ratio = 1, dividend = 0;
        foreach (var action in actions)
        {
            if (action.ExDate == date)
            {
                if (action.Kind == CorporateActionKind.Split)
                {
                    ratio = (double)action.Value;
                }
                else
                {
                    dividend = (double)action.Value;
                }
            }
        }

        return (ratio, dividend);
    }
}

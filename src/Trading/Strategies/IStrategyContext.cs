using Trading.Accounting;
using Trading.Domain;
using Trading.Execution;
using Trading.Portfolio;

namespace Trading.Strategies;

/// <summary>What a strategy may see and do at the current time: bars up to now (never later), its account, and orders.</summary>
/// <remarks>Symbols are addressed by their index in <see cref="Symbols"/> so the per-bar path needs no lookups.</remarks>
public interface IStrategyContext
{
    /// <summary>The time of the current bar (UTC).</summary>
    DateTime Time { get; }

    /// <summary>The universe, in a fixed order; a symbol's index never changes during a run.</summary>
    IReadOnlyList<Symbol> Symbols { get; }

    /// <summary>The index of <paramref name="symbol"/> in <see cref="Symbols"/>, or -1.</summary>
    int IndexOf(Symbol symbol);

    /// <summary>How many bars of <paramref name="symbol"/> have been seen up to and including now.</summary>
    int BarCount(int symbol);

    /// <summary>The bar of <paramref name="symbol"/> <paramref name="barsAgo"/> bars back (0 is the latest seen).</summary>
    Bar Bar(int symbol, int barsAgo = 0);

    /// <summary>The close of <paramref name="symbol"/> <paramref name="barsAgo"/> bars back: <c>Bar(symbol, barsAgo).Close</c>,
    /// which a context may answer from the close column alone (the per-bar path of most strategies).</summary>
    double Close(int symbol, int barsAgo = 0) => Bar(symbol, barsAgo).Close;

    /// <summary>An indicator output of <paramref name="symbol"/> at <paramref name="barsAgo"/> bars back, named as
    /// <c>trade indicators</c> names its columns: <c>sma(20)</c>, <c>rsi(14)</c>, <c>macd(12,26,9).signal</c>,
    /// <c>bbands(20,2).upper</c>. NaN while the indicator warms up. Computed on prices as traded, like <see cref="Close"/>.</summary>
    /// <exception cref="ArgumentException">The name is not a known indicator column; the message lists the valid ones.</exception>
    double Indicator(int symbol, string column, int barsAgo = 0)
    {
        var values = IndicatorColumn.Of(History(symbol), column);
        return values[values.Length - 1 - barsAgo];
    }

    /// <summary>The column <paramref name="column"/> of <paramref name="symbol"/> (named as in
    /// <see cref="Indicator(int, string, int)"/>), started again from the first bar after each split as a strategy that
    /// restarts its indicators on <see cref="IStrategy.OnSplit"/> streams it, computed once for the run's data and shared
    /// by every run over it (the trials of a search). Null when the run shares none (a plain backtest, a trading node,
    /// or the shared columns are full): the strategy then streams its own. Read it with
    /// <see cref="Indicator(SharedColumn, int)"/>.</summary>
    SharedColumn? SharedIndicator(int symbol, string column) => null;

    /// <summary>The value of a shared column <paramref name="barsAgo"/> bars back from the latest bar seen (never
    /// later); NaN while the indicator warms up.</summary>
    double Indicator(SharedColumn column, int barsAgo = 0)
    {
        ArgumentNullException.ThrowIfNull(column);
        var seen = BarCount(column.Symbol);
        ArgumentOutOfRangeException.ThrowIfNegative(barsAgo);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(barsAgo, seen);
        return column.Values[seen - 1 - barsAgo];
    }

    /// <summary>All bars of <paramref name="symbol"/> up to and including now, as a view (no copy).</summary>
    BarSeries History(int symbol);

    /// <summary>The last <paramref name="bars"/> bars of <paramref name="symbol"/> up to and including now (all of
    /// them when there are fewer), as a view: <c>History(symbol).Window(bars)</c> in one step.</summary>
    BarSeries History(int symbol, int bars) => History(symbol).Window(bars);

    /// <summary>The market index (for a regime filter), bars up to now only; null when the run has none. It is
    /// read, never traded.</summary>
    BarSeries? MarketIndex => null;

    /// <summary>The exchange calendar of the run's market, for schedules ("every Wednesday, or the next trading day").</summary>
    TradingCalendar Calendar => NyseCalendar.Instance;

    /// <summary>Cash in the account.</summary>
    decimal Cash { get; }

    /// <summary>Cash plus the market value of all positions at the latest prices.</summary>
    decimal Equity { get; }

    /// <summary><see cref="Equity"/> in doubles with a bound on its error: what a context can answer without
    /// valuing every position in decimals, for decisions that only need to know where equity lies.</summary>
    ApproximateEquity ApproximateEquity => ApproximateEquity.Of(Equity);

    /// <summary>Shares held of <paramref name="symbol"/>: positive long, negative short, zero flat.</summary>
    decimal Position(int symbol);

    /// <summary>Orders of <paramref name="symbol"/> that can still fill.</summary>
    IReadOnlyList<OrderTicket> WorkingOrders(int symbol);

    /// <summary>How many orders of <paramref name="symbol"/> can still fill: <c>WorkingOrders(symbol).Count</c>,
    /// which a context may answer without making the list.</summary>
    int WorkingOrderCount(int symbol) => WorkingOrders(symbol).Count;

    /// <summary>The account as portfolio construction sees it (<see cref="DesiredPortfolio.Build"/>): equity, cash and
    /// the shares held of every symbol; <paramref name="drawdown"/> is how far equity is below the peak the strategy
    /// tracks (0.2 is twenty percent down), for <see cref="RiskRules.DrawdownLimitForBuys"/>.</summary>
    PortfolioState PortfolioState(double drawdown = 0)
    {
        var holdings = new Dictionary<Symbol, decimal>();
        for (var s = 0; s < Symbols.Count; s++)
        {
            var quantity = Position(s);
            if (quantity != 0)
            {
                holdings[Symbols[s]] = quantity;
            }
        }

        return new PortfolioState(Equity, Cash, holdings, drawdown);
    }

    OrderTicket Submit(OrderRequest order);

    /// <summary>An entry with a take-profit limit and a stop-loss that are placed once the entry fills and cancel
    /// each other.</summary>
    Bracket SubmitBracket(OrderRequest entry, decimal takeProfit, decimal stopLoss);

    /// <summary>Two orders of which the first to fill cancels the other.</summary>
    (OrderTicket First, OrderTicket Second) SubmitOneCancelsOther(OrderRequest first, OrderRequest second);

    bool Cancel(long orderId);

    OrderTicket Replace(long orderId, OrderChange change);

    /// <summary>Notes a warning for the run's results (not on the hot path).</summary>
    void Warn(string message);

    /// <summary>Keeps a reconciled rebalance (desired versus actual) in the run's results.</summary>
    void Record(RebalanceRecord rebalance)
    {
    }
}

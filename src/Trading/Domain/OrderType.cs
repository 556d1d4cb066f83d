namespace Trading.Domain;

/// <summary>How an order meets the market. The fill rules on OHLC bars are documented on the fill model.</summary>
public enum OrderType
{
    /// <summary>At the next bar's open.</summary>
    Market = 0,

    /// <summary>At the limit or better, when the bar's range reaches it.</summary>
    Limit = 1,

    /// <summary>Becomes a market order when the bar's range reaches the stop.</summary>
    Stop = 2,

    /// <summary>Becomes a limit order when the bar's range reaches the stop.</summary>
    StopLimit = 3,

    /// <summary>A stop that follows the best price since submission by an amount or a percentage.</summary>
    TrailingStop = 4,

    /// <summary>At the open of the next session.</summary>
    MarketOnOpen = 5,

    /// <summary>At the close of the next bar (or of the deciding bar when same-bar fills are switched on).</summary>
    MarketOnClose = 6,
}

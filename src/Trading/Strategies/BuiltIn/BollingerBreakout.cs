using Trading.Indicators;

namespace Trading.Strategies.BuiltIn;

/// <summary>bollinger_breakout: buys when the close breaks above the upper Bollinger band and exits when the close
/// falls back below the middle band (the SMA).</summary>
/// <remarks>
/// The bands at a bar include that bar's close (TA-Lib BBANDS), so "breaks above" means the close is above the band
/// it helped to set. Entry: close strictly above the upper band while flat with no order working. Exit: close
/// strictly below the middle band while long. Between the two (above the middle, below the upper) nothing happens.
/// Above and below are by more than rounding noise (<see cref="PriceComparison"/>): a close equal to the middle band
/// in decimal arithmetic (the mean of cent prices often is a cent price) is not below it, whatever the last bit of the
/// double says.
/// </remarks>
public sealed class BollingerBreakout : LongOnlyStrategy
{
    public const string Name = "bollinger_breakout";

    private readonly int _period;
    private readonly double _deviations;
    private BollingerBands[] _bands = [];

    public BollingerBreakout(StrategyParameters parameters)
        : base(PositionSizing.From(parameters))
    {
        _period = parameters.GetInt("period");
        _deviations = (double)parameters.GetDecimal("stddev");
    }

    public static StrategyDefinition Definition { get; } = new(
        Name,
        "Buys when the close breaks above the upper Bollinger band; exits when it falls back below the middle band.",
        [
            StrategyParameter.Integer("period", 20, 2, 1000, "Bars in the moving average and standard deviation of the close"),
            StrategyParameter.Decimal("stddev", 2m, 0.1m, 10m, "Width of the bands in population standard deviations"),
            PositionSizing.QuantityParameter,
            PositionSizing.AllocationParameter,
        ],
        p => new BollingerBreakout(p),
        PositionSizing.Rules);

    protected override void CreateState(IStrategyContext context, int symbolCount)
    {
        _bands = new BollingerBands[symbolCount];
        for (var i = 0; i < symbolCount; i++)
        {
            _bands[i] = new BollingerBands(_period, _deviations);
        }
    }

    protected override void Restart(int symbol) => _bands[symbol] = new BollingerBands(_period, _deviations);

    public override void OnBar(IStrategyContext context, int symbol)
    {
        var close = context.Close(symbol);
        var bands = _bands[symbol];
        bands.Update(close);
        if (!bands.IsReady)
        {
            return;
        }

        if (context.Position(symbol) > 0)
        {
            if (PriceComparison.IsBelow(close, bands.Middle))
            {
                Exit(context, symbol);
            }
        }
        else if (PriceComparison.IsAbove(close, bands.Upper) && context.WorkingOrders(symbol).Count == 0)
        {
            Enter(context, symbol);
        }
    }
}

namespace Trading.Strategies.BuiltIn;

/// <summary>buy_and_hold: buys each symbol at the first bar it sees and holds it to the end; the benchmark every
/// other strategy has to beat.</summary>
/// <remarks>A buy that comes to nothing (rejected for cash, or sized at zero shares) is tried again at the next bar
/// while the symbol is flat with nothing working; once a position exists the strategy never trades that symbol again.</remarks>
public sealed class BuyAndHold : LongOnlyStrategy
{
    public const string Name = "buy_and_hold";

    private bool[] _holding = [];

    public BuyAndHold(StrategyParameters parameters)
        : base(PositionSizing.From(parameters))
    {
    }

    public static StrategyDefinition Definition { get; } = new(
        Name,
        "Buys every symbol at its first bar (market, filled at the next open) and holds it to the end.",
        [PositionSizing.QuantityParameter, PositionSizing.AllocationParameter],
        p => new BuyAndHold(p),
        PositionSizing.Rules);

    protected override void CreateState(IStrategyContext context, int symbolCount) => _holding = new bool[symbolCount];

    public override void OnBar(IStrategyContext context, int symbol)
    {
        if (_holding[symbol])
        {
            return;
        }

        if (context.Position(symbol) > 0)
        {
            _holding[symbol] = true;
            return;
        }

        if (context.WorkingOrderCount(symbol) == 0)
        {
            Enter(context, symbol);
        }
    }
}

using Trading.Strategies;

namespace Trading.Nodes;

/// <summary>The strategy of a node a person trades by hand (the paper account): it decides nothing; the orders come
/// as commands.</summary>
internal sealed class ManualOrders : IStrategy
{
    public void Initialize(IStrategyContext context)
    {
    }

    public void OnBar(IStrategyContext context, int symbol)
    {
    }
}

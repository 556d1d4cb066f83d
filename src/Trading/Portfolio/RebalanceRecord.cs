using Trading.Domain;

namespace Trading.Portfolio;

/// <summary>One rebalance, reconciled: when it was decided, equity then, the notes of the risk rules and the regime,
/// and desired versus actual for every symbol it touched.</summary>
public sealed record RebalanceRecord(DateTime Time, decimal Equity, IReadOnlyList<string> Notes, IReadOnlyList<ReconciliationLine> Lines)
{
    /// <summary>Lines that did not end at their desired size.</summary>
    public int Shortfalls => Lines.Count(l => l.Shortfall != 0);

    /// <summary>Reconciles <paramref name="plan"/> with what the venue did with its orders.</summary>
    /// <param name="outcomes">The outcome of each planned order, by symbol (one order per symbol and rebalance).</param>
    /// <param name="after">Shares held once every order of the rebalance is done.</param>
    /// <param name="reasons">Why the strategy wanted a symbol out (a SELL's reason), by symbol; may be empty.</param>
    public static RebalanceRecord Reconcile(
        DateTime time,
        decimal equity,
        IReadOnlyList<string> notes,
        RebalancePlan plan,
        IReadOnlyDictionary<Symbol, OrderOutcome> outcomes,
        Func<Symbol, decimal> after,
        IReadOnlyDictionary<Symbol, string> reasons)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(reasons);
        var lines = new List<ReconciliationLine>(plan.Trades.Count);
        foreach (var trade in plan.Trades)
        {
            var sign = trade.Quantity < 0 ? -1m : 1m;
            var held = after(trade.Symbol);
            reasons.TryGetValue(trade.Symbol, out var why);
            if (trade.Quantity == 0)
            {
                lines.Add(new ReconciliationLine(trade.Symbol, trade.Current, trade.Desired, 0m, 0m, held, trade.Skipped ? ReconciliationOutcome.Skipped : ReconciliationOutcome.Unchanged, trade.Note ?? why));
                continue;
            }

            if (!outcomes.TryGetValue(trade.Symbol, out var outcome))
            {
                lines.Add(new ReconciliationLine(trade.Symbol, trade.Current, trade.Desired, trade.Quantity, 0m, held, ReconciliationOutcome.Unfilled, "the order was never placed"));
                continue;
            }

            var filled = sign * outcome.Filled;
            var (result, reason) = outcome.Status switch
            {
                OrderStatus.Rejected => (ReconciliationOutcome.Rejected, outcome.Reason),
                _ when outcome.Filled >= Math.Abs(trade.Quantity) => (ReconciliationOutcome.Filled, null),
                _ when outcome.Filled > 0 => (ReconciliationOutcome.PartiallyFilled, outcome.Reason ?? $"{outcome.Status}"),
                _ => (ReconciliationOutcome.Unfilled, outcome.Reason ?? $"{outcome.Status}"),
            };
            lines.Add(new ReconciliationLine(
                trade.Symbol,
                trade.Current,
                trade.Desired,
                trade.Quantity,
                filled,
                held,
                result,
                Join(trade.Note, reason) ?? why));
        }

        return new RebalanceRecord(time, equity, notes, lines);
    }

    private static string? Join(string? first, string? second) =>
        first is null ? second : second is null ? first : $"{first}; {second}";
}

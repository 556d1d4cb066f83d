using Trading.Portfolio;

namespace Trading.Tests.Strategies.Momentum;

/// <summary>The drawdown rule halts new buys, and with a window the halt ends once the account has stopped falling;
/// measured from the all-time peak, an account that went to cash would never buy again.</summary>
public sealed class MomentumDrawdownHaltTests(MomentumSyntheticRun run) : IClassFixture<MomentumSyntheticRun>
{
    [Fact]
    public void A_halt_measured_over_a_window_ends_and_buying_resumes()
    {
        var windowed = run.Run(values: new() { ["buy_drawdown_limit"] = "0.02", ["drawdown_window"] = "21" });
        var forever = run.Run(values: new() { ["buy_drawdown_limit"] = "0.02", ["drawdown_window"] = "0" });

        static bool Halted(RebalanceRecord r) => r.Notes.Any(n => n.Contains("no new buys", StringComparison.Ordinal));
        static bool Bought(RebalanceRecord r) => r.Lines.Any(l => l.Before == 0 && l.Filled > 0);

        var firstHalt = windowed.Rebalances.ToList().FindIndex(Halted);
        Assert.True(firstHalt >= 0, "a 2% limit is reached in five years");
        Assert.Contains(windowed.Rebalances.Skip(firstHalt + 1), r => !Halted(r) && Bought(r));

        // From the all-time peak: once halted, every later rebalance of an account that cannot climb back is halted too.
        var firstForever = forever.Rebalances.ToList().FindIndex(Halted);
        Assert.True(firstForever >= 0);
        Assert.True(forever.Rebalances.Skip(firstForever).Count(r => !Halted(r)) < windowed.Rebalances.Skip(firstHalt).Count(r => !Halted(r)));
    }
}

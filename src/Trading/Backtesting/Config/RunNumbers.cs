namespace Trading.Backtesting.Config;

/// <summary>The rules of a run's numbers outside the cost models, shared by the command line, the HTTP backtest
/// request and the run config, so each refuses the same values in the same words.</summary>
public static class RunNumbers
{
    /// <summary>The largest amount of money a run takes: far below where sizing arithmetic could overflow.</summary>
    public const decimal MaxAmount = 1_000_000_000_000m;

    public static ModelNumber InitialCash { get; } = new("initial_cash", "Initial cash.") { Above = 0, AtMost = MaxAmount, Default = 100_000m };

    /// <summary>The shorthand for a percent commission without minimum.</summary>
    public static ModelNumber CommissionRate { get; } = CommissionModels.Percent.Numbers[0] with { Name = "commission_rate", Description = "Shorthand for a percent commission: a fraction of each fill's value." };

    /// <summary>The shorthand for basis-point slippage.</summary>
    public static ModelNumber SlippageBps { get; } = SlippageModels.BasisPoints.Numbers[0] with { Name = "slippage_bps", Description = "Shorthand for basis-point slippage." };

    public static ModelNumber MaxVolumeParticipation { get; } = new("max_volume_participation", "The largest fraction of a bar's volume one order may take on that bar, in whole shares; the rest stays working. Absent or null: no cap.") { Above = 0, AtMost = 1, Optional = true, Example = "0.1 is 10%" };

    /// <summary>A margin account's cap on gross exposure over equity.</summary>
    public static ModelNumber Leverage { get; } = new("leverage", "Margin accounts: the most gross exposure over equity (a cash account's is 1).") { Above = 0, AtMost = 100, Default = 2m, Example = "1 is no borrowing, 2 is twice equity" };

    public static ModelNumber RiskFree { get; } = new("risk_free", "Annual risk-free rate for Sharpe, Sortino and alpha.") { Above = -1, AtMost = 1, Default = 0, Example = "0.02 is 2%" };
}

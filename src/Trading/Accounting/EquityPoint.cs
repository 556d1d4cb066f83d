namespace Trading.Accounting;

/// <summary>The account at one time of the clock: equity = cash + market value of the positions (short positions
/// count negative); gross exposure is the sum of absolute position values.</summary>
public readonly record struct EquityPoint(DateTime Time, double Equity, double Cash, double GrossExposure);

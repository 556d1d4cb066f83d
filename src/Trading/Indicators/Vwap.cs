using Trading.Domain;

namespace Trading.Indicators;

/// <summary>Volume-weighted average of the typical price (high + low + close) / 3, in one of two forms a trader
/// expects: anchored to the session (the intraday VWAP on every trading screen) or over a rolling window of bars.</summary>
/// <remarks>
/// Session form (<c>vwap</c>, period 0): accumulates from the first bar of each UTC calendar day and restarts on the
/// next day; a US equity session (13:30–20:00 UTC) never crosses midnight UTC. On daily bars each bar is its own
/// session, so the value is that bar's typical price; use the rolling form there. Lookback 0.
/// Rolling form (<c>vwap(n)</c>): Σ typical × volume / Σ volume over the last n bars. Lookback n − 1.
/// With no volume in the window (or session so far) the VWAP is the latest typical price rather than 0/0.
/// </remarks>
public sealed class Vwap : IIndicator
{
    private RollingSum _flow;
    private RollingSum _volume;
    private CompensatedSum _sessionFlow;
    private CompensatedSum _sessionVolume;
    private DateTime _sessionDate = DateTime.MinValue;

    /// <param name="period">0 for the session VWAP, otherwise the rolling window in bars.</param>
    public Vwap(int period = 0)
    {
        Period = ParameterRange.Require(period, 0, ParameterRange.MaxPeriod, nameof(period));
        if (period > 0)
        {
            _flow = new RollingSum(period);
            _volume = new RollingSum(period);
        }
    }

    /// <summary>0 for the session-anchored VWAP, otherwise the rolling window in bars.</summary>
    public int Period { get; }

    public bool IsSessionAnchored => Period == 0;

    public int Lookback => Period == 0 ? 0 : Period - 1;

    public bool IsReady => !double.IsNaN(Value);

    public double Value { get; private set; } = double.NaN;

    public void Update(in Bar bar)
    {
        var typical = (bar.High + bar.Low + bar.Close) / 3.0;
        if (Period == 0)
        {
            var date = bar.Time.Date;
            if (date != _sessionDate)
            {
                _sessionDate = date;
                _sessionFlow.Reset();
                _sessionVolume.Reset();
            }

            _sessionFlow.Add(typical * bar.Volume);
            _sessionVolume.Add(bar.Volume);
            var volume = _sessionVolume.Value;
            Value = volume > 0 ? _sessionFlow.Value / volume : typical;
            return;
        }

        _flow.Push(typical * bar.Volume);
        _volume.Push(bar.Volume);
        if (_flow.IsFull)
        {
            var volume = _volume.Sum;
            Value = volume > 0 ? _flow.Sum / volume : typical;
        }
    }

    public static double[] Compute(BarSeries bars, int period = 0)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var vwap = new Vwap(period);
        var output = new double[bars.Count];
        for (var i = 0; i < output.Length; i++)
        {
            vwap.Update(bars[i]);
            output[i] = vwap.Value;
        }

        return output;
    }
}

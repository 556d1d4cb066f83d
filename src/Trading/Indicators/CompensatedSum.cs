namespace Trading.Indicators;

/// <summary>A running total kept to within a few ulps of the exact sum (Kahan–Babuška), so that the millions of
/// additions and subtractions of a rolling window do not drift away from the reference values.</summary>
internal struct CompensatedSum
{
    private double _sum;
    private double _compensation;

    public readonly double Value => _sum + _compensation;

    public void Add(double value)
    {
        var total = _sum + value;
        var bigPart = total - _sum;
        _compensation += (_sum - (total - bigPart)) + (value - bigPart);
        _sum = total;
    }

    public void Reset()
    {
        _sum = 0;
        _compensation = 0;
    }
}

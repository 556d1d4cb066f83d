namespace Trading.Optimization;

/// <summary>One step of a walk-forward: the search runs over [<see cref="TrainStart"/>, <see cref="TrainEnd"/>) and
/// its best parameters over [<see cref="TestStart"/>, <see cref="TestEnd"/>) (ends excluded).</summary>
/// <param name="Number">1 for the first window.</param>
/// <param name="Partial">The test period runs past the data's last bar: the last window, kept with fewer bars.</param>
public sealed record WalkForwardWindow(int Number, DateTime TrainStart, DateTime TrainEnd, DateTime TestStart, DateTime TestEnd, bool Partial)
{
    /// <summary>The windows over data from <paramref name="first"/> to <paramref name="last"/> (bar times, both
    /// included): train [t0, t0 + train), test [t0 + train, t0 + train + test), stepping by the test length; rolling
    /// moves t0 by the test length too, anchored keeps t0 at the first bar and lets the training grow. A last test
    /// period that runs past the data is kept (marked <see cref="Partial"/>): those bars are out of sample too.</summary>
    public static IReadOnlyList<WalkForwardWindow> Plan(DateTime first, DateTime last, WalkForwardPeriod train, WalkForwardPeriod test, bool anchored)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        var windows = new List<WalkForwardWindow>();
        for (var step = 0; ; step++)
        {
            // Months counted from the first bar each time, so a 31st never drifts to the 28th.
            var testStart = first.AddMonths(train.Months + (step * test.Months));
            if (testStart > last)
            {
                return windows;
            }

            var trainStart = anchored ? first : first.AddMonths(step * test.Months);
            var testEnd = first.AddMonths(train.Months + ((step + 1) * test.Months));
            windows.Add(new WalkForwardWindow(step + 1, trainStart, testStart, testStart, testEnd, testEnd > last.AddTicks(1)));
        }
    }
}

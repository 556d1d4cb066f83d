namespace Trading.Optimization;

/// <summary>How far a walk-forward has got: the window being searched of all planned, its search's progress, and the
/// time since the start.</summary>
/// <param name="Window">1 for the first window.</param>
/// <param name="Search">The window's search so far; null before its first trial finishes.</param>
/// <param name="Finished">The window that has just finished, on the one report sent when it does; null on the
/// search's reports.</param>
public sealed record WalkForwardProgress(int Window, int Windows, SweepProgress? Search, WalkForwardStep? Finished, TimeSpan Elapsed)
{
    /// <summary>Windows done, counting the current one by the share of its search done (its test run is one more
    /// backtest, too short to count).</summary>
    public double WindowsDone => Finished is not null
        ? Window
        : Window - 1 + (Search is { Total: > 0 } search ? (double)search.Done / search.Total : 0);

    /// <summary>The time left at the pace so far, as if every window took as long (an anchored walk-forward's grow,
    /// so it guesses short); null before anything is done.</summary>
    public TimeSpan? Remaining => WindowsDone <= 0 ? null : Elapsed * ((Windows - WindowsDone) / WindowsDone);
}

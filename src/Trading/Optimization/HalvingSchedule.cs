using System.Globalization;
using Trading.Backtesting;

namespace Trading.Optimization;

/// <summary>The rungs of a successive-halving search (Jamieson and Talwalkar 2016) over one data set: each rung runs
/// its trials on a prefix of the data's bar times (anchored at the first bar), <see cref="Eta"/> times longer than the
/// rung before, the last on all of them; each keeps its best 1/<see cref="Eta"/> for the next.</summary>
/// <remarks>There are as many rungs as the candidates can be divided by eta (27 with eta 3: 27, 9, 3, 1) and as the
/// range allows while the first rung keeps <see cref="MinimumRungBars"/>: with fewer, the last rung ranks more than
/// one trial over the whole range (1,000 candidates over 5 years with eta 3: 1,000 on the first 20 months, 333 on all).</remarks>
public sealed record HalvingSchedule
{
    /// <summary>Keep a third of each rung: the value Jamieson and Talwalkar and Hyperband's authors use.</summary>
    public const int DefaultEta = 3;

    /// <summary>The shortest rung, in bar times: a year of daily bars (250 sessions, the fewest of a recent NYSE year),
    /// so that a 200-day average fills and then trades for a season, and the annualised ratios that rank a rung
    /// read a whole year's seasons rather than a quarter's luck.</summary>
    public const int MinimumRungBars = 250;

    private HalvingSchedule(int eta, int candidates, DateTime start, IReadOnlyList<HalvingRung> rungs, long wholeRangeBarEvents)
    {
        Eta = eta;
        Candidates = candidates;
        Start = start;
        Rungs = rungs;
        GridBarEvents = candidates * wholeRangeBarEvents;
    }

    /// <summary>The fraction of each rung's trials kept for the next is 1/eta, and each rung is eta times longer.</summary>
    public int Eta { get; }

    /// <summary>Trials of the first rung: the whole grid or a random sample of it.</summary>
    public int Candidates { get; }

    /// <summary>The data's first bar time: where every rung starts.</summary>
    public DateTime Start { get; }

    public IReadOnlyList<HalvingRung> Rungs { get; }

    /// <summary>Bar events the grid of every candidate over the whole range would take.</summary>
    public long GridBarEvents { get; }

    /// <summary>Bar events the search takes if it runs to its end.</summary>
    public long PlannedBarEvents => Rungs.Sum(r => r.PlannedBarEvents);

    /// <summary>Trials over all rungs.</summary>
    public int PlannedTrials => Rungs.Sum(r => r.Trials);

    /// <summary>The rungs of <paramref name="candidates"/> trials over <paramref name="input"/>.</summary>
    /// <exception cref="ArgumentException">One line: eta below 2, fewer candidates than eta, or a range too short for
    /// two rungs.</exception>
    public static HalvingSchedule Of(BacktestInput input, int candidates, int eta = DefaultEta, int minimumRungBars = MinimumRungBars)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minimumRungBars);
        Check(candidates, eta);
        var times = BarTimes(input);
        var needed = NeededBarTimes(eta, minimumRungBars);
        if (times.Length < needed)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"the range has {times.Length:N0} bar times; halving with eta {eta} needs at least {needed:N0}: its first rung is 1/{eta} of them and at least {minimumRungBars:N0} (a year of daily bars); give a longer range, a smaller eta, or run a grid"));
        }

        // Rungs while both the candidates and the range can be divided by eta once more.
        var count = 1;
        long divisor = eta;
        while (candidates / divisor >= 1 && times.Length / divisor >= minimumRungBars)
        {
            count++;
            divisor *= eta;
        }

        var rungs = new HalvingRung[count];
        var trials = candidates;
        var shrink = divisor / eta;
        for (var k = 0; k < count; k++)
        {
            var length = (int)((times.Length + shrink - 1) / shrink);
            var end = times[length - 1];
            rungs[k] = new HalvingRung(k + 1, trials, end, length, k == count - 1, BarsThrough(input, end));
            trials /= eta;
            shrink /= eta;
        }

        return new HalvingSchedule(eta, candidates, times[0], rungs, rungs[^1].BarEvents);
    }

    /// <summary>Refuses what no data can mend: eta below 2, or fewer candidates than eta.</summary>
    /// <exception cref="ArgumentException">One line saying which.</exception>
    public static void Check(int candidates, int eta)
    {
        if (eta < 2)
        {
            throw new ArgumentException($"eta must be at least 2 (each rung keeps the best 1/eta of its trials); got {eta}");
        }

        if (candidates < eta)
        {
            throw new ArgumentException($"halving with eta {eta} keeps the best 1/{eta} of at least {eta} candidates; got {candidates}: search more values, or run them all as a grid");
        }
    }

    /// <summary>The fewest bar times a range needs for two rungs: the first is 1/eta of them and at least the minimum.</summary>
    public static long NeededBarTimes(int eta, int minimumRungBars = MinimumRungBars) => (long)eta * minimumRungBars;

    /// <summary>The input's bars up to <paramref name="end"/> (inclusive): the universe and the benchmark cut there,
    /// symbols without a bar by then left out; corporate actions, the index and the calendar kept whole (the engine and
    /// the strategy read them only up to the clock).</summary>
    public static BacktestInput Through(BacktestInput input, DateTime end)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input with
        {
            Universe = [.. input.Universe.Select(s => s.Between(null, end)).Where(s => s.Count > 0)],
            Benchmark = input.Benchmark?.Between(null, end),
        };
    }

    /// <summary>Every time at which some symbol of the universe has a bar, ascending.</summary>
    private static DateTime[] BarTimes(BacktestInput input)
    {
        var times = new HashSet<DateTime>();
        foreach (var series in input.Universe)
        {
            foreach (var time in series.Time)
            {
                times.Add(time);
            }
        }

        var sorted = times.ToArray();
        Array.Sort(sorted);
        return sorted;
    }

    private static long BarsThrough(BacktestInput input, DateTime end)
    {
        long bars = 0;
        foreach (var series in input.Universe)
        {
            bars += series.IndexAtOrBefore(end) + 1;
        }

        return bars;
    }
}

/// <summary>One rung of a halving search: how many trials it runs, over the bars up to which time.</summary>
/// <param name="Number">1 for the first (shortest) rung.</param>
/// <param name="Trials">Trials it runs (the survivors of the rung before).</param>
/// <param name="End">Its last bar time; every rung starts at the data's first.</param>
/// <param name="BarTimes">Distinct bar times it covers: its share of the budget.</param>
/// <param name="IsWholeRange">The last rung: the whole range, whose trials are the search's ranking.</param>
/// <param name="BarEvents">Bars one of its trials processes (every symbol's bars up to <paramref name="End"/>).</param>
public sealed record HalvingRung(int Number, int Trials, DateTime End, int BarTimes, bool IsWholeRange, long BarEvents)
{
    /// <summary>Bar events of all its trials.</summary>
    public long PlannedBarEvents => Trials * BarEvents;
}

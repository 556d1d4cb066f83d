using System.Globalization;
using Trading.Backtesting;
using Trading.Optimization;

namespace Trading.Cli.Commands;

/// <summary>What <c>trade optimize --method halving</c> says of its rungs: the plan before, each rung and the cost
/// against the grid after.</summary>
internal static class HalvingSummary
{
    /// <summary>The rungs of the candidates of <paramref name="plan"/> over <paramref name="input"/>, or one error line.</summary>
    public static HalvingSchedule Schedule(BacktestInput input, SearchPlan plan, int eta)
    {
        try
        {
            return HalvingSchedule.Of(input, plan.Trials.Count, eta);
        }
        catch (ArgumentException e)
        {
            throw new CliException($"--method halving: {CliErrors.OneLine(e)}", e);
        }
    }

    /// <summary>"; halving with eta 3: 27, 9, 3 trials on 11%, 33%, 100% of the bar times: ...".</summary>
    public static string Plan(HalvingSchedule schedule)
    {
        var whole = schedule.Rungs[^1].BarTimes;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"; successive halving with eta {schedule.Eta}: {string.Join(", ", schedule.Rungs.Select(r => r.Trials.ToString("N0", CultureInfo.InvariantCulture)))} trials on the first {string.Join(", ", schedule.Rungs.Select(r => Percent((double)r.BarTimes / whole)))} of the bar times, {schedule.PlannedBarEvents:N0} bar events, {Percent((double)schedule.PlannedBarEvents / schedule.GridBarEvents)} of the grid's {schedule.GridBarEvents:N0}");
    }

    /// <summary>A line a rung, then what the search cost.</summary>
    public static IEnumerable<string> Rungs(HalvingResult halving)
    {
        var schedule = halving.Schedule;
        foreach (var ran in halving.Rungs)
        {
            var rung = ran.Rung;
            var period = $"{HalvingReport.Format(schedule.Start)} to {HalvingReport.Format(rung.End)} ({rung.BarTimes:N0} bar times)";
            var outcome = rung.IsWholeRange ? $"the whole range, {period}: ranked above"
                : ran.Survivors.Count > 0 ? $"{period}: the best {ran.Survivors.Count:N0} kept"
                : $"{period}: stopped";
            yield return string.Create(CultureInfo.InvariantCulture, $"rung {rung.Number} of {schedule.Rungs.Count}: {ran.Result.Trials.Count:N0} of {rung.Trials:N0} trials on {outcome}");
        }

        yield return string.Create(CultureInfo.InvariantCulture, $"halving cost {halving.BarEvents:N0} bar events, {Percent(halving.FractionOfGrid)} of the {schedule.GridBarEvents:N0} a grid of its {schedule.Candidates:N0} candidates over the whole range would take");
    }

    private static string Percent(double fraction) => fraction.ToString("0.#%", CultureInfo.InvariantCulture);
}

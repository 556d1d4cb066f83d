using System.Globalization;
using System.Text.Json;
using Trading.Backtesting;

namespace Trading.Optimization;

/// <summary>What a halving search's report adds to a sweep's: each rung (how many ran, over which bars, who was kept)
/// and the search's cost in bar events against the grid's.</summary>
public static class HalvingReport
{
    internal static void WriteJson(Utf8JsonWriter json, HalvingResult halving, SweepMetric objective, IReadOnlyList<TrialConstraint> constraints)
    {
        var schedule = halving.Schedule;
        json.WriteStartObject("halving");
        json.WriteNumber("eta", schedule.Eta);
        json.WriteNumber("candidates", schedule.Candidates);
        json.WriteNumber("minimum_rung_bars", HalvingSchedule.MinimumRungBars);
        json.WriteNumber("ranked_rung", halving.Ranked.Rung.Number);
        json.WriteBoolean("complete", halving.Complete);
        json.WriteNumber("trials_run", halving.TrialsRun);
        json.WriteNumber("bar_events", halving.BarEvents);
        json.WriteNumber("planned_bar_events", schedule.PlannedBarEvents);
        json.WriteNumber("grid_bar_events", schedule.GridBarEvents);
        json.WriteNumber("fraction_of_grid", Math.Round(halving.FractionOfGrid, 6));
        json.WriteStartArray("rungs");
        foreach (var rung in schedule.Rungs)
        {
            var ran = halving.Rungs.FirstOrDefault(r => r.Rung.Number == rung.Number);
            json.WriteStartObject();
            json.WriteNumber("rung", rung.Number);
            json.WriteString("from", Format(schedule.Start));
            json.WriteString("to", Format(rung.End));
            json.WriteNumber("bar_times", rung.BarTimes);
            json.WriteBoolean("whole_range", rung.IsWholeRange);
            json.WriteNumber("trials_planned", rung.Trials);
            json.WriteNumber("trials_run", ran?.Result.Trials.Count ?? 0);
            json.WriteNumber("bar_events", ran?.Result.BarEvents ?? 0);
            if (ran is not null && !rung.IsWholeRange && ran.Survivors.Count > 0)
            {
                // The best of the rung as it ranks them, and who went on: the kept are its first ranks.
                var best = SweepRanking.Rank(ran.Result.Trials, objective, constraints)[0];
                json.WritePropertyName("best_objective");
                ParameterJson.WriteValue(json, best.Objective);
                json.WriteStartArray("survivors");
                foreach (var number in ran.Survivors)
                {
                    json.WriteNumberValue(number);
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>The rungs that ran, the ranked one first (it is the search's ranking), then back to the first:
    /// each with its ranking and the candidates it kept.</summary>
    internal static IEnumerable<(HalvingRungResult? Rung, IReadOnlyList<RankedTrial> Ranked)> RungsForCsv(HalvingResult halving, IReadOnlyList<RankedTrial> final, SweepMetric objective, IReadOnlyList<TrialConstraint> constraints)
    {
        var ranked = halving.Ranked;
        yield return (ranked, final);
        for (var i = halving.Rungs.Count - 1; i >= 0; i--)
        {
            if (!ReferenceEquals(halving.Rungs[i], ranked) && halving.Rungs[i].Result.Trials.Count > 0)
            {
                yield return (halving.Rungs[i], SweepRanking.Rank(halving.Rungs[i].Result.Trials, objective, constraints));
            }
        }
    }

    /// <summary>Why the overfitting statistics, computed over the whole range's trials only, cannot be; null when
    /// they can.</summary>
    internal static string? Unmeasured(HalvingResult halving)
    {
        if (!halving.Complete)
        {
            return $"the search stopped in rung {halving.Ranked.Rung.Number} of {halving.Schedule.Rungs.Count}, before its trials over the whole range, which are the only ones these statistics read";
        }

        var count = halving.Ranked.Result.Trials.Count;
        return count < 2
            ? $"{count} trial ran over the whole range, and these statistics read only those (the earlier rungs' cover shorter periods): they need at least 2; more candidates or a smaller eta keep more"
            : null;
    }

    /// <summary>A bar time as a date, with the time of day only for intraday bars.</summary>
    public static string Format(DateTime time) =>
        time.ToString(time.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
}

using System.Globalization;
using Trading.Domain;
using Trading.Optimization;
using Trading.Server.Data;
using Trading.Server.Hosting;

namespace Trading.Server.Optimizations;

/// <summary>What a submitted search with <c>"method": "halving"</c> must say, checked before it is queued: an eta of
/// at least 2, at least eta candidates, and a range that can hold two rungs. A range whose stored bars turn out too few
/// fails the job with the same sentence once its data are loaded.</summary>
internal static class HalvingRequest
{
    public static void Check(OptimizationRequest body, string method, BarRange? range, RequestErrors errors)
    {
        if (method != "halving")
        {
            if (body.Eta is not null)
            {
                errors.Add("eta", "eta is how much of each rung a halving search keeps (the best 1/eta); give method halving");
            }

            return;
        }

        var eta = body.Eta ?? HalvingSchedule.DefaultEta;
        if (eta < 2)
        {
            errors.Add("eta", $"eta must be at least 2 (each rung keeps the best 1/eta of its trials); got {eta}");
            return;
        }

        if (range is { From: { } from, To: { } to } && MostBars(range.Interval, from, to) is { } most && most < HalvingSchedule.NeededBarTimes(eta))
        {
            var message = string.Create(CultureInfo.InvariantCulture, $"{range.Describe()} there are at most {most:N0} {range.Interval} bars; halving with eta {eta} needs at least {HalvingSchedule.NeededBarTimes(eta):N0}: its first rung is 1/{eta} of them and at least {HalvingSchedule.MinimumRungBars:N0} (a year of daily bars); widen the range, lower eta, or use method grid");
            errors.Add("start_date", message);
            errors.Add("end_date", message);
        }
    }

    /// <summary>The first rung's trials: the grid, or a random sample of <c>trials</c> of it.</summary>
    public static SearchPlan Candidates(SearchSpace space, OptimizationRequest body) =>
        (body.Trials is { } trials ? space.Random(trials, body.Seed ?? 0) : space.Grid()) with { Method = SearchMethod.Halving };

    /// <summary>A 422 when a halving plan has fewer candidates than eta; null otherwise.</summary>
    public static IResult? TooFewCandidates(SearchPlan plan, OptimizationRequest body)
    {
        if (plan.Method != SearchMethod.Halving)
        {
            return null;
        }

        try
        {
            HalvingSchedule.Check(plan.Trials.Count, body.Eta ?? HalvingSchedule.DefaultEta);
            return null;
        }
        catch (ArgumentException e)
        {
            return ApiProblem.Field(StatusCodes.Status422UnprocessableEntity, body.Trials is null ? "params" : "trials", e.Message);
        }
    }

    /// <summary>The most bars a daily, weekly or monthly series can have between the dates (weekdays, weeks or
    /// months); null for intraday bars, whose sessions the request does not say.</summary>
    private static long? MostBars(Interval interval, DateTime from, DateTime to)
    {
        if (interval.IsIntraday)
        {
            return null;
        }

        var days = (long)(to.Date - from.Date).TotalDays + 1;
        if (interval == Interval.Daily)
        {
            var weeks = days / 7;
            var weekdays = weeks * 5;
            for (var day = from.Date.AddDays(weeks * 7); day <= to.Date; day = day.AddDays(1))
            {
                weekdays += day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0 : 1;
            }

            return weekdays;
        }

        return interval == Interval.Weekly ? (days / 7) + 1 : ((to.Year - from.Year) * 12) + to.Month - from.Month + 1;
    }
}

using System.Globalization;
using Trading.Domain;

namespace Trading.Data.Synthetic;

/// <summary>What <see cref="SyntheticMarket.Generate"/> builds: how many stocks, which dates, which seed.</summary>
/// <remarks>The defaults make the demo market: 50 stocks and the ^SYN index over 2000-2024, seed 42.</remarks>
public sealed record SyntheticMarketOptions
{
    public const int MaxSymbols = 5000;

    /// <summary>A cap on symbols times trading days, so that a typo cannot ask for more memory than a laptop has (about 40 bytes a bar).</summary>
    public const long MaxBars = 50_000_000;

    /// <summary>The longest market, in years: the index compounds without splits and volumes grow with every split, so
    /// over about 150 years they leave what a bar may hold (<see cref="BarRule"/>); a century stays well inside.</summary>
    public const int MaxYears = 100;

    public static readonly DateOnly EarliestDate = BarRule.EarliestDate;

    public static readonly DateOnly LatestDate = BarRule.LatestDate;

    /// <summary>The number of stocks, SYN001 upwards; the index comes on top.</summary>
    public int Symbols { get; init; } = 50;

    /// <summary>The first calendar date of the market (inclusive); the first bar is the first trading day on or after it.</summary>
    public DateOnly From { get; init; } = new(2000, 1, 1);

    /// <summary>The last calendar date of the market (inclusive).</summary>
    public DateOnly To { get; init; } = new(2024, 12, 31);

    /// <summary>Any 64-bit number; the same options give the same market, bit for bit.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Everything wrong with these options, one sentence each; empty when they are valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Symbols is < 1 or > MaxSymbols)
        {
            problems.Add($"The number of symbols must be between 1 and {MaxSymbols}; got {Symbols}.");
        }

        var datesInRange = true;
        foreach (var (name, date) in new[] { ("start date", From), ("end date", To) })
        {
            if (date < EarliestDate || date > LatestDate)
            {
                problems.Add($"The {name} {Format(date)} is outside the supported range {Format(EarliestDate)} to {Format(LatestDate)}.");
                datesInRange = false;
            }
        }

        if (From >= To)
        {
            problems.Add($"The start date {Format(From)} must be before the end date {Format(To)}.");
        }
        else if (datesInRange && To > From.AddYears(MaxYears))
        {
            problems.Add($"The market from {Format(From)} to {Format(To)} spans more than {MaxYears} years; choose a shorter range.");
        }
        else if (datesInRange)
        {
            var days = SyntheticCalendar.Count(From, To);
            if (days == 0)
            {
                problems.Add($"There is no trading day between {Format(From)} and {Format(To)}; choose a range that includes a weekday.");
            }
            else if (Symbols is >= 1 and <= MaxSymbols && (long)Symbols * days > MaxBars)
            {
                problems.Add(
                    $"{Symbols} symbols over {days} trading days make {(long)Symbols * days:N0} bars, more than the limit of " +
                    $"{MaxBars:N0}; ask for fewer symbols or a shorter range.");
            }
        }

        return problems;
    }

    /// <summary>Throws an <see cref="ArgumentException"/> listing every problem, or returns quietly.</summary>
    public void Validate()
    {
        var problems = Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems));
        }
    }

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

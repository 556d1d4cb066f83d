using System.Globalization;

namespace Trading.Optimization;

/// <summary>A walk-forward window's length in whole calendar months: <c>6m</c>, <c>1y</c>, <c>3y</c>.</summary>
public sealed record WalkForwardPeriod(int Months)
{
    /// <summary>Reads a count followed by <c>m</c> (months) or <c>y</c> (years), like <c>6m</c> or <c>3y</c>.</summary>
    /// <exception cref="ArgumentException">One line: what is wrong and what is expected.</exception>
    public static WalkForwardPeriod Parse(string? text)
    {
        var trimmed = text?.Trim().ToLowerInvariant() ?? string.Empty;
        if (trimmed.Length >= 2
            && trimmed[^1] is 'm' or 'y'
            && int.TryParse(trimmed[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && count is >= 1 and <= 1200)
        {
            var months = trimmed[^1] == 'y' ? count * 12 : count;
            if (months <= 1200)
            {
                return new WalkForwardPeriod(months);
            }
        }

        throw new ArgumentException($"'{text}' is not a length of months or years like 6m, 1y or 3y (at most 100 years)");
    }

    /// <summary><c>3y</c> when whole years, else <c>18m</c>.</summary>
    public override string ToString() => Months % 12 == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{Months / 12}y")
        : string.Create(CultureInfo.InvariantCulture, $"{Months}m");
}

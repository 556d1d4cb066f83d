using Trading.Indicators;
using Xunit.Abstractions;

namespace Trading.Tests.Indicators;

/// <summary>Our indicators against TA-Lib's own output (validation/talib builds the reference program).</summary>
/// <remarks>
/// Tolerance rule: every value must satisfy |ours − TA-Lib| ≤ 1e-9 × max(|TA-Lib|, floor), and the first valid bar
/// must be the same. The floor is 0 (a pure relative test) except for columns that cross or touch zero, where a
/// relative error is meaningless next to zero: there the floor is the column's mean absolute value, so those columns
/// are held to 1e-9 of their typical magnitude. Those columns are MACD (all three), MOM, ROC, CCI, the
/// linear-regression slope and R², and MFI (which sits at exactly 0 when a window has only down bars; TA-Lib's
/// running sums leave a residue of ~1e-13 there), listed in <see cref="ZeroCrossing"/>.
/// </remarks>
public sealed class TaLibReferenceTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-9;

    private static readonly string[] ZeroCrossing = ["macd(", "mom(", "roc(", "cci(", "mfi(", "linreg_slope(", "linreg_r2("];

    [Fact]
    public void Every_indicator_matches_talib_on_the_synthetic_series()
    {
        var input = FixtureCsv.Read(FixtureCsv.FixturePath("talib", "synthetic-ohlcv.csv"));
        var expected = FixtureCsv.Read(FixtureCsv.FixturePath("talib", "synthetic-talib.csv"));
        Compare(input, "SYNTH", expected);
    }

    [SkippableTheory]
    [InlineData("nvda-1999-2014", "NVDA")]
    [InlineData("orcl-1995-2014", "ORCL")]
    public void Every_indicator_matches_talib_on_real_daily_data(string name, string symbol)
    {
        var data = FindSharedData();
        Skip.If(data is null, "shared/data (the NVDA and ORCL daily files) is not next to this clone; the synthetic fixture still runs");
        var inputPath = Path.Combine(data, name + ".txt");
        Skip.IfNot(File.Exists(inputPath), $"{inputPath} does not exist");
        var input = FixtureCsv.Read(inputPath);
        var expected = FixtureCsv.Read(FixtureCsv.FixturePath("talib", name + "-talib.csv.gz"));
        Compare(input, symbol, expected);
    }

    private void Compare(FixtureCsv input, string symbol, FixtureCsv expected)
    {
        var bars = input.ToBars(symbol);
        var columns = expected.Header.Skip(1).ToArray();
        var specs = IndicatorSpec.Parse(string.Join(",", columns.Select(SpecOf).Distinct()));
        var table = IndicatorTable.Compute(bars, specs);
        Assert.Equal(columns, table.ColumnNames);
        Assert.Equal(expected.Strings("date"), input.Strings("date"));

        var failures = new List<string>();
        foreach (var column in columns)
        {
            var reference = expected.Doubles(column);
            var ours = table[column].ToArray();
            var firstReference = Array.FindIndex(reference, v => !double.IsNaN(v));
            var firstOurs = Array.FindIndex(ours, v => !double.IsNaN(v));
            if (firstReference != firstOurs)
            {
                failures.Add($"{column}: first valid bar {firstOurs}, TA-Lib {firstReference}");
                continue;
            }

            var floor = ZeroCrossing.Any(column.StartsWith) ? MeanAbsolute(reference) : 0.0;
            double worst = 0;
            var worstRow = -1;
            for (var row = firstReference; row < reference.Length; row++)
            {
                var error = Math.Abs(ours[row] - reference[row]) / Math.Max(Math.Abs(reference[row]), floor);
                if (double.IsNaN(ours[row]) || error > worst)
                {
                    worst = double.IsNaN(ours[row]) ? double.PositiveInfinity : error;
                    worstRow = row;
                }
            }

            output.WriteLine($"{column,-24} max error {worst:E2}{(floor > 0 ? $" (floor {floor:G3})" : string.Empty)}");
            if (worst > Tolerance)
            {
                failures.Add($"{column}: error {worst:E2} at row {worstRow} ({input.Rows[worstRow][0]}): ours {ours[worstRow]:R}, TA-Lib {reference[worstRow]:R}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private static string SpecOf(string column)
    {
        var close = column.LastIndexOf(')');
        return close >= 0 ? column[..(close + 1)] : column.Split('.')[0];
    }

    private static double MeanAbsolute(double[] values)
    {
        double sum = 0;
        var count = 0;
        foreach (var value in values)
        {
            if (!double.IsNaN(value))
            {
                sum += Math.Abs(value);
                count++;
            }
        }

        return count > 0 ? sum / count : 0;
    }

    /// <summary>The shared data folder next to the clone (X/main beside X/shared), found by walking up from the test
    /// binaries; null when there is none.</summary>
    private static string? FindSharedData()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

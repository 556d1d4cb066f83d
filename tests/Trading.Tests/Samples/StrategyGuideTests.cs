using System.Text.RegularExpressions;
using Trading.Tests.Cli;

namespace Trading.Tests.Samples;

/// <summary>docs/strategies.md cannot rot: each of its C# blocks is an excerpt of a sample (which
/// <see cref="SampleStrategyTests"/> compiles and backtests), each sample is in it and in samples/README.md, and its
/// sample commands run.</summary>
/// <remarks>The rule, as samples/README.md states it: every <c>```csharp</c> block of the guide appears in one sample
/// file line for line, leading indentation aside; a line <c>// ...</c> in a block stands for lines left out, and
/// the parts on either side of it appear in that order in the same file.</remarks>
public sealed partial class StrategyGuideTests : IDisposable
{
    private readonly CliRun _cli = new();

    private static string Guide => File.ReadAllText(Path.Combine(SampleStrategies.RepositoryRoot, "docs", "strategies.md"));

    private static IReadOnlyDictionary<string, string> Samples { get; } = SampleStrategies.Names.ToDictionary(
        name => name,
        name => File.ReadAllText(Path.Combine(SampleStrategies.Folder, name + ".cs")));

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Every_csharp_block_of_the_guide_appears_line_for_line_in_a_sample()
    {
        var blocks = CSharpBlock().Matches(Guide).Select(m => m.Groups[1].Value).ToList();

        Assert.True(blocks.Count >= 10, $"the guide has {blocks.Count} C# blocks");
        Assert.All(blocks, block => Assert.True(
            Samples.Values.Any(sample => IsExcerptOf(block, sample)),
            $"this block of docs/strategies.md is in no file of samples/strategies (leading indentation aside):\n{block}"));
    }

    [Fact]
    public void A_block_changed_by_one_character_or_with_its_parts_swapped_is_not_an_excerpt()
    {
        var sample = Samples["dip_buyer"];
        const string Block = """
            var close = BarPrice.ToDecimal(context.Close(symbol));
            // ...
            context.SubmitBracket(entry, takeProfit: close * (1 + _takeProfit), stopLoss: close * (1 - _stopLoss));
            """;

        Assert.True(IsExcerptOf(Block, sample));
        Assert.False(IsExcerptOf(Block.Replace("_stopLoss", "_stoploss", StringComparison.Ordinal), sample));
        Assert.False(IsExcerptOf(string.Join("\n// ...\n", Block.Split("\n// ...\n").Reverse()), sample));
        Assert.False(IsExcerptOf(Block.Replace("// ...\n", string.Empty, StringComparison.Ordinal), sample));
    }

    [Fact]
    public void Every_sample_is_excerpted_in_the_guide_and_listed_in_the_samples_readme()
    {
        var blocks = CSharpBlock().Matches(Guide).Select(m => m.Groups[1].Value).ToList();
        var readme = File.ReadAllText(Path.Combine(SampleStrategies.RepositoryRoot, "samples", "README.md"));

        Assert.All(Samples, sample =>
        {
            Assert.Contains(blocks, block => IsExcerptOf(block, sample.Value));
            Assert.Contains($"strategies/{sample.Key}.cs", readme, StringComparison.Ordinal);
            Assert.Contains($"samples/strategies/{sample.Key}.cs", Guide, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task The_guides_sample_commands_backtest_through_the_cli()
    {
        var commands = SampleCommand().Matches(Guide).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(commands);
        var settings = new Dictionary<string, string?> { ["Strategies:CachePath"] = Path.Combine(_cli.Directory, "cache") };

        foreach (var command in commands)
        {
            var args = command.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(a => a.StartsWith("samples/", StringComparison.Ordinal) ? Path.Combine(SampleStrategies.RepositoryRoot, a) : a)
                .ToArray();

            var run = await _cli.TradeWith(settings, args);

            Assert.True(run.ExitCode == 0, $"trade {command}: {run.Error}");
            Assert.DoesNotMatch(@"fills\s+│\s+0\s", run.Output);
            if (command.Contains("--commission-rate", StringComparison.Ordinal))
            {
                Assert.DoesNotMatch(@"commissions\s+│\s+0\.00\s", run.Output);
            }
        }
    }

    /// <summary>Whether <paramref name="block"/> appears in <paramref name="sample"/> by the rule of the class remarks.</summary>
    internal static bool IsExcerptOf(string block, string sample)
    {
        var lines = Lines(sample);
        var from = 0;
        foreach (var part in Parts(block))
        {
            var at = Find(lines, part, from);
            if (at < 0)
            {
                return false;
            }

            from = at + part.Count;
        }

        return true;
    }

    private static List<List<string>> Parts(string block)
    {
        var parts = new List<List<string>> { new() };
        foreach (var line in Lines(block))
        {
            if (line == "// ...")
            {
                parts.Add([]);
            }
            else
            {
                parts[^1].Add(line);
            }
        }

        foreach (var part in parts)
        {
            while (part.Count > 0 && part[0].Length == 0)
            {
                part.RemoveAt(0);
            }

            while (part.Count > 0 && part[^1].Length == 0)
            {
                part.RemoveAt(part.Count - 1);
            }
        }

        return [.. parts.Where(p => p.Count > 0)];
    }

    private static int Find(List<string> lines, List<string> part, int from)
    {
        for (var i = from; i + part.Count <= lines.Count; i++)
        {
            if (lines.Skip(i).Take(part.Count).SequenceEqual(part, StringComparer.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static List<string> Lines(string text) => [.. text.ReplaceLineEndings("\n").Split('\n').Select(l => l.Trim())];

    [GeneratedRegex(@"```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    [GeneratedRegex(@"^trade (backtest --strategy-file samples/strategies/[^\n]*)$", RegexOptions.Multiline)]
    private static partial Regex SampleCommand();
}

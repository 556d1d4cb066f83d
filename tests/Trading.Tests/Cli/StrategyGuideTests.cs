using System.Text.RegularExpressions;

namespace Trading.Tests.Cli;

/// <summary>docs/strategies.md cannot rot: its C# example compiles and backtests with the command printed under it.</summary>
public sealed partial class StrategyGuideTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task The_guides_example_compiles_and_backtests_with_the_command_printed_under_it()
    {
        var guide = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "strategies.md"));
        var example = Assert.Single(CSharpBlock().Matches(guide)).Groups[1].Value;
        var command = Assert.Single(CommandUsingTheExample().Matches(guide)).Groups[1].Value;
        var file = _cli.File("dip_buyer.cs", example);
        var args = command.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(a => a == "dip_buyer.cs" ? file : a).ToArray();

        var run = await _cli.TradeWith(new Dictionary<string, string?> { ["Strategies:CachePath"] = Path.Combine(_cli.Directory, "cache") }, args);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("dip_buyer (lookback=20, dip=0.08, take_profit=0.04, stop_loss=0.03, quantity=50)", run.Output, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"fills\s+│\s+0\s", run.Output);
        Assert.DoesNotMatch(@"commissions\s+│\s+0\.00\s", run.Output);
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Trading.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"no Trading.slnx above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex(@"```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    [GeneratedRegex(@"```sh\ntrade (backtest --strategy-file dip_buyer\.cs[^\n]*)\n```")]
    private static partial Regex CommandUsingTheExample();
}

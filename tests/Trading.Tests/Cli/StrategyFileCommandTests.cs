using System.Text.Json;
using Trading.Data.Storage.Sqlite;
using Trading.Tests.Strategies.Files;

namespace Trading.Tests.Cli;

/// <summary>A user's strategy file through the command line: compiled, cached, run, listed, and refused in the
/// compiler's own words when it does not compile.</summary>
public sealed class StrategyFileCommandTests : IDisposable
{
    private readonly CliRun _cli = new();
    private readonly Dictionary<string, string?> _settings;

    public StrategyFileCommandTests()
    {
        _settings = new Dictionary<string, string?> { ["Strategies:CachePath"] = CacheDirectory };
    }

    private string CacheDirectory => Path.Combine(_cli.Directory, "cache");

    public void Dispose() => _cli.Dispose();

    private Task<(int ExitCode, string Output, string Error)> Trade(params string[] args) => _cli.TradeWith(_settings, args);

    private string[] CacheEntries() =>
        Directory.Exists(CacheDirectory) ? Directory.GetFiles(CacheDirectory) : [];

    /// <summary>The summary without its timing line (the one thing two runs of the same backtest differ in).</summary>
    private static string[] Summary(string output) =>
        [.. output.Split('\n').Where(l => !l.Contains("bar events in", StringComparison.Ordinal))];

    private static decimal FinalEquity(string json) =>
        JsonDocument.Parse(File.ReadAllText(json)).RootElement.GetProperty("final_equity").GetDecimal();

    [Fact]
    public async Task A_strategy_file_is_compiled_and_backtested_with_its_defaults_and_with_set_values()
    {
        var file = _cli.File("timed_trade.cs", StrategySources.TimedTrade);
        var csv = _cli.File("abc.csv", HandMadeBars.TenDays);
        var json = Path.Combine(_cli.Directory, "r.json");

        var run = await Trade("backtest", "--strategy-file", file, "--csv", csv, "--cash", "10000", "--json", json);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains($"compiled {file} in ", run.Error, StringComparison.Ordinal);
        Assert.Contains("timed_trade (entry_bar=3, exit_bar=6, quantity=100)", run.Output, StringComparison.Ordinal);

        // Decided at bar 3's close, bought at bar 4's open (9); decided at bar 6's close, sold at bar 7's open (12).
        Assert.Equal(10_300m, FinalEquity(json));
        var fills = JsonDocument.Parse(File.ReadAllText(json)).RootElement.GetProperty("fills").EnumerateArray().ToList();
        Assert.Equal(["2024-01-04", "2024-01-09"], fills.Select(f => f.GetProperty("date").GetString()));

        var set = await Trade("backtest", "--strategy-file", file, "--csv", csv, "--cash", "10000", "--set", "entry_bar=2", "--json", json);

        // Bought at bar 3's open (8) instead.
        Assert.True(set.ExitCode == 0, set.Error);
        Assert.Contains("parameters from --set: entry_bar=2", set.Output, StringComparison.Ordinal);
        Assert.Equal(10_400m, FinalEquity(json));
    }

    [Fact]
    public async Task A_file_with_two_strategies_runs_the_one_named_and_refuses_to_guess()
    {
        var file = _cli.File("two.cs", StrategySources.Two);
        var csv = _cli.File("abc.csv", HandMadeBars.TenDays);

        var unnamed = await Trade("backtest", "--strategy-file", file, "--csv", csv);
        var hold = await Trade("backtest", "--strategy-file", file, "--strategy", "hold_all", "--csv", csv, "--set", "shares=3");
        var never = await Trade("backtest", "--strategy-file", file, "--strategy", "NEVER_TRADE", "--csv", csv);
        var unknown = await Trade("backtest", "--strategy-file", file, "--strategy", "sma_cross", "--csv", csv);

        Assert.Equal(1, unnamed.ExitCode);
        Assert.Contains($"error: {file} holds 2 strategies (hold_all, never_trade); name the one to run", unnamed.Error, StringComparison.Ordinal);
        Assert.True(hold.ExitCode == 0, hold.Error);
        Assert.Contains("hold_all (shares=3)", hold.Output, StringComparison.Ordinal);
        Assert.Matches(@"fills\s+│\s+1\s", hold.Output);
        Assert.True(never.ExitCode == 0, never.Error);
        Assert.Matches(@"fills\s+│\s+0\s", never.Output);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains($"no strategy named 'sma_cross' in {file}; it holds hold_all, never_trade", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_does_not_compile_prints_each_error_as_a_compiler_does_exits_1_and_runs_nothing()
    {
        var file = _cli.File("broken.cs", """
            using Trading.Strategies;

            public sealed class Broken : IStrategy
            {
                public void Initialize(IStrategyContext context) { }
                public void OnBar(IStrategyContext context, int symbol)
                {
                    nothing = 1;
                    var x = 1
                }
            }
            """);
        var json = Path.Combine(_cli.Directory, "r.json");

        var run = await Trade("backtest", "--strategy-file", file, "--json", json);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            [
                $"{file}(8,9): error CS0103: The name 'nothing' does not exist in the current context",
                $"{file}(9,18): error CS1002: ; expected",
            ],
            run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(string.Empty, run.Output);
        Assert.False(File.Exists(json));
        Assert.Empty(CacheEntries());
    }

    [Fact]
    public async Task A_relative_file_is_named_as_given_in_its_errors()
    {
        var folder = Path.Combine(_cli.Directory, "mine");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "typo.cs"), "public sealed class Typo : Trading.Strategies.IStrategy { }\n");
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), Path.Combine(folder, "typo.cs"));

        var run = await Trade("backtest", "--strategy-file", relative);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"{relative}(1,28): error CS0535: 'Typo' does not implement interface member 'IStrategy.Initialize(IStrategyContext)'", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("error: entry_bar must be between 1 and 100; got 0", "entry_bar=0")]
    [InlineData("error: quantity must be a whole number; got '1.5'", "quantity=1.5")]
    [InlineData("error: unknown parameter 'fast' for timed_trade; valid: entry_bar, exit_bar, quantity", "fast=3")]
    [InlineData("error: entry_bar (7) must be before exit_bar (6)", "entry_bar=7")]
    public async Task A_set_value_is_checked_against_the_files_schema_before_anything_runs(string expected, string set)
    {
        var file = _cli.File("timed_trade.cs", StrategySources.TimedTrade);
        var csv = _cli.File("abc.csv", HandMadeBars.TenDays);

        var run = await Trade("backtest", "--strategy-file", file, "--csv", csv, "--set", set);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(expected, run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
        Assert.DoesNotContain("final equity", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_run_of_the_same_file_loads_the_cached_build_without_compiling()
    {
        var file = _cli.File("timed_trade.cs", StrategySources.TimedTrade);
        var csv = _cli.File("abc.csv", HandMadeBars.TenDays);

        var first = await Trade("backtest", "--strategy-file", file, "--csv", csv);
        var entry = Assert.Single(CacheEntries());
        var marked = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(entry, marked);

        var second = await Trade("backtest", "--strategy-file", file, "--csv", csv);

        Assert.Contains("compiled ", first.Error, StringComparison.Ordinal);
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.DoesNotContain("compiled", second.Error, StringComparison.Ordinal);
        Assert.Equal(marked, File.GetLastWriteTimeUtc(entry));
        Assert.Equal(Summary(first.Output), Summary(second.Output));
        Assert.Equal(entry, Assert.Single(CacheEntries()));
    }

    [Fact]
    public async Task An_edited_file_is_compiled_again_under_a_new_entry()
    {
        var file = _cli.File("timed_trade.cs", StrategySources.TimedTrade);
        var csv = _cli.File("abc.csv", HandMadeBars.TenDays);
        await Trade("backtest", "--strategy-file", file, "--csv", csv);
        File.WriteAllText(file, StrategySources.TimedTrade.Replace("\"entry_bar\", 3,", "\"entry_bar\", 2,", StringComparison.Ordinal));

        var edited = await Trade("backtest", "--strategy-file", file, "--csv", csv);

        Assert.Contains("compiled ", edited.Error, StringComparison.Ordinal);
        Assert.Contains("timed_trade (entry_bar=2,", edited.Output, StringComparison.Ordinal);
        Assert.Equal(2, CacheEntries().Length);
    }

    [Theory]
    [InlineData("its checksum does not match its content", false)]
    [InlineData("it is not a compiled strategy file", true)]
    public async Task A_damaged_cache_entry_is_compiled_again_and_replaced(string reason, bool garbage)
    {
        var file = _cli.File("timed_trade.cs", StrategySources.TimedTrade);
        var csv = _cli.File("abc.csv", HandMadeBars.TenDays);
        var first = await Trade("backtest", "--strategy-file", file, "--csv", csv);
        var entry = Assert.Single(CacheEntries());
        var bytes = File.ReadAllBytes(entry);
        if (garbage)
        {
            File.WriteAllText(entry, "not a build");
        }
        else
        {
            // One bit flipped inside the image: it might even load, so only the checksum can tell.
            bytes[bytes.Length / 2] ^= 0x10;
            File.WriteAllBytes(entry, bytes);
        }

        var damaged = await Trade("backtest", "--strategy-file", file, "--csv", csv);
        var after = await Trade("backtest", "--strategy-file", file, "--csv", csv);

        Assert.True(damaged.ExitCode == 0, damaged.Error);
        Assert.Contains($"warning: the cached build of {file} was not used ({reason}); compiled again", damaged.Error, StringComparison.Ordinal);
        Assert.Contains("compiled ", damaged.Error, StringComparison.Ordinal);
        Assert.Equal(Summary(first.Output), Summary(damaged.Output));
        Assert.DoesNotContain("compiled", after.Error, StringComparison.Ordinal);
        Assert.Equal(entry, Assert.Single(CacheEntries()));
    }

    [Theory]
    [InlineData("choose a strategy: --strategy NAME, --strategy-file FILE.cs or --strategy-assembly FILE.dll", "backtest")]
    [InlineData("give --strategy-file or --strategy-assembly, not both", "backtest", "--strategy-file", "a.cs", "--strategy-assembly", "a.dll")]
    [InlineData("give --strategy-file or --strategy-assembly, not both", "paper", "--strategy-file", "a.cs", "--strategy-assembly", "a.dll")]
    public async Task A_command_line_that_names_no_strategy_or_two_kinds_of_file_does_not_parse(string expected, params string[] args)
    {
        var run = await Trade(args);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"error: {expected}", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_strategy_named_like_a_built_in_is_refused()
    {
        var file = _cli.File("clash.cs", StrategySources.TimedTrade.Replace("\"timed_trade\"", "\"sma_cross\"", StringComparison.Ordinal));

        var run = await Trade("backtest", "--strategy-file", file);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{file}: error: sma_cross is the name of a built-in strategy; give this strategy another name", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_without_a_definition_says_what_a_strategy_must_declare()
    {
        var file = _cli.File("bare.cs", """
            using Trading.Strategies;

            public sealed class Bare : IStrategy
            {
                public void Initialize(IStrategyContext context) { }
                public void OnBar(IStrategyContext context, int symbol) { }
            }
            """);

        var run = await Trade("backtest", "--strategy-file", file);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{file}: error: Bare implements IStrategy but declares no public static StrategyDefinition Definition", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_strategy_that_throws_is_named_with_its_file_and_line_not_reported_as_a_bug_in_trade()
    {
        var file = _cli.File("thrower.cs", StrategySources.Thrower);
        var csv = _cli.File("abc.csv", HandMadeBars.TenDays);
        var json = Path.Combine(_cli.Directory, "r.json");

        var run = await Trade("backtest", "--strategy-file", file, "--csv", csv, "--json", json);

        Assert.Equal(1, run.ExitCode);
        Assert.Matches(
            $@"^error: the strategy failed: InvalidOperationException in Thrower.OnBar \({System.Text.RegularExpressions.Regex.Escape(file)}, near line 1[3-7]\): the fifth bar is one too many$",
            run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
        Assert.False(File.Exists(json));
    }

    [Fact]
    public async Task A_compiled_strategy_assembly_backtests_like_the_file_it_was_built_from()
    {
        var (image, errors) = Trading.Strategies.Files.StrategyCompiler.Compile(StrategySources.TimedTrade, "timed_trade.cs", "MyStrategies");
        Assert.Empty(errors);
        var dll = Path.Combine(_cli.Directory, "MyStrategies.dll");
        File.WriteAllBytes(dll, image!);
        var csv = _cli.File("abc.csv", HandMadeBars.TenDays);
        var json = Path.Combine(_cli.Directory, "r.json");

        var run = await Trade("backtest", "--strategy-assembly", dll, "--csv", csv, "--cash", "10000", "--json", json);
        var notAssembly = await Trade("backtest", "--strategy-assembly", csv);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(10_300m, FinalEquity(json));
        Assert.Empty(CacheEntries());
        Assert.Equal(1, notAssembly.ExitCode);
        Assert.Contains("is not a .NET assembly", notAssembly.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trade_new_strategy_writes_a_starter_that_compiles_and_backtests_as_written_and_never_overwrites()
    {
        var folder = Path.Combine(_cli.Directory, "mine");

        var created = await Trade("new", "strategy", "my_rsi", "--output", folder);
        var path = Path.Combine(folder, "my_rsi.cs");
        var written = File.ReadAllText(path);
        var again = await Trade("new", "strategy", "my_rsi", "--output", folder);
        var run = await Trade("backtest", "--strategy-file", path);
        var listed = await Trade("strategies", "--strategy-file", path);

        Assert.True(created.ExitCode == 0, created.Error);
        Assert.Contains($"trade backtest --strategy-file {path}", created.Output, StringComparison.Ordinal);
        Assert.Contains("public sealed class MyRsi : IStrategy", written, StringComparison.Ordinal);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("exists already", again.Error, StringComparison.Ordinal);
        Assert.Equal(written, File.ReadAllText(path));
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("my_rsi (entry_bars=20, exit_bars=10, allocation=0.9) on 50 symbols", run.Output, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"fills\s+│\s+0\s", run.Output);
        Assert.Matches(@"entry_bars\s+integer\s+20\s+2\s+1000\s+Bars whose highest close an entry must beat", listed.Output);
    }

    [Theory]
    [InlineData("MyRsi", "a strategy name is snake_case")]
    [InlineData("momentum", "momentum is the name of a built-in strategy")]
    public async Task Trade_new_strategy_refuses_a_name_it_cannot_use(string name, string expected)
    {
        var run = await Trade("new", "strategy", name, "--output", _cli.Directory);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_cli.Directory, "*.cs"));
    }

    [Fact]
    public async Task Trade_strategies_lists_built_ins_configured_files_and_a_given_file_with_their_parameters()
    {
        var folder = Path.Combine(_cli.Directory, "strategies");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "two.cs"), StrategySources.Two);
        File.WriteAllText(Path.Combine(folder, "broken.cs"), "public class Broken { int x = ; }\n");
        var given = _cli.File("timed_trade.cs", StrategySources.TimedTrade);
        var settings = new Dictionary<string, string?>(_settings) { ["Strategies:Paths:0"] = folder };

        var run = await _cli.TradeWith(settings, ["strategies", "--strategy-file", given]);
        var byName = await _cli.TradeWith(settings, ["backtest", "--strategy", "hold_all", "--csv", _cli.File("abc.csv", HandMadeBars.TenDays)]);

        Assert.True(run.ExitCode == 0, run.Error);
        foreach (var name in new[] { "sma_cross (built-in)", "momentum (built-in)", $"hold_all ({Path.Combine(folder, "two.cs")}, sha256 ", "never_trade (", $"timed_trade ({given}, sha256 " })
        {
            Assert.Contains(name, run.Output, StringComparison.Ordinal);
        }

        Assert.Matches(@"shares\s+integer\s+10\s+1\s+1000\s+Shares bought of each symbol", run.Output);
        Assert.Contains("  rule: entry_bar must be before exit_bar", run.Output, StringComparison.Ordinal);
        Assert.Contains($"{Path.Combine(folder, "broken.cs")}: does not load; its strategies are not offered:", run.Output, StringComparison.Ordinal);
        Assert.Contains($"  {Path.Combine(folder, "broken.cs")}(1,31): error CS1525: Invalid expression term ';'", run.Output, StringComparison.Ordinal);
        Assert.True(byName.ExitCode == 0, byName.Error);
        Assert.Contains("hold_all (shares=10)", byName.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signals_name_a_strategy_file_that_does_not_rank()
    {
        var file = _cli.File("timed_trade.cs", StrategySources.TimedTrade);
        Assert.Equal(0, (await Trade("data", "synth", "--symbols", "2", "--from", "2023-01-01", "--to", "2023-12-31")).ExitCode);

        var run = await Trade("signals", "--strategy-file", file, "--symbols", "SYN001");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"error: timed_trade ({file}) trades symbol by symbol and does not rank; signals come from: momentum", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_paper_node_of_a_strategy_file_records_its_hash_and_refuses_to_resume_once_the_file_changed()
    {
        var file = _cli.File("timed_trade.cs", StrategySources.TimedTrade);
        Assert.Equal(0, (await Trade("data", "synth", "--symbols", "2", "--from", "2023-01-01", "--to", "2023-03-31")).ExitCode);

        var run = await Trade("paper", "--strategy-file", file, "--symbols", "SYN001", "--node", "mine");
        using (var registry = new SqliteJournalStore(_cli.DatabasePath))
        {
            var definition = JsonDocument.Parse((await registry.ReadNodeAsync("mine"))!.Definition).RootElement;
            Assert.Equal(file, definition.GetProperty("strategy_file").GetString());
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file))), definition.GetProperty("strategy_file_sha256").GetString());
        }

        var resumed = await Trade("paper", "--node", "mine");
        File.AppendAllText(file, "// an edit\n");
        var changed = await Trade("paper", "--node", "mine");
        var restarted = await Trade("paper", "--strategy-file", file, "--symbols", "SYN001", "--node", "mine");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("node mine: timed_trade on 1 symbols", run.Error, StringComparison.Ordinal);
        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Equal(1, changed.ExitCode);
        Assert.Matches($@"error: node mine was made with {System.Text.RegularExpressions.Regex.Escape(file)} \(sha256 [0-9a-f]{{12}}\), which has changed since \(now sha256 [0-9a-f]{{12}}\); a node replays its journal with the code it was made with", changed.Error);
        Assert.Equal(1, restarted.ExitCode);
        Assert.Contains("which has changed since", restarted.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_paper_node_of_a_file_that_does_not_compile_stores_nothing()
    {
        var file = _cli.File("broken.cs", "public class Broken { int x = ; }\n");
        Assert.Equal(0, (await Trade("data", "synth", "--symbols", "2", "--from", "2023-01-01", "--to", "2023-03-31")).ExitCode);

        var run = await Trade("paper", "--strategy-file", file, "--symbols", "SYN001", "--node", "mine");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"{file}(1,31): error CS1525:", run.Error, StringComparison.Ordinal);
        using var registry = new SqliteJournalStore(_cli.DatabasePath);
        Assert.Empty(await registry.ReadNodesAsync());
    }
}

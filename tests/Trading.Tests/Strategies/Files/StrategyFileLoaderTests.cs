using Microsoft.Extensions.Configuration;
using Trading.Strategies;
using Trading.Strategies.Files;

namespace Trading.Tests.Strategies.Files;

public sealed class StrategyFileLoaderTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "trade-strategy-files-" + Guid.NewGuid().ToString("N"));

    public StrategyFileLoaderTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string CacheDirectory => Path.Combine(_folder, "cache");

    private string Write(string name, string source)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, source);
        return path;
    }

    [Fact]
    public void A_loaded_file_gives_definitions_that_bind_and_create_its_strategies_with_the_files_hash()
    {
        var path = Write("two.cs", StrategySources.Two);

        var source = new StrategyFileLoader(CacheDirectory).LoadFile(path);

        Assert.Equal(["hold_all", "never_trade"], source.Strategies.Select(s => s.Name));
        Assert.True(source.Compiled);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path))), source.ContentHash);
        var hold = source.Find("HOLD_ALL");
        Assert.Equal(4, hold.Bind(new Dictionary<string, string> { ["shares"] = "4" }).GetInt("shares"));
        Assert.IsAssignableFrom<IStrategy>(hold.Create(hold.Defaults));
        Assert.Equal(source.Strategies[1], source.Find("never_trade"));
    }

    [Fact]
    public async Task Two_loaders_compiling_the_same_file_at_once_each_get_it_and_leave_one_whole_entry()
    {
        var path = Write("timed_trade.cs", StrategySources.TimedTrade);

        var loads = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => new StrategyFileLoader(CacheDirectory).LoadFile(path))));

        Assert.All(loads, l => Assert.Equal("timed_trade", Assert.Single(l.Strategies).Name));
        var entry = Assert.Single(Directory.GetFiles(CacheDirectory));
        Assert.Equal(new StrategyFileLoader(CacheDirectory).CachePathOf(loads[0].ContentHash), entry);
        var cached = new StrategyFileLoader(CacheDirectory).LoadFile(path);
        Assert.False(cached.Compiled);
        Assert.Null(cached.CacheNote);
    }

    [Fact]
    public void A_cache_folder_that_cannot_be_written_costs_a_compile_each_time_and_says_so()
    {
        var path = Write("timed_trade.cs", StrategySources.TimedTrade);
        var notAFolder = Write("cache-is-a-file", "x");

        var first = new StrategyFileLoader(notAFolder).LoadFile(path);
        var second = new StrategyFileLoader(notAFolder).LoadFile(path);

        Assert.True(first.Compiled);
        Assert.True(second.Compiled);
        Assert.Contains("could not be kept", second.CacheNote, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""
        using Trading.Strategies;
        public sealed class Bad : IStrategy
        {
            public static StrategyDefinition Definition { get; } = new("Bad Name", "", [], _ => new Bad());
            public void Initialize(IStrategyContext context) { }
            public void OnBar(IStrategyContext context, int symbol) { }
        }
        """, "Bad.Definition failed: A strategy name is snake_case (like sma_cross); got 'Bad Name'.")]
    [InlineData("""
        using Trading.Strategies;
        public sealed class Bad : IStrategy
        {
            public static StrategyDefinition Definition => new("bad", "", [StrategyParameter.Integer("n", 0, 1, 9, "")], _ => new Bad());
            public void Initialize(IStrategyContext context) { }
            public void OnBar(IStrategyContext context, int symbol) { }
        }
        """, "Bad.Definition failed: n: the default is invalid: n must be between 1 and 9; got 0.")]
    [InlineData("""
        using Trading.Strategies;
        public sealed class Bad : IStrategy
        {
            public static StrategyDefinition? Definition => null;
            public void Initialize(IStrategyContext context) { }
            public void OnBar(IStrategyContext context, int symbol) { }
        }
        """, "Bad.Definition is null")]
    [InlineData("""
        using Trading.Strategies;
        public sealed class Bad : IStrategy
        {
            public static string Definition => "bad";
            public void Initialize(IStrategyContext context) { }
            public void OnBar(IStrategyContext context, int symbol) { }
        }
        """, "Bad.Definition is a String, not a StrategyDefinition")]
    [InlineData("""
        using Trading.Strategies;
        public sealed class A : IStrategy
        {
            public static StrategyDefinition Definition { get; } = new("same", "", [], _ => new A());
            public void Initialize(IStrategyContext context) { }
            public void OnBar(IStrategyContext context, int symbol) { }
        }
        public sealed class B : IStrategy
        {
            public static StrategyDefinition Definition { get; } = new("same", "", [], _ => new B());
            public void Initialize(IStrategyContext context) { }
            public void OnBar(IStrategyContext context, int symbol) { }
        }
        """, "A and B are both named same")]
    [InlineData("""
        public static class Nothing { }
        """, "no strategy in it: a strategy is a public class that implements IStrategy and declares public static StrategyDefinition Definition")]
    public void A_file_that_compiles_but_gives_no_runnable_strategy_names_why(string source, string expected)
    {
        var path = Write("bad.cs", source);

        var refused = Assert.Throws<StrategyFileException>(() => new StrategyFileLoader(CacheDirectory).LoadFile(path));

        var error = Assert.Single(refused.Errors);
        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal($"{path}: error: {error.Message}", error.ToString());
    }

    [Fact]
    public void Internal_and_abstract_strategy_classes_are_helpers_not_strategies()
    {
        var path = Write("helpers.cs", """
            using Trading.Strategies;
            public abstract class Base : IStrategy
            {
                public void Initialize(IStrategyContext context) { }
                public abstract void OnBar(IStrategyContext context, int symbol);
            }
            internal sealed class Helper : Base
            {
                public override void OnBar(IStrategyContext context, int symbol) { }
            }
            public sealed class Real : Base
            {
                public static StrategyDefinition Definition { get; } = new("real", "", [], _ => new Real());
                public override void OnBar(IStrategyContext context, int symbol) { }
            }
            """);

        var source = new StrategyFileLoader(CacheDirectory).LoadFile(path);

        Assert.Equal("real", Assert.Single(source.Strategies).Name);
    }

    [Fact]
    public void A_missing_file_is_one_line_naming_it()
    {
        var refused = Assert.Throws<ArgumentException>(() => new StrategyFileLoader(CacheDirectory).LoadFile("no/such.cs"));

        Assert.StartsWith("no strategy file at no/such.cs (", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_catalog_keeps_the_good_files_lists_the_broken_ones_and_refuses_a_name_taken_twice()
    {
        var folder = Path.Combine(_folder, "strategies");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "a_two.cs"), StrategySources.Two);
        File.WriteAllText(Path.Combine(folder, "b_broken.cs"), "class X { void F() { return 1; } }");
        File.WriteAllText(Path.Combine(folder, "c_again.cs"), StrategySources.Two.Replace("namespace", "// namespace", StringComparison.Ordinal) + "\n// another file, the same names\n");
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "not a strategy");
        var timed = Write("timed_trade.cs", StrategySources.TimedTrade);

        var catalog = StrategyCatalog.Load(new StrategyFileLoader(CacheDirectory), [folder, timed, "missing-folder", folder]);

        Assert.Equal(
            ["buy_and_hold", "sma_cross", "rsi_reversion", "bollinger_breakout", "momentum", "hold_all", "never_trade", "timed_trade"],
            catalog.Registry.All.Select(d => d.Name));
        Assert.Equal(Path.Combine(folder, "a_two.cs"), catalog.SourceOf(catalog.Registry.Find("never_trade"))!.Path);
        Assert.Null(catalog.SourceOf(catalog.Registry.Find("sma_cross")));
        Assert.Equal([Path.Combine(folder, "b_broken.cs"), Path.Combine(folder, "c_again.cs"), "missing-folder"], catalog.Broken.Select(b => b.Path));
        Assert.Equal("CS0127", catalog.Broken[0].Errors[0].Code);
        Assert.Equal("hold_all is the name of a strategy already loaded from another file; give this strategy another name", catalog.Broken[1].Errors[0].Message);
        Assert.StartsWith("no such folder or file", catalog.Broken[2].Errors[0].Message, StringComparison.Ordinal);
        Assert.False(StrategyRegistry.Default.TryFind("hold_all", out _));
    }

    [Fact]
    public void Paths_are_read_as_a_list_or_as_one_setting_split_by_the_path_separator()
    {
        var listed = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Strategies:Paths:0"] = "a", ["Strategies:Paths:1"] = " b.cs ", ["Strategies:CachePath"] = "c" })
            .Build();
        var joined = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Strategies:Paths"] = $"a{Path.PathSeparator}b.cs{Path.PathSeparator}" })
            .Build();

        Assert.Equal(["a", "b.cs"], StrategyFileOptions.From(listed).Paths);
        Assert.Equal("c", StrategyFileOptions.From(listed).CachePath);
        Assert.Equal(["a", "b.cs"], StrategyFileOptions.From(joined).Paths);
        Assert.Null(StrategyFileOptions.From(joined).CachePath);
    }

    [Fact]
    public void The_starter_names_its_class_after_the_strategy()
    {
        Assert.Equal("MyRsi", StarterStrategy.ClassName("my_rsi"));
        Assert.Equal("Rsi2Fast", StarterStrategy.ClassName("rsi_2_fast"));
        Assert.Contains("\"rsi_2_fast\",", StarterStrategy.Write("rsi_2_fast"), StringComparison.Ordinal);
    }
}

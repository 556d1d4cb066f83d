using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Trading.Strategies;
using Trading.Strategies.Files;

namespace Trading.Bench;

/// <summary>A user's strategy file (the starter <c>trade new strategy</c> writes) made runnable in a fresh process,
/// as <c>trade backtest --strategy-file</c> meets it: compiled with nothing cached (the compiler loaded and jitted
/// too: the first run after an edit), and loaded from the cache (every later run). Each measurement is one call in a
/// process of its own.</summary>
[SimpleJob(RunStrategy.ColdStart, launchCount: 5, warmupCount: 0, iterationCount: 1)]
public class StrategyFileColdBenchmarks
{
    private StrategyFiles _files = null!;

    [GlobalSetup]
    public void Setup() => _files = StrategyFiles.Create();

    [GlobalCleanup]
    public void Cleanup() => _files.Dispose();

    [IterationSetup(Target = nameof(Compile))]
    public void EmptyCache() => _files.EmptyCache();

    [IterationSetup(Target = nameof(FromCache))]
    public void FillCache() => _files.FillCache();

    [Benchmark(Description = "strategy file, cold process: compiled (nothing cached)")]
    public int Compile() => _files.Load().Strategies.Count;

    [Benchmark(Description = "strategy file, cold process: loaded from the cache")]
    public int FromCache() => _files.Load().Strategies.Count;
}

/// <summary>The same in a process that has compiled before (a server loading its folders, a test run): a compile of
/// new content with the compiler warm, a cached load, and a built-in's lookup for scale.</summary>
public class StrategyFileWarmBenchmarks
{
    private StrategyFiles _files = null!;
    private int _edit;

    [GlobalSetup]
    public void Setup()
    {
        _files = StrategyFiles.Create();
        _files.FillCache();
    }

    [GlobalCleanup]
    public void Cleanup() => _files.Dispose();

    [Benchmark(Description = "strategy file, warm process: an edited file compiled")]
    public int CompileEdited() => _files.LoadEdited(++_edit).Strategies.Count;

    [Benchmark(Description = "strategy file, warm process: loaded from the cache")]
    public int FromCache() => _files.Load().Strategies.Count;

    [Benchmark(Baseline = true, Description = "built-in strategy: found by name")]
    public int BuiltIn() => StrategyRegistry.Default.Find("sma_cross").Parameters.Count;
}

/// <summary>A temporary folder with the starter strategy file and a cache beside it.</summary>
internal sealed class StrategyFiles : IDisposable
{
    private readonly string _folder;
    private readonly string _source;

    private StrategyFiles(string folder)
    {
        _folder = folder;
        _source = StarterStrategy.Write("my_breakout");
        File.WriteAllText(FilePath, _source);
    }

    private string FilePath => Path.Combine(_folder, "my_breakout.cs");

    private string CachePath => Path.Combine(_folder, "cache");

    public static StrategyFiles Create()
    {
        var folder = Path.Combine(Path.GetTempPath(), "trading-bench-strategy-files", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return new StrategyFiles(folder);
    }

    public StrategySource Load() => new StrategyFileLoader(CachePath).LoadFile(FilePath);

    /// <summary>The file with a different last line each time: new content, so a compile.</summary>
    public StrategySource LoadEdited(int edit)
    {
        var path = Path.Combine(_folder, "edited.cs");
        File.WriteAllText(path, $"{_source}// edit {edit}\n");
        return new StrategyFileLoader(CachePath).LoadFile(path);
    }

    public void EmptyCache()
    {
        if (Directory.Exists(CachePath))
        {
            Directory.Delete(CachePath, recursive: true);
        }
    }

    /// <summary>Writes the cache entry without running the loader, so a cold load measures the loader's first call.</summary>
    public void FillCache() => new StrategyFileLoader(CachePath).Precompile(FilePath);

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

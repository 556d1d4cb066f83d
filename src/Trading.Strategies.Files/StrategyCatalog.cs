namespace Trading.Strategies.Files;

/// <summary>Every strategy a user can choose: the built-ins, then those of the configured strategy files and
/// assemblies, with the files that gave none and why. A broken file is listed, never fatal: the rest still run.</summary>
public sealed class StrategyCatalog
{
    private StrategyCatalog(StrategyRegistry registry, IReadOnlyList<StrategySource> sources, IReadOnlyList<BrokenStrategySource> broken)
    {
        Registry = registry;
        Sources = sources;
        Broken = broken;
    }

    /// <summary>The built-ins and every strategy of <see cref="Sources"/>, by name.</summary>
    public StrategyRegistry Registry { get; }

    /// <summary>The files and assemblies that loaded, in the order found.</summary>
    public IReadOnlyList<StrategySource> Sources { get; }

    /// <summary>The files and assemblies that gave no strategy (compile errors, a name already taken, ...).</summary>
    public IReadOnlyList<BrokenStrategySource> Broken { get; }

    /// <summary>The built-ins alone.</summary>
    public static StrategyCatalog BuiltIn => new(StrategyRegistry.Default, [], []);

    /// <summary>The file or assembly <paramref name="definition"/> comes from; null for a built-in.</summary>
    public StrategySource? SourceOf(StrategyDefinition definition) =>
        Sources.FirstOrDefault(s => s.Strategies.Contains(definition));

    /// <summary>Loads every strategy file and assembly under <paramref name="paths"/> (folders: the <c>*.cs</c> files
    /// directly in them, by name; files: <c>.cs</c> compiled, <c>.dll</c> loaded) after the built-ins. A strategy
    /// whose name is taken (by a built-in or an earlier file) makes its file broken.</summary>
    public static StrategyCatalog Load(StrategyFileLoader loader, IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(loader);
        ArgumentNullException.ThrowIfNull(paths);
        var registry = StrategyRegistry.Default;
        var sources = new List<StrategySource>();
        var broken = new List<BrokenStrategySource>();
        foreach (var (path, missing) in Expand(paths))
        {
            if (missing is not null)
            {
                broken.Add(new BrokenStrategySource(path, [new StrategyFileError(path, 0, 0, null, missing)]));
                continue;
            }

            try
            {
                var source = path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? StrategyFileLoader.LoadAssembly(path) : loader.LoadFile(path);
                Add(registry, source);
                sources.Add(source);
            }
            catch (StrategyFileException e)
            {
                broken.Add(new BrokenStrategySource(path, e.Errors));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A user's file is the user's code: whatever it throws while loading makes it broken, never the caller.
                broken.Add(new BrokenStrategySource(path, [new StrategyFileError(path, 0, 0, null, e.Message)]));
            }
        }

        return new StrategyCatalog(registry, sources, broken);
    }

    /// <summary>Adds <paramref name="source"/>'s strategies to <paramref name="registry"/>, all or none.</summary>
    /// <exception cref="StrategyFileException">A name is taken already; nothing was added.</exception>
    public static void Add(StrategyRegistry registry, StrategySource source)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(source);
        var taken = source.Strategies
            .Where(s => registry.TryFind(s.Name, out _))
            .Select(s => new StrategyFileError(source.Path, 0, 0, null, $"{s.Name} is the name of {Owner(s.Name)}; give this strategy another name"))
            .ToList();
        if (taken.Count > 0)
        {
            throw new StrategyFileException(taken);
        }

        foreach (var strategy in source.Strategies)
        {
            registry.Register(strategy);
        }
    }

    private static string Owner(string name) =>
        StrategyRegistry.Default.TryFind(name, out _) ? "a built-in strategy" : "a strategy already loaded from another file";

    /// <summary>The files named by <paramref name="paths"/> in order, each once, or why a path names none.</summary>
    private static List<(string Path, string? Missing)> Expand(IEnumerable<string> paths)
    {
        var files = new List<(string, string?)>();
        var seen = new HashSet<string>(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        foreach (var path in paths.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim()))
        {
            if (Directory.Exists(path))
            {
                var found = Directory.GetFiles(path, "*.cs", SearchOption.TopDirectoryOnly);
                Array.Sort(found, StringComparer.Ordinal);
                files.AddRange(found.Where(f => seen.Add(Path.GetFullPath(f))).Select(f => (f, (string?)null)));
            }
            else if (File.Exists(path))
            {
                if (seen.Add(Path.GetFullPath(path)))
                {
                    files.Add((path, null));
                }
            }
            else
            {
                files.Add((path, $"no such folder or file ({Path.GetFullPath(path)})"));
            }
        }

        return files;
    }
}

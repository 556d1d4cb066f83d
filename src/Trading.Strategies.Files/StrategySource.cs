namespace Trading.Strategies.Files;

/// <summary>The strategies of one user's file or assembly, with what identifies its content.</summary>
/// <param name="Path">The file as the user named it (errors and listings show this).</param>
/// <param name="FullPath">Where it was read.</param>
/// <param name="ContentHash">SHA-256 of the file's bytes (lower-case hex): a run or a node records it, so a changed
/// file is seen rather than silently run in place of the one that was.</param>
/// <param name="Strategies">The strategies it declares, in declaration order.</param>
public sealed record StrategySource(string Path, string FullPath, string ContentHash, IReadOnlyList<StrategyDefinition> Strategies)
{
    /// <summary>True when this load compiled the file (no cached build of this content with this library and
    /// compiler); false when it came from the cache, and for an assembly.</summary>
    public bool Compiled { get; init; }

    /// <summary>How long compiling took when <see cref="Compiled"/>.</summary>
    public TimeSpan CompileTime { get; init; }

    /// <summary>Something about the cache the user may want to know (a damaged entry compiled again, a folder that
    /// cannot be written); null when all went as usual.</summary>
    public string? CacheNote { get; init; }

    /// <summary>The strategy named <paramref name="name"/> (ignoring case), or the only one when the name is null.</summary>
    /// <exception cref="ArgumentException">No such strategy here, or several and no name: the message lists them.</exception>
    public StrategyDefinition Find(string? name)
    {
        if (name is null)
        {
            return Strategies.Count == 1
                ? Strategies[0]
                : throw new ArgumentException($"{Path} holds {Strategies.Count} strategies ({Names}); name the one to run");
        }

        return Strategies.FirstOrDefault(s => string.Equals(s.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"no strategy named '{name}' in {Path}; it holds {Names}");
    }

    private string Names => string.Join(", ", Strategies.Select(s => s.Name));
}

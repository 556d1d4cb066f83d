using System.Reflection;
using System.Runtime.Loader;

namespace Trading.Strategies.Files;

/// <summary>Where one strategy file's or assembly's code is loaded: its own collectible context, so the same file
/// loaded twice in a process (a test, a server reading its folders again) never clashes on an assembly name, and code
/// nobody uses any more can be unloaded.</summary>
/// <remarks>This library and everything the host has resolve to the host's copies, so <see cref="IStrategy"/> is one
/// type for the host and the strategy (a copy of Trading.dll beside a strategy assembly is ignored). Only what the
/// host lacks is looked for beside the strategy assembly.</remarks>
internal sealed class StrategyLoadContext(string name, string? directory) : AssemblyLoadContext(name, isCollectible: true)
{
    protected override Assembly? Load(AssemblyName assemblyName)
    {
        try
        {
            return Default.LoadFromAssemblyName(assemblyName);
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException)
        {
            // Not the host's: look beside the strategy assembly.
        }

        if (directory is null || assemblyName.Name is null)
        {
            return null;
        }

        var candidate = Path.Combine(directory, assemblyName.Name + ".dll");
        return File.Exists(candidate) ? LoadFromAssemblyPath(candidate) : null;
    }
}

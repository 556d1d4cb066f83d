using Microsoft.Extensions.Configuration;

namespace Trading.Strategies.Files;

/// <summary>The <c>Strategies</c> settings: where users' strategies are (offered beside the built-ins by the server
/// and the command line) and where compiled files are cached.</summary>
public sealed class StrategyFileOptions
{
    public const string SectionName = "Strategies";

    /// <summary>Folders (each <c>*.cs</c> file directly in one), <c>.cs</c> files and <c>.dll</c> strategy assemblies,
    /// relative to the working folder: <c>Strategies:Paths:0=strategies</c>, or one setting with several separated
    /// by the system's path separator (<c>TRADE_Strategies__Paths=strategies:more/rsi.cs</c>).</summary>
    public IReadOnlyList<string> Paths { get; init; } = [];

    /// <summary>Where compiled strategy files are kept; default <see cref="StrategyFileLoader.DefaultCacheDirectory"/>.</summary>
    public string? CachePath { get; init; }

    /// <summary>The settings under <see cref="SectionName"/> of <paramref name="configuration"/>.</summary>
    public static StrategyFileOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SectionName);
        var paths = section.GetSection(nameof(Paths));
        var listed = paths.Value is { } joined
            ? joined.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : paths.GetChildren().Select(c => c.Value).OfType<string>().Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim());
        return new StrategyFileOptions
        {
            Paths = [.. listed],
            CachePath = section[nameof(CachePath)] is { Length: > 0 } cache ? cache : null,
        };
    }
}

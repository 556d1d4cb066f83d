namespace Trading.Cli;

/// <summary>A universe file: symbols one per line or comma-separated, <c>#</c> to the end of a line is a comment.</summary>
internal static class UniverseFile
{
    /// <summary>The symbols of <c>--symbols</c> and <c>--universe</c> together, as the text <c>--symbols</c> takes.</summary>
    public static string[]? Combine(string[]? symbols, FileInfo? universe)
    {
        if (universe is null)
        {
            return symbols;
        }

        if (symbols is { Length: > 0 })
        {
            throw new CliException("give --symbols or --universe, not both");
        }

        CliOptions.RequireFile(universe);

        var listed = File.ReadLines(universe.FullName)
            .Select(line => line.IndexOf('#', StringComparison.Ordinal) is var hash and >= 0 ? line[..hash] : line)
            .SelectMany(line => line.Split([',', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToArray();
        return listed.Length > 0 ? listed : throw new CliException($"{universe.FullName} lists no symbols");
    }
}

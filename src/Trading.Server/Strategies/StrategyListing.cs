using Trading.Strategies;
using Trading.Strategies.Files;

namespace Trading.Server.Strategies;

/// <summary>One entry of <c>GET /api/v1/strategy/strategies</c>: a strategy's schema (name, description, parameters,
/// rules, as before) and where it comes from; or a configured strategy file that does not load, named by its file,
/// with <c>status</c> <c>error</c> and each compile error.</summary>
/// <param name="Source"><c>built_in</c>, or the strategy file or assembly as configured.</param>
/// <param name="ContentHash">SHA-256 of the strategy file; null for a built-in.</param>
/// <param name="Status"><c>ok</c>, or <c>error</c> for a file that gives no strategy.</param>
/// <param name="Errors">Why not, one line each: <c>file(line,col): error CSxxxx: message</c>.</param>
internal sealed record StrategyListing(
    string Name,
    string Description,
    IReadOnlyList<StrategyParameter> Parameters,
    IReadOnlyList<string> Rules,
    string Source,
    string? ContentHash,
    string Status,
    IReadOnlyList<string> Errors)
{
    public const string BuiltIn = "built_in";

    public static IReadOnlyList<StrategyListing> Of(StrategyCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var listings = new List<StrategyListing>();
        foreach (var definition in catalog.Registry.All)
        {
            var source = catalog.SourceOf(definition);
            var description = definition.Describe();
            listings.Add(new(description.Name, description.Description, description.Parameters, description.Rules, source?.Path ?? BuiltIn, source?.ContentHash, "ok", []));
        }

        foreach (var broken in catalog.Broken)
        {
            listings.Add(new(
                Path.GetFileName(broken.Path),
                $"does not load ({broken.Errors.Count} {(broken.Errors.Count == 1 ? "error" : "errors")}); its strategies are not offered",
                [],
                [],
                broken.Path,
                null,
                "error",
                [.. broken.Errors.Select(e => e.ToString())]));
        }

        return listings;
    }
}

using Spectre.Console;
using Trading.Strategies;

namespace Trading.Cli;

/// <summary>Which parameters a run used and where each came from, as a few lines under its heading:
/// <c>parameters from --set: fast=20</c>, <c>parameters stored for this database: slow=50</c>,
/// <c>parameters at their defaults: quantity=0, allocation=1</c>.</summary>
internal static class ParameterProvenance
{
    public static void Write(IAnsiConsole console, IReadOnlyDictionary<string, object> values, IReadOnlyDictionary<string, ParameterSource>? sources)
    {
        if (sources is null || values.Count == 0)
        {
            return;
        }

        foreach (var (source, heading) in new[]
        {
            (ParameterSource.Override, "parameters from --set"),
            (ParameterSource.Stored, "parameters stored for this database"),
            (ParameterSource.Default, "parameters at their defaults"),
        })
        {
            var named = values.Where(v => sources.TryGetValue(v.Key, out var from) && from == source).Select(v => $"{v.Key}={StrategyParameter.Format(v.Value)}").ToList();
            if (named.Count > 0)
            {
                console.WriteLine($"{heading}: {string.Join(", ", named)}");
            }
        }
    }

    /// <summary>Source names as the JSON writes them: default, stored, override.</summary>
    public static string Name(ParameterSource source) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(source.ToString());
}

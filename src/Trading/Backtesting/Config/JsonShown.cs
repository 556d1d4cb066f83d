using System.Text.Json;

namespace Trading.Backtesting.Config;

/// <summary>A JSON value as a message quotes it after "got": a number as written, text quoted (and shortened), else its kind.</summary>
internal static class JsonShown
{
    public static string Of(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => element.GetRawText(),
        JsonValueKind.String => $"'{Shorten(element.GetString()!)}'",
        _ => $"a JSON {element.ValueKind.ToString().ToLowerInvariant()}",
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");
}

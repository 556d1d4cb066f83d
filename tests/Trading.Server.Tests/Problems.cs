using System.Net;
using System.Text.Json;

namespace Trading.Server.Tests;

/// <summary>Reads an RFC 7807 answer and checks what every problem of this API promises.</summary>
internal static class Problems
{
    /// <summary>Asserts the status, the problem+json content type, and that <c>errors</c> names
    /// <paramref name="field"/> (or a member of it, like <c>symbols[1]</c>); returns the body.</summary>
    public static async Task<JsonElement> AssertProblem(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        var errors = body.GetProperty("errors");
        var names = errors.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.True(names.Any(n => n == field || n.StartsWith(field + "[", StringComparison.Ordinal) || n.StartsWith(field + ".", StringComparison.Ordinal)), $"errors should name '{field}': {text}");
        return body;
    }
}

using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Trading.Server.Hosting;

/// <summary>Reads a request body as JSON with the server's (snake_case) options, turning every way it can be wrong
/// (not JSON, the wrong shape, a member of the wrong type, too large) into a problem that names the member.</summary>
/// <remarks>Minimal APIs answer a body that does not bind with a bare 400; reading it here gives the client the
/// field and the reason instead.</remarks>
internal static class JsonBody
{
    /// <summary>Whether the request carries a body at all (a length above zero, or chunks), for routes where it is optional.</summary>
    public static bool IsPresent(HttpRequest request) => request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0;

    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentType is { Length: > 0 } contentType && !contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, ApiProblem.Field(StatusCodes.Status415UnsupportedMediaType, "body", $"the body must be JSON (Content-Type: application/json); got '{Shorten(contentType)}'"));
        }

        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, options, cancellationToken).ConfigureAwait(false);
            return value is null
                ? (null, ApiProblem.Field(StatusCodes.Status400BadRequest, "body", "the body must be a JSON object, not null"))
                : (value, null);
        }
        catch (JsonException e)
        {
            // A syntax error (the reader's own exception inside) is the body's fault as a whole; a member of the
            // wrong type is that member's.
            var field = e.InnerException is JsonException ? "body" : FieldOf(e.Path);
            return (null, ApiProblem.Field(StatusCodes.Status400BadRequest, field, $"the body is not valid JSON for this route: {Reason(e)}"));
        }
        catch (BadHttpRequestException e)
        {
            return (null, ApiProblem.Field(e.StatusCode, "body", e.Message));
        }
    }

    /// <summary>The member a JSON path points at, as the client spelt it: <c>$.symbols[1]</c> is <c>symbols</c>;
    /// the root, or no path, is the body itself.</summary>
    internal static string FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "body";
        }

        var name = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        var end = name.IndexOfAny(['.', '[']);
        var field = end > 0 ? name[..end] : name;
        return field.Length == 0 ? "body" : field;
    }

    // The serializer's message starts with the path and ends with line and byte positions; the client wants the why.
    private static string Reason(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        message = cut > 0 ? message[..cut] : message;
        return Shorten(message);
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : string.Concat(text.AsSpan(0, 200), "…");
}

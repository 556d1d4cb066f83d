using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
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
        if (request.ContentType is { Length: > 0 } contentType && !CrossSiteRequests.IsJson(contentType))
        {
            return (null, ApiProblem.Field(StatusCodes.Status415UnsupportedMediaType, "body", $"the body must be JSON (Content-Type: application/json); got '{Shorten(contentType)}'"));
        }

        var options = Strict.GetValue(
            request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions,
            static server => new JsonSerializerOptions(server) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow });
        try
        {
            // Kestrel caps the body (1 MB), so reading it whole is bounded.
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body, cancellationToken).ConfigureAwait(false);
            var json = body.GetBuffer().AsMemory(0, (int)body.Length);
            if (Scan(json.Span) is { } flaw)
            {
                return (null, ApiProblem.Field(StatusCodes.Status400BadRequest, flaw.Field, flaw.Message));
            }

            var value = JsonSerializer.Deserialize<T>(json.Span, options);
            return value is null
                ? (null, ApiProblem.Field(StatusCodes.Status400BadRequest, "body", "the body must be a JSON object, not null"))
                : (value, null);
        }
        catch (JsonException e)
        {
            // A syntax error (the reader's own exception inside) is the body's fault as a whole; a member of the
            // wrong type is that member's; a member the route does not take is named with those it does. The
            // serializer's own words name .NET types, which tell a client nothing: the message says what to send.
            var type = options.GetTypeInfo(typeof(T));
            var field = e.InnerException is JsonException ? "body" : FieldOf(e.Path);
            if (e.InnerException is JsonException)
            {
                return (null, ApiProblem.Field(StatusCodes.Status400BadRequest, field, $"the body is not valid JSON: {Reason(e)}"));
            }

            if (field == "body")
            {
                return (null, ApiProblem.Field(StatusCodes.Status400BadRequest, field, $"the body must be a JSON object{Members(type, " of ")}"));
            }

            var property = type.Kind == JsonTypeInfoKind.Object ? type.Properties.FirstOrDefault(p => string.Equals(p.Name, field, StringComparison.OrdinalIgnoreCase)) : null;
            if (type.Kind == JsonTypeInfoKind.Object && property is null)
            {
                return (null, ApiProblem.Field(StatusCodes.Status400BadRequest, field, $"'{Shorten(field)}' is not a member of this route's body; it takes{Members(type, " ")}"));
            }

            // symbols[1] is an element of symbols: it must be what the list holds.
            var where = e.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : field;
            var valueType = property?.PropertyType is { } declared && where.Contains('[', StringComparison.Ordinal)
                ? options.GetTypeInfo(declared).ElementType ?? declared
                : property?.PropertyType;
            return (null, ApiProblem.Field(StatusCodes.Status400BadRequest, field, $"{Shorten(where)} must be {Expected(options, valueType)}"));
        }
        catch (BadHttpRequestException e)
        {
            return (null, ApiProblem.Field(e.StatusCode, "body", e.Message));
        }
    }

    // The server's options with unknown members refused: ignored, a misspelt limit_price made a market order.
    private static readonly ConditionalWeakTable<JsonSerializerOptions, JsonSerializerOptions> Strict = new();

    // The members an object body takes, after `lead`; nothing for a body of free names (strategy parameters).
    private static string Members(JsonTypeInfo type, string lead) =>
        type.Kind == JsonTypeInfoKind.Object ? lead + string.Join(", ", type.Properties.Select(p => p.Name)) : string.Empty;

    /// <summary>What a value of <paramref name="type"/> is written as in JSON, in a client's words.</summary>
    private static string Expected(JsonSerializerOptions options, Type? type)
    {
        var value = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        if (value == typeof(string))
        {
            return "a string";
        }

        if (value == typeof(decimal))
        {
            return "a number a decimal holds (28 significant digits, less than 7.9e28 in size)";
        }

        if (value == typeof(double))
        {
            return "a finite number";
        }

        if (value == typeof(int) || value == typeof(long))
        {
            return "a whole number";
        }

        if (value == typeof(bool))
        {
            return "true or false";
        }

        return value is null ? "another JSON value" : options.GetTypeInfo(value).Kind switch
        {
            JsonTypeInfoKind.Enumerable => $"an array of {Plural(Expected(options, options.GetTypeInfo(value).ElementType))}",
            JsonTypeInfoKind.Dictionary or JsonTypeInfoKind.Object => "a JSON object",
            _ => "another JSON value",
        };
    }

    // "a string" -> "strings", for "an array of strings".
    private static string Plural(string one) => one.StartsWith("a string", StringComparison.Ordinal) ? "strings" : $"values, each {one}";

    /// <summary>What is wrong with the body as JSON, before the serializer binds it: not JSON at all; text or a name
    /// that JSON allows but no .NET string can hold (an escaped lone surrogate); or a member given twice in one object
    /// (names ignore case, as binding does; the serializer would keep the last one silently). Null when none is.</summary>
    /// <remarks>The serializer reads such text only when asked for it, so a member bound as raw JSON would fail later,
    /// deep in a route, as a 500.</remarks>
    internal static (string Field, string Message)? Scan(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);

        // One entry per open object or array: the member being read, or the index of the element being read, and
        // the names an object has had so far.
        var containers = new List<Container>();
        try
        {
            while (reader.Read())
            {
                var token = reader.TokenType;
                if (token is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    containers.RemoveAt(containers.Count - 1);
                    continue;
                }

                if (token == JsonTokenType.PropertyName)
                {
                    if (!Reads(ref reader))
                    {
                        return Unicode(PathOf(containers, upTo: containers.Count - 1));
                    }

                    var name = reader.GetString()!;
                    var current = containers[^1];
                    current.Member = name;
                    current.Names ??= new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                    if (!current.Names.Add(name.Trim()))
                    {
                        var path = PathOf(containers, upTo: containers.Count);
                        return (path, $"'{Shorten(path)}' is given twice (names ignore case): send it once");
                    }

                    continue;
                }

                // A value: in an array, the next element.
                if (containers.Count > 0 && containers[^1].Member is null)
                {
                    containers[^1].Index++;
                }

                if (token == JsonTokenType.String && !Reads(ref reader))
                {
                    return Unicode(PathOf(containers, upTo: containers.Count));
                }

                if (token is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    containers.Add(new Container { Member = token == JsonTokenType.StartObject ? string.Empty : null });
                }
            }
        }
        catch (JsonException e)
        {
            // Not JSON at all: said before any member is judged, since a member after the break was never sent.
            return ("body", $"the body is not valid JSON: {Shorten(e.Message)}");
        }

        return null;
    }

    private static (string Field, string Message) Unicode(string field) =>
        (field, $"the text of {field} is not valid Unicode: it has a lone surrogate (an escape such as \\ud800 without its pair)");

    /// <summary>An object (<see cref="Member"/> the one being read, empty before the first) or an array
    /// (<see cref="Member"/> null, <see cref="Index"/> the element being read).</summary>
    private sealed class Container
    {
        public string? Member { get; set; }

        public int Index { get; set; } = -1;

        public HashSet<string>? Names { get; set; }
    }

    private static bool Reads(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return true;
        }

        try
        {
            _ = reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    // members.name or [index] for each of the first `upTo` containers; the body itself when that is none.
    private static string PathOf(List<Container> containers, int upTo)
    {
        var path = new System.Text.StringBuilder();
        for (var i = 0; i < upTo; i++)
        {
            var (member, index) = (containers[i].Member, containers[i].Index);
            if (member is null)
            {
                path.Append('[').Append(index).Append(']');
            }
            else if (member.Length > 0)
            {
                path.Append(path.Length == 0 ? string.Empty : ".").Append(member);
            }
        }

        return path.Length == 0 ? "body" : path.ToString();
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

using Microsoft.AspNetCore.Http.HttpResults;

namespace Trading.Server.Hosting;

/// <summary>RFC 7807 answers that name what was wrong: <c>errors</c> maps each offending field (a query parameter,
/// a route value, a body member, or <c>body</c> for the body as a whole) to what is wrong with it.</summary>
internal static class ApiProblem
{
    /// <summary>One field, one message, any 4xx or 5xx status.</summary>
    public static ProblemHttpResult Field(int status, string field, string message, IDictionary<string, object?>? extensions = null) =>
        Fields(status, new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] }, extensions);

    /// <summary>Several fields; the first message becomes the detail, so a client that reads only the detail still
    /// learns something useful.</summary>
    public static ProblemHttpResult Fields(int status, IReadOnlyDictionary<string, string[]> errors, IDictionary<string, object?>? extensions = null)
    {
        var all = new Dictionary<string, object?>(StringComparer.Ordinal) { ["errors"] = errors };
        if (extensions is not null)
        {
            foreach (var (key, value) in extensions)
            {
                all[key] = value;
            }
        }

        var first = errors.Values.SelectMany(m => m).FirstOrDefault();
        return TypedResults.Problem(detail: first, statusCode: status, title: TitleOf(status), extensions: all);
    }

    public static string TitleOf(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "The request is not valid",
        StatusCodes.Status401Unauthorized => "A valid X-API-Key header is required",
        StatusCodes.Status404NotFound => "Not found",
        StatusCodes.Status409Conflict => "Conflict with the current state",
        StatusCodes.Status413PayloadTooLarge => "The request body is too large",
        StatusCodes.Status415UnsupportedMediaType => "The body must be JSON",
        StatusCodes.Status422UnprocessableEntity => "The request cannot be carried out as it stands",
        StatusCodes.Status429TooManyRequests => "Too many requests",
        StatusCodes.Status503ServiceUnavailable => "Service unavailable",
        _ => "The request failed",
    };
}

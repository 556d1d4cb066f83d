namespace Trading.Server.Hosting;

/// <summary>Gives the framework's own bare refusals (no such route, wrong method, a body that is not JSON) a problem
/// body in the API's shape, naming what was wrong with the request.</summary>
internal static class EmptyStatusProblems
{
    public static IApplicationBuilder UseEmptyStatusProblems(this IApplicationBuilder app) =>
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            var (field, message) = http.Response.StatusCode switch
            {
                StatusCodes.Status404NotFound => ("path", $"no route matches {http.Request.Path.Value?.Length switch { > 200 => "this path", _ => http.Request.Path.Value }}; see /openapi/v1.json for the routes"),
                StatusCodes.Status405MethodNotAllowed => ("method", $"{http.Request.Method} is not allowed on this route"),
                StatusCodes.Status415UnsupportedMediaType => ("body", $"the body must be JSON (Content-Type: application/json)"),
                var status => ("request", ApiProblem.TitleOf(status)),
            };
            await ApiProblem.Field(http.Response.StatusCode, field, message).ExecuteAsync(http).ConfigureAwait(false);
        });
}

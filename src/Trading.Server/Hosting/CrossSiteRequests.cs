using Microsoft.Net.Http.Headers;

namespace Trading.Server.Hosting;

/// <summary>Refuses, with a 415 problem, any request to an <c>/api/v1</c> route that changes state (POST, PUT, PATCH,
/// DELETE) unless it carries something a web page cannot send to another origin without a CORS preflight, which this
/// server never grants: <c>Content-Type: application/json</c>, or, for a request without a body, an
/// <c>X-Requested-With</c> or <c>X-API-Key</c> header. So a page the user visits cannot reset the paper account with a
/// form or a no-cors fetch, whether or not an API key is configured.</summary>
internal static class CrossSiteRequests
{
    public const string RequestedWithHeader = "X-Requested-With";

    public static IApplicationBuilder UseCrossSiteRequestGuard(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (!Changes(context) || IsJson(request.ContentType))
            {
                await next(context).ConfigureAwait(false);
                return;
            }

            var hasBody = request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0;
            if (!hasBody && string.IsNullOrEmpty(request.ContentType) &&
                (request.Headers.ContainsKey(RequestedWithHeader) || request.Headers.ContainsKey(ApiKeyFilter.HeaderName)))
            {
                await next(context).ConfigureAwait(false);
                return;
            }

            var sent = string.IsNullOrEmpty(request.ContentType) ? "no Content-Type" : $"Content-Type '{(request.ContentType.Length > 60 ? request.ContentType[..60] + "…" : request.ContentType)}'";
            var message = hasBody
                ? $"the body must be JSON (Content-Type: application/json); got {sent}"
                : $"a request that changes state needs Content-Type: application/json (with or without a body) or an {RequestedWithHeader} header; got {sent}";
            await ApiProblem.Field(StatusCodes.Status415UnsupportedMediaType, hasBody ? "body" : "Content-Type", message).ExecuteAsync(context).ConfigureAwait(false);
        });

    /// <summary>A route of the API that may change state, reached with a method it answers.</summary>
    private static bool Changes(HttpContext context)
    {
        var method = context.Request.Method;
        if (!(HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method)) ||
            !context.Request.Path.StartsWithSegments("/api/v1", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // No route, or not this method: the 404 or 405 says more than a 415 would.
        return context.GetEndpoint()?.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(method, StringComparer.OrdinalIgnoreCase) == true;
    }

    /// <summary>application/json itself: not any <c>+json</c> type, since a page makes the browser post
    /// <c>application/reports+json</c> (Reporting API) cross-site without a preflight.</summary>
    internal static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed) &&
        parsed.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase);
}

using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Trading.Server.Hosting;

/// <summary>Guards the routes that change state, and the order stream: when <c>Server:ApiKey</c> is set, the request must carry it in
/// <c>X-API-Key</c>; otherwise it is answered 401 and never reaches the handler.</summary>
/// <remarks>The comparison takes the same time however many characters match, and neither the expected nor the
/// offered key is ever written to a log.</remarks>
internal sealed partial class ApiKeyFilter(IOptions<ServerOptions> options, ILogger<ApiKeyFilter> logger) : IEndpointFilter
{
    public const string HeaderName = "X-API-Key";

    private readonly byte[]? _expected = string.IsNullOrEmpty(options.Value.ApiKey) ? null : Encoding.UTF8.GetBytes(options.Value.ApiKey);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (_expected is not null && !Matches(context.HttpContext.Request.Headers[HeaderName]))
        {
            LogRefused(logger, context.HttpContext.Request.Method, context.HttpContext.Request.Path);
            context.HttpContext.Response.Headers.WWWAuthenticate = HeaderName;
            return ApiProblem.Field(StatusCodes.Status401Unauthorized, HeaderName, $"this route needs the server's API key: send it in the {HeaderName} header");
        }

        return await next(context).ConfigureAwait(false);
    }

    private bool Matches(Microsoft.Extensions.Primitives.StringValues offered)
    {
        if (offered.Count != 1 || offered[0] is not { } text)
        {
            return false;
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        return CryptographicOperations.FixedTimeEquals(bytes, _expected);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Method} {Path}: missing or wrong API key")]
    private static partial void LogRefused(ILogger logger, string method, PathString path);
}

using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Trading.Server.Hosting;

/// <summary>A fixed window of requests per client address (<c>Server:RateLimit</c>); over the limit, a 429 problem
/// with <c>Retry-After</c>.</summary>
internal static class ClientRateLimiter
{
    public static IServiceCollection AddClientRateLimiter(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<ServerOptions>>((options, server) =>
        {
            var limits = server.Value.RateLimit;
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                var seconds = Math.Max(1, (int)Math.Ceiling(limits.Window.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var problem = ApiProblem.Field(
                    StatusCodes.Status429TooManyRequests,
                    "client",
                    $"at most {limits.PermitLimit} requests per {limits.Window.TotalSeconds:0.###} s from one address; retry after {seconds} s");
                await problem.ExecuteAsync(context.HttpContext).ConfigureAwait(false);
            };

            // The address object itself is the partition key: no string is made per request.
            options.GlobalLimiter = limits.PermitLimit == 0
                ? PartitionedRateLimiter.Create<HttpContext, IPAddress>(_ => RateLimitPartition.GetNoLimiter(IPAddress.None))
                : PartitionedRateLimiter.Create<HttpContext, IPAddress>(context => RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress ?? IPAddress.None,
                    _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = limits.PermitLimit,
                        Window = limits.Window,
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    }));
        });
        return services;
    }
}

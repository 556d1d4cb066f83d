using Microsoft.Extensions.Primitives;

namespace Trading.Server.Hosting;

/// <summary>The host names the server answers to, against DNS rebinding (a page whose name comes to resolve to this
/// machine must not reach it): <c>AllowedHosts</c> (semicolon-separated, <c>*.example.com</c> and <c>*</c> allowed)
/// when set, else the loopback names and the host names of the listen addresses.</summary>
internal sealed class AllowedHosts
{
    public const string SettingName = "AllowedHosts";

    private static readonly string[] Loopback = ["localhost", "127.0.0.1", "[::1]"];

    private readonly List<StringSegment> _patterns;

    public AllowedHosts(IReadOnlyList<string> names)
    {
        Names = names;
        _patterns = [.. names.Select(n => new StringSegment(n))];
    }

    public IReadOnlyList<string> Names { get; }

    public bool AnyHost => Names.Contains("*");

    public static AllowedHosts From(IConfiguration configuration)
    {
        var configured = configuration[SettingName];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new AllowedHosts(configured.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        var listening = ListenAddresses.From(configuration).All.Where(a => a.NamesAHost).Select(a => a.Host);
        return new AllowedHosts([.. Loopback.Concat(listening).Distinct(StringComparer.OrdinalIgnoreCase)]);
    }

    /// <summary>True when <paramref name="host"/> (a request's Host header, port ignored) is one of the names.</summary>
    public bool Allows(HostString host) =>
        AnyHost || (host.HasValue && HostString.MatchesAny(new StringSegment(host.Host), _patterns));
}

/// <summary>Answers a request whose Host header is not an allowed name with a 400 problem, before anything else runs.</summary>
internal static class HostFiltering
{
    public static IApplicationBuilder UseAllowedHosts(this IApplicationBuilder app)
    {
        var hosts = app.ApplicationServices.GetRequiredService<AllowedHosts>();
        return hosts.AnyHost ? app : app.Use(async (context, next) =>
        {
            if (hosts.Allows(context.Request.Host))
            {
                await next(context).ConfigureAwait(false);
                return;
            }

            var sent = context.Request.Host.Value is { Length: > 0 } value ? $"'{(value.Length > 100 ? value[..100] + "…" : value)}'" : "no Host header";
            await ApiProblem.Field(StatusCodes.Status400BadRequest, "Host", $"this server answers to {string.Join(", ", hosts.Names)}, not {sent}; set {AllowedHosts.SettingName} to the names clients use").ExecuteAsync(context).ConfigureAwait(false);
        });
    }
}

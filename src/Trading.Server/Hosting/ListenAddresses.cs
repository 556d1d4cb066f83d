using System.Net;

namespace Trading.Server.Hosting;

/// <summary>Where the server is told to listen (<c>--urls</c>, <c>ASPNETCORE_URLS</c>, <c>Kestrel:Endpoints</c>), and
/// which network interfaces each address opens, as Kestrel binds it.</summary>
internal sealed record ListenAddresses(IReadOnlyList<ListenAddress> All)
{
    /// <summary>The addresses in <paramref name="configuration"/>; the loopback default when none is given.</summary>
    public static ListenAddresses From(IConfiguration configuration)
    {
        var urls = (configuration[WebHostDefaults.ServerUrlsKey] ?? string.Empty)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Concat(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>())
            .ToList();
        if (urls.Count == 0)
        {
            urls.Add(ServerOptions.DefaultUrls);
        }

        return new ListenAddresses([.. urls.Select(ListenAddress.Parse)]);
    }

    /// <summary>The addresses that can be reached from other machines.</summary>
    public IReadOnlyList<ListenAddress> BeyondLoopback => [.. All.Where(a => a.Reach != ListenReach.Loopback)];
}

/// <summary>One address and what it opens.</summary>
/// <param name="Host">The host part as written (<c>localhost</c>, <c>0.0.0.0</c>, <c>[::1]</c>, <c>myhost</c>).</param>
internal sealed record ListenAddress(string Url, string Host, ListenReach Reach)
{
    public static ListenAddress Parse(string url)
    {
        BindingAddress parsed;
        try
        {
            parsed = BindingAddress.Parse(url);
        }
        catch (FormatException)
        {
            // Kestrel refuses it at start with its own message; counted as the widest to be safe.
            return new ListenAddress(url, url, ListenReach.EveryInterface);
        }

        var host = parsed.Host;
        if (parsed.IsUnixPipe || parsed.IsNamedPipe || string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return new ListenAddress(url, host, ListenReach.Loopback);
        }

        if (IPAddress.TryParse(host.Trim('[', ']'), out var ip))
        {
            var reach = IPAddress.IsLoopback(ip) ? ListenReach.Loopback
                : ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any) ? ListenReach.EveryInterface
                : ListenReach.OneInterface;
            return new ListenAddress(url, host, reach);
        }

        // "*", "+" and any name other than localhost: Kestrel binds every address of the machine.
        return new ListenAddress(url, host, ListenReach.EveryInterface);
    }

    /// <summary>True when the host part names a machine (not a wildcard), so requests may carry it in Host.</summary>
    public bool NamesAHost => Host is not ("*" or "+") && !(IPAddress.TryParse(Host.Trim('[', ']'), out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any)));

    public string Describe() => Reach switch
    {
        ListenReach.Loopback => $"{Url} listens on loopback only",
        ListenReach.OneInterface => $"{Url} listens on the network interface {Host}",
        _ when NamesAHost => $"{Url} listens on every network interface (Kestrel binds a host name other than localhost to all of them)",
        _ => $"{Url} listens on every network interface",
    };
}

/// <summary>Which interfaces a listen address opens.</summary>
internal enum ListenReach
{
    Loopback,
    OneInterface,
    EveryInterface,
}

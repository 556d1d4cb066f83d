using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Trading.Server.Hosting;

/// <summary>The server reads the time only through <see cref="TimeProvider"/>, so tests can set the clock.</summary>
internal static class TimeProviderRegistration
{
    public static IServiceCollection TryAddTimeProvider(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}

using Microsoft.Extensions.Options;
using Trading.Execution;
using Trading.Server.Hosting;

namespace Trading.Server.OrderEvents;

/// <summary>Puts the <see cref="OrderEventLog"/> in front of the order event transport the storage chose, and the
/// order streams' slots beside it.</summary>
internal static class OrderEventLogRegistration
{
    /// <summary>The transport (Redis or in-process) is kept under this key; <see cref="IOrderEventPublisher"/> itself
    /// records each event in the log, then hands it to the transport.</summary>
    public const string TransportKey = "order-event-transport";

    /// <summary>Call after the storage registered its <see cref="IOrderEventPublisher"/>.</summary>
    /// <remarks>The publisher resolved from the services is the paper account's, the one publisher in this server so far,
    /// so its events are tagged <see cref="LoggedOrderEvent.PaperSource"/>. A trading node will record its events with
    /// its own id through a <see cref="RecordingOrderEventPublisher"/> of its own over the same transport.</remarks>
    public static IServiceCollection AddOrderEventLog(this IServiceCollection services)
    {
        var transport = services.LastOrDefault(d => d.ServiceType == typeof(IOrderEventPublisher) && !d.IsKeyedService)
            ?? throw new InvalidOperationException("The order event transport must be registered before the order event log.");
        services.Remove(transport);
        services.Add(AsTransport(transport));
        services.AddSingleton(sp => new OrderEventLog(sp.GetRequiredService<IOptions<ServerOptions>>().Value.OrderEventsKept, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IOrderEventPublisher>(sp => new RecordingOrderEventPublisher(
            sp.GetRequiredKeyedService<IOrderEventPublisher>(TransportKey),
            sp.GetRequiredService<OrderEventLog>(),
            LoggedOrderEvent.PaperSource));
        services.AddSingleton<OrderStreamSlots>();
        return services;
    }

    // The same registration under the key, so the container still makes (and disposes) the transport as before.
    private static ServiceDescriptor AsTransport(ServiceDescriptor registered) =>
        registered.ImplementationInstance is { } instance
            ? ServiceDescriptor.KeyedSingleton(typeof(IOrderEventPublisher), TransportKey, instance)
            : registered.ImplementationFactory is { } factory
                ? ServiceDescriptor.KeyedSingleton(typeof(IOrderEventPublisher), TransportKey, (sp, _) => factory(sp))
                : ServiceDescriptor.KeyedSingleton(typeof(IOrderEventPublisher), TransportKey, registered.ImplementationType!);
}

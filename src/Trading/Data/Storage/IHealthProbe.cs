namespace Trading.Data.Storage;

/// <summary>A storage component that can say whether it answers right now, for a health report.</summary>
public interface IHealthProbe
{
    /// <summary>Asks the component (a round trip to a server, a query on a file) and never throws for its failure:
    /// that is reported as <see cref="ComponentStatus.Unavailable"/>.</summary>
    Task<ComponentHealth> ProbeAsync(CancellationToken cancellationToken = default);
}

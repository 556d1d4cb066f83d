namespace Trading.Data.Storage;

/// <summary>What one storage component says about itself: which one it is (<c>sqlite</c>, <c>postgres</c>,
/// <c>memory</c>, <c>redis</c>), whether it answers, and if not, why.</summary>
/// <param name="Component">The kind of component, in lower case, as a health report prints it.</param>
/// <param name="Location">Where it is (a file path or host:port), never a password.</param>
/// <param name="Detail">Why it is unavailable; null when it is available.</param>
public sealed record ComponentHealth(string Component, string Location, ComponentStatus Status, string? Detail = null)
{
    public bool IsAvailable => Status == ComponentStatus.Available;

    public static ComponentHealth Available(string component, string location) =>
        new(component, location, ComponentStatus.Available);

    public static ComponentHealth Unavailable(string component, string location, string detail) =>
        new(component, location, ComponentStatus.Unavailable, detail);
}

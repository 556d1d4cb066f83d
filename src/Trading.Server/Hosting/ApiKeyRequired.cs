namespace Trading.Server.Hosting;

/// <summary>Marks a route that changes state, or that holds a connection open and shows the account's orders (the
/// order stream): it runs behind <see cref="ApiKeyFilter"/>, and the marker lets tests and documentation find every
/// such route.</summary>
internal sealed class ApiKeyRequired
{
    public static readonly ApiKeyRequired Instance = new();

    private ApiKeyRequired()
    {
    }
}

/// <summary><c>.RequireApiKey()</c> on a route: the filter and its marker together, so neither is forgotten.</summary>
internal static class ApiKeyRouteExtensions
{
    public static RouteHandlerBuilder RequireApiKey(this RouteHandlerBuilder route) =>
        route.AddEndpointFilter<ApiKeyFilter>()
            .WithMetadata(ApiKeyRequired.Instance)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
}

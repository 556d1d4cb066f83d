using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Trading.Server.Hosting;

/// <summary>Describes the <c>X-API-Key</c> header in the OpenAPI document, on exactly the routes marked
/// <see cref="ApiKeyRequired"/>, so the reference page at /docs offers a field for the key.</summary>
internal static class ApiKeyOpenApi
{
    public const string SchemeName = "ApiKey";

    public static OpenApiOptions AddApiKeyScheme(this OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyFilter.HeaderName,
                Description = "Needed on routes that change state when the server has Server:ApiKey set.",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<ApiKeyRequired>().Any())
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [] });
            }

            return Task.CompletedTask;
        });
        return options;
    }
}

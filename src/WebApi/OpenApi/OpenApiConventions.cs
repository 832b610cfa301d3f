using System.Text.Json;
using FluentValidation;
using NJsonSchema;
using NJsonSchema.Generation.TypeMappers;
using NSwag;
using NSwag.AspNetCore;
using NSwag.Generation.AspNetCore;

namespace StateHub.WebApi.OpenApi;

/// <summary>
/// How the OpenAPI document is made, for every endpoint alike. Operation ids are NSwag's
/// <c>{Controller}_{Action}</c> (e.g. <c>Repos_RegisterRepo</c>): stable as long as action names
/// are, and the generated C# client becomes <c>ReposClient.RegisterRepoAsync</c>. Summaries come
/// from the actions' XML docs, schema descriptions and examples from the request and DTO types'
/// XML docs (<c>&lt;summary&gt;</c>, <c>&lt;example&gt;</c>).
/// </summary>
public static class OpenApiConventions
{
    public const string DocumentName = "v1";

    /// <summary>Where the document and the Swagger console live: every path of both starts with it.</summary>
    public const string PathPrefix = "/swagger";

    public const string DocumentPath = PathPrefix + "/{documentName}/swagger.json";

    public static void Configure(AspNetCoreOpenApiDocumentGeneratorSettings settings, IServiceProvider services)
    {
        settings.DocumentName = DocumentName;
        settings.Title = "State Hub";
        settings.Version = "v1";
        settings.Description =
            "Coordination service for fleets of repositories worked on by AI coding agents and their maintainers. " +
            "JSON is snake_case; every error is an RFC 9457 problem (application/problem+json) with a human-readable `detail`.";
        settings.UseControllerSummaryAsTagDescription = true;

        // One flat schema per type: simpler for every generator, and a partial-update request does
        // not drag its server-side base class into the contract.
        settings.SchemaSettings.FlattenInheritanceHierarchy = true;
        settings.SchemaSettings.GenerateExamples = true;
        settings.SchemaSettings.SchemaNameGenerator = new RequestSchemaNameGenerator();
        // A JsonElement in a request or DTO is free-form structured data that the API keeps as a
        // JSON object (progress event data; validators refuse anything else): say so, so that
        // clients get a map (C# IDictionary<string, object>, TypeScript Record) rather than an
        // untyped value.
        settings.SchemaSettings.TypeMappers.Add(new PrimitiveTypeMapper(typeof(JsonElement), schema =>
        {
            schema.Type = JsonObjectType.Object;
            schema.AdditionalPropertiesSchema = new JsonSchema();
        }));
        settings.SchemaSettings.SchemaProcessors.Add(new ProblemDetailsSchemaProcessor());
        settings.SchemaSettings.SchemaProcessors.Add(new RequiredPropertiesSchemaProcessor(type => ValidatorOf(type, services)));

        settings.OperationProcessors.Add(new RequiredParametersOperationProcessor());
        settings.OperationProcessors.Add(new ConditionalRequestsOperationProcessor());
        settings.OperationProcessors.Add(new OperationConventionsProcessor());
        settings.OperationProcessors.Add(new IdempotencyKeyOperationProcessor());
        settings.DocumentProcessors.Add(new ContractDocumentProcessor());

        // §10: either scheme carries the same API key; the document requires one of them everywhere
        // (health, the document itself and the Swagger console are not operations here).
        settings.AddSecurity("Bearer", [], new OpenApiSecurityScheme
        {
            Type = OpenApiSecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API key: Authorization: Bearer sh_…",
        });
        settings.AddSecurity("ApiKey", [], new OpenApiSecurityScheme
        {
            Type = OpenApiSecuritySchemeType.ApiKey,
            Name = "X-Api-Key",
            In = OpenApiSecurityApiKeyLocation.Header,
            Description = "The same API key in the X-Api-Key header.",
        });
    }

    /// <summary>The request validator of <paramref name="type"/>, if it has one (validators are scoped services).</summary>
    private static IValidator? ValidatorOf(Type type, IServiceProvider services)
    {
        using var scope = services.CreateScope();
        return scope.ServiceProvider.GetService(typeof(IValidator<>).MakeGenericType(type)) as IValidator;
    }

    /// <summary>Serves the document and the Swagger console.</summary>
    public static void UseStateHubOpenApi(this IApplicationBuilder app)
    {
        app.UseOpenApi(settings =>
        {
            settings.Path = DocumentPath;
            // The service runs wherever it is started; a client sets its own base address, and the
            // console calls the origin it was loaded from.
            settings.PostProcess = (document, _) => document.Servers.Clear();
        });
        app.UseSwaggerUi(settings =>
        {
            settings.Path = PathPrefix;
            settings.DocumentPath = DocumentPath;
        });
    }
}

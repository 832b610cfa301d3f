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

    public const string DocumentPath = "/swagger/{documentName}/swagger.json";

    public static void Configure(AspNetCoreOpenApiDocumentGeneratorSettings settings)
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
        settings.SchemaSettings.SchemaProcessors.Add(new ProblemDetailsSchemaProcessor());
        settings.SchemaSettings.SchemaProcessors.Add(new RequiredPropertiesSchemaProcessor());

        settings.OperationProcessors.Add(new RequiredParametersOperationProcessor());
        settings.OperationProcessors.Add(new ConditionalRequestsOperationProcessor());
        settings.OperationProcessors.Add(new OperationConventionsProcessor());
        settings.DocumentProcessors.Add(new ContractDocumentProcessor());
    }

    /// <summary>Serves the document and the Swagger console.</summary>
    public static void UseStateHubOpenApi(this WebApplication app)
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
            settings.Path = "/swagger";
            settings.DocumentPath = DocumentPath;
        });
    }
}

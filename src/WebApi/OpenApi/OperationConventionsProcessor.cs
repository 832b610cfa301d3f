using Microsoft.AspNetCore.Mvc;
using Namotion.Reflection;
using NJsonSchema;
using NSwag;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;

namespace StateHub.WebApi.OpenApi;

/// <summary>
/// Completes every operation's responses from what the pipeline does for any action, so a new
/// endpoint is documented right without repeating it: a JSON body can be malformed (400), of the
/// wrong media type (415) or invalid (422); any operation refuses an unknown query parameter, and a
/// non-string route or query value can fail to convert (422); the service can fail (500) or lose
/// its database (503). Every 4xx/5xx is served as
/// <c>application/problem+json</c> with the problem details schema, every response gets a
/// description, and an action without an XML summary gets one from its name.
/// </summary>
internal sealed class OperationConventionsProcessor : IOperationProcessor
{
    public const string ProblemMediaType = "application/problem+json";

    private static readonly IReadOnlyDictionary<int, string> Descriptions = new Dictionary<int, string>
    {
        [200] = "OK.",
        [201] = "Created; the Location header names the new resource.",
        [202] = "Accepted.",
        [204] = "Done; no content.",
        [400] = "Malformed request: the body is not valid JSON.",
        [403] = "Forbidden.",
        [404] = "Not found: a resource the request names does not exist.",
        [409] = "Conflict: a duplicate, an illegal state transition, or a concurrent change (a stale `If-Match`).",
        [415] = "Unsupported media type: send the body as application/json.",
        [422] = "Validation failed: `errors` maps each offending field to its messages.",
        [500] = "Unexpected server error; quote the `trace_id` when reporting it.",
        [503] = "A dependency (the database) is unavailable; retry shortly.",
    };

    public bool Process(OperationProcessorContext context)
    {
        var operation = context.OperationDescription.Operation;
        if (string.IsNullOrWhiteSpace(operation.Summary))
            operation.Summary = Humanise(context.MethodInfo.Name);

        if (operation.RequestBody is not null)
        {
            Ensure(context, 400, typeof(ProblemDetails));
            Ensure(context, 415, typeof(ProblemDetails));
            Ensure(context, 422, typeof(ValidationProblemDetails));
        }

        // Any operation: an unknown query parameter is a 422 naming it (UnknownQueryParametersFilter),
        // as is a route or query value that does not convert.
        Ensure(context, 422, typeof(ValidationProblemDetails));

        Ensure(context, 500, typeof(ProblemDetails));
        Ensure(context, 503, typeof(ProblemDetails));

        foreach (var (code, response) in operation.Responses)
        {
            if (!int.TryParse(code, out var status))
                continue;
            if (string.IsNullOrWhiteSpace(response.Description))
                response.Description = Descriptions.GetValueOrDefault(status, $"HTTP {status}.");
            if (status >= 400)
                ServeAsProblem(context, response, status);
        }

        return true;
    }

    /// <summary>A summary for an action without XML docs: <c>GetDispatch</c> → "Get dispatch."</summary>
    private static string Humanise(string actionName)
    {
        var words = System.Text.RegularExpressions.Regex.Split(actionName, "(?<=[a-z0-9])(?=[A-Z])");
        return string.Join(' ', words.Select((w, i) => i == 0 ? w : w.ToLowerInvariant())) + ".";
    }

    private static void Ensure(OperationProcessorContext context, int status, Type problemType)
    {
        var responses = context.OperationDescription.Operation.Responses;
        var code = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (responses.ContainsKey(code))
            return;
        var response = new OpenApiResponse();
        response.Content[ProblemMediaType] = new OpenApiMediaType { Schema = Reference(context, problemType) };
        responses[code] = response;
    }

    private static void ServeAsProblem(OperationProcessorContext context, OpenApiResponse response, int status)
    {
        var schema = response.Content.Values.Select(m => m.Schema).FirstOrDefault(s => s is not null)
            ?? Reference(context, status == 422 ? typeof(ValidationProblemDetails) : typeof(ProblemDetails));
        response.Content.Clear();
        response.Content[ProblemMediaType] = new OpenApiMediaType { Schema = schema };
    }

    private static JsonSchema Reference(OperationProcessorContext context, Type type) =>
        context.SchemaGenerator.GenerateWithReferenceAndNullability<JsonSchema>(type.ToContextualType(), isNullable: false, context.SchemaResolver);
}

using Microsoft.AspNetCore.Mvc;
using NJsonSchema;
using NJsonSchema.Generation;

namespace StateHub.WebApi.OpenApi;

/// <summary>
/// Describes problem details as State Hub writes them (RFC 9457): <c>status</c>, <c>title</c> and a
/// human-readable <c>detail</c> are always there, as is the <c>trace_id</c> extension; validation
/// problems add <c>errors</c>, a map from field to messages.
/// </summary>
internal sealed class ProblemDetailsSchemaProcessor : ISchemaProcessor
{
    public const string TraceIdProperty = "trace_id";

    public static bool IsProblemType(Type type) => typeof(ProblemDetails).IsAssignableFrom(type);

    public void Process(SchemaProcessorContext context)
    {
        if (!IsProblemType(context.ContextualType.Type))
            return;

        var schema = context.Schema;
        schema.Description = IsValidation(schema)
            ? "A validation problem: the problem details plus `errors`, a map from field (snake_case path, `body` for the body as a whole) to messages."
            : "RFC 9457 problem details. Every State Hub error carries a human-readable `detail`.";

        Describe(schema, "status", "The HTTP status code.", required: true);
        Describe(schema, "title", "A short summary of the kind of problem.", required: true);
        Describe(schema, "detail", "What went wrong, for a human or an agent to act on.", required: true);
        Describe(schema, "type", "A URI reference identifying the kind of problem.", required: false);
        Describe(schema, "instance", "The request path the problem occurred on.", required: false);
        if (IsValidation(schema))
            Describe(schema, "errors", "Field → messages.", required: true);

        if (!schema.Properties.ContainsKey(TraceIdProperty))
        {
            schema.Properties[TraceIdProperty] = new JsonSchemaProperty
            {
                Type = JsonObjectType.String,
                Description = "Identifies the request in the service's logs; quote it when reporting a 500.",
            };
        }

        schema.RequiredProperties.Add(TraceIdProperty);
    }

    private static bool IsValidation(JsonSchema schema) => schema.Properties.ContainsKey("errors");

    private static void Describe(JsonSchema schema, string name, string description, bool required)
    {
        if (!schema.Properties.TryGetValue(name, out var property))
            return;
        property.Description = description;
        if (!required)
            return;
        property.IsNullableRaw = null;
        property.IsRequired = true;
    }
}

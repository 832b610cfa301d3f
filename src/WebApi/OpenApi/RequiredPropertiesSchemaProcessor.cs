using NJsonSchema;
using NJsonSchema.Generation;
using StateHub.Application.Common.Messaging;

namespace StateHub.WebApi.OpenApi;

/// <summary>
/// Marks as required every property whose C# type is not nullable (reference types by their
/// nullable annotation) and that has no default, without attributes on the request types, so
/// that a missing field still reaches FluentValidation and comes back as a 422. Partial updates
/// (<see cref="PatchRequest"/>) require nothing. Response-only schemas are completed by
/// <see cref="ContractDocumentProcessor"/>: the service always writes every property of them.
/// </summary>
internal sealed class RequiredPropertiesSchemaProcessor : ISchemaProcessor
{
    public void Process(SchemaProcessorContext context)
    {
        var type = context.ContextualType.Type;
        var schema = context.Schema;
        if (schema.Properties.Count == 0 || ProblemDetailsSchemaProcessor.IsProblemType(type))
            return;

        if (typeof(PatchRequest).IsAssignableFrom(type))
        {
            schema.RequiredProperties.Clear();
            return;
        }

        foreach (var property in schema.Properties.Values)
        {
            if (!property.IsNullable(SchemaType.OpenApi3) && property.Default is null)
                property.IsRequired = true;
        }
    }
}

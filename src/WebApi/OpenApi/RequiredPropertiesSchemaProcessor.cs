using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using NJsonSchema;
using NJsonSchema.Generation;
using StateHub.Application.Common.Messaging;

namespace StateHub.WebApi.OpenApi;

/// <summary>
/// Marks as required every property whose C# type is not nullable (reference types by their
/// nullable annotation) and that has no default, without attributes on the request types, so
/// that a missing field still reaches FluentValidation and comes back as a 422. Partial updates
/// (<see cref="PatchRequest"/>) require nothing. Response-only schemas are completed by
/// <see cref="ContractDocumentProcessor"/>: the service writes every property of them, except
/// those it leaves out when empty (<c>[JsonIgnore(Condition = WhenWritingNull)]</c>), which this
/// processor marks as omittable.
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

        foreach (var name in OmittedWhenEmpty(type))
        {
            if (schema.Properties.TryGetValue(name, out var property))
            {
                property.IsRequired = false;
                property.ExtensionData ??= new Dictionary<string, object?>();
                property.ExtensionData[ContractDocumentProcessor.OmittableMarker] = true;
            }
        }
    }

    private static IEnumerable<string> OmittedWhenEmpty(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>()?.Condition
                is JsonIgnoreCondition.WhenWritingNull or JsonIgnoreCondition.WhenWritingDefault)
            .Select(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name));
}

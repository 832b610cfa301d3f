using Microsoft.AspNetCore.Mvc;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NSwag;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;

namespace StateHub.WebApi.OpenApi;

/// <summary>
/// Final touches that need the whole document, applied to every endpoint alike:
/// <list type="bullet">
/// <item>schemas only ever sent by the service mark every property required (it writes them
/// all, <c>null</c> where nullable), but those it leaves out when empty;</item>
/// <item>each JSON request body gets an example assembled from its properties' <c>&lt;example&gt;</c>
/// XML docs, when they cover every required property;</item>
/// <item>UUIDs are <c>format: uuid</c> (NJsonSchema writes the non-standard <c>guid</c>);</item>
/// <item>a nullable reference carries the type it refers to, so that <c>nullable</c> is valid;</item>
/// <item>empty descriptions are dropped.</item>
/// </list>
/// </summary>
internal sealed class ContractDocumentProcessor : IDocumentProcessor
{
    /// <summary>The format the OpenAPI format registry and most generators know for UUIDs.</summary>
    private const string UuidFormat = "uuid";

    /// <summary>Set by <see cref="RequiredPropertiesSchemaProcessor"/> on a property the service leaves out when empty; removed from the document.</summary>
    internal const string OmittableMarker = "x-statehub-omittable";

    private static readonly HashSet<string> ProblemSchemaNames =
        [nameof(ProblemDetails), nameof(ValidationProblemDetails), nameof(HttpValidationProblemDetails)];

    public void Process(DocumentProcessorContext context)
    {
        var document = context.Document;
        var operations = document.Paths.Values.SelectMany(p => p.Values).ToList();

        var sent = Reachable(operations.SelectMany(o => o.RequestBody?.Content.Values ?? []).Select(m => m.Schema));
        var received = Reachable(operations.SelectMany(o => o.Responses.Values).SelectMany(r => r.Content.Values).Select(m => m.Schema));
        foreach (var (name, schema) in document.Components.Schemas)
        {
            if (received.Contains(schema) && !sent.Contains(schema) && !ProblemSchemaNames.Contains(name))
            {
                foreach (var property in schema.Properties.Values.Where(p => p.ExtensionData?.ContainsKey(OmittableMarker) != true))
                    property.IsRequired = true;
            }
        }

        foreach (var media in operations.SelectMany(o => o.RequestBody?.Content.Values ?? []))
        {
            if (media.Example is null && media.Schema is not null && Example(media.Schema, depth: 0) is JObject example)
                media.Example = example;
        }

        var all = Reachable(document.Components.Schemas.Values
            .Concat(operations.SelectMany(o => o.ActualParameters).Select(p => p.Schema))
            .Concat(operations.SelectMany(o => o.RequestBody?.Content.Values ?? []).Select(m => m.Schema))
            .Concat(operations.SelectMany(o => o.Responses.Values).SelectMany(r => r.Content.Values).Select(m => m.Schema)));
        foreach (var schema in all)
        {
            CollapseNestedWrapper(schema);
            TypeNullableReference(schema);
            if (schema.Format == JsonFormatStrings.Guid)
                schema.Format = UuidFormat;
            if (schema.Description is not null && string.IsNullOrWhiteSpace(schema.Description))
                schema.Description = null;
            schema.ExtensionData?.Remove(OmittableMarker);
        }
    }

    /// <summary>
    /// A nullable enum query parameter comes out as a nullable wrapper around a nullable wrapper
    /// around the reference; one wrapper says the same, and generators read it as the enum.
    /// </summary>
    private static void CollapseNestedWrapper(JsonSchema schema)
    {
        if (schema.OneOf.Count != 1 || schema.OneOf.First() is not { Reference: null } inner)
            return;
        if (inner.OneOf.Count != 1 || inner.Properties.Count > 0 || inner.Item is not null || inner.Enumeration.Count > 0)
            return;
        var target = inner.OneOf.First();
        schema.OneOf.Clear();
        schema.OneOf.Add(target);
        if (inner.IsNullableRaw == true)
            schema.IsNullableRaw = true;
    }

    /// <summary>
    /// OpenAPI 3.0 ignores <c>nullable</c> on a schema without <c>type</c>, and validators reject it,
    /// yet that is how NJsonSchema writes a nullable reference (<c>{nullable, oneOf: [$ref]}</c>):
    /// give such a schema the type of what it refers to.
    /// </summary>
    private static void TypeNullableReference(JsonSchema schema)
    {
        if (!schema.IsNullable(SchemaType.OpenApi3) || (schema.Type & ~JsonObjectType.Null) != JsonObjectType.None || schema.Reference is not null)
            return;
        var wrapped = schema.OneOf.Count == 1 ? schema.OneOf.First() : schema.AllOf.Count == 1 ? schema.AllOf.First() : null;
        if (wrapped?.ActualSchema is { } target && (target.Type & ~JsonObjectType.Null) != JsonObjectType.None)
        {
            schema.Type = target.Type & ~JsonObjectType.Null;
            schema.IsNullableRaw = true;
        }
    }

    private static HashSet<JsonSchema> Reachable(IEnumerable<JsonSchema?> roots)
    {
        var visited = new HashSet<JsonSchema>();
        foreach (var root in roots)
            SchemaWalker.Collect(root, visited);
        return visited;
    }

    /// <summary>An example for a value of <paramref name="schema"/>, or null when its examples do not cover what it requires.</summary>
    private static JToken? Example(JsonSchema schema, int depth)
    {
        if (depth > 8)
            return null;
        if (schema.Example is not null)
            return JToken.FromObject(schema.Example);

        var actual = schema.ActualTypeSchema;
        if (!ReferenceEquals(actual, schema) && actual.Example is not null)
            return JToken.FromObject(actual.Example);

        if (actual.Type.HasFlag(JsonObjectType.Array) && actual.Item is not null)
            return Example(actual.Item, depth + 1) is { } item ? new JArray(item) : null;

        if (actual.Properties.Count == 0)
            return null;

        var example = new JObject();
        foreach (var (name, property) in actual.ActualProperties)
        {
            if (Example(property, depth + 1) is { } value)
                example[name] = value;
            else if (property.IsRequired)
                return null;
        }

        return example.Count > 0 ? example : null;
    }
}

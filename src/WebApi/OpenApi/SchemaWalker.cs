using NJsonSchema;

namespace StateHub.WebApi.OpenApi;

/// <summary>Visits every schema reachable from a root once, following references, properties, items and compositions.</summary>
internal static class SchemaWalker
{
    public static void Walk(JsonSchema? root, ISet<JsonSchema> visited, Action<JsonSchema> visit)
    {
        if (root is null)
            return;
        var pending = new Stack<JsonSchema>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var schema = pending.Pop();
            if (!visited.Add(schema))
                continue;
            visit(schema);
            foreach (var next in Children(schema))
                pending.Push(next);
        }
    }

    private static IEnumerable<JsonSchema> Children(JsonSchema schema)
    {
        if (schema.Reference is not null)
            yield return schema.Reference;
        foreach (var property in schema.Properties.Values)
            yield return property;
        if (schema.Item is not null)
            yield return schema.Item;
        foreach (var item in schema.Items)
            yield return item;
        if (schema.AdditionalPropertiesSchema is not null)
            yield return schema.AdditionalPropertiesSchema;
        foreach (var composed in schema.AllOf.Concat(schema.OneOf).Concat(schema.AnyOf))
            yield return composed;
    }
}

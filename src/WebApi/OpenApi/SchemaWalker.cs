using NJsonSchema;

namespace StateHub.WebApi.OpenApi;

/// <summary>Collects every schema reachable from a root, following references, properties, items and compositions.</summary>
internal static class SchemaWalker
{
    public static void Collect(JsonSchema? root, ISet<JsonSchema> visited)
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

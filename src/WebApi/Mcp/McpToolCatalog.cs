using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Server;

namespace StateHub.WebApi.Mcp;

/// <summary>
/// Builds the tools from the <see cref="McpServerToolTypeAttribute"/> classes of this assembly, as
/// the SDK's assembly scan would, with our JSON conventions and a schema every client can read:
/// an optional argument is written with its single type (<c>"type": "string"</c>), not as
/// <c>["string", "null"]</c> with <c>"default": null</c>, which some model providers' schema
/// dialects reject; the same goes for optional properties of objects and for array items, at
/// every depth. Leaving an optional argument or property out, or passing null, means "not given".
/// An argument with <see cref="AllowedValuesAttribute"/> lists only those values in its <c>enum</c>
/// (release_task's status is an enum of which a release takes only some values).
/// </summary>
public static class McpToolCatalog
{
    public static IReadOnlyList<McpServerTool> Create()
    {
        var options = new McpServerToolCreateOptions { SerializerOptions = McpJson.Options };
        var tools = typeof(McpToolCatalog).Assembly.GetTypes()
            .Where(type => type.GetCustomAttribute<McpServerToolTypeAttribute>() is not null)
            .SelectMany(type => type
                .GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(method => method.GetCustomAttribute<McpServerToolAttribute>() is not null)
                .Select(method => (Method: method, Tool: McpServerTool.Create(
                    method,
                    context => ActivatorUtilities.CreateInstance(context.Services!, type),
                    options))))
            .ToList();
        foreach (var (method, tool) in tools)
            tool.ProtocolTool.InputSchema = Rewrite(tool.ProtocolTool.InputSchema, method);
        return tools.Select(t => t.Tool).ToList();
    }

    private static JsonElement Rewrite(JsonElement inputSchema, MethodInfo method)
    {
        var schema = JsonNode.Parse(inputSchema.GetRawText())!.AsObject();
        SimplifyMembers(schema);
        OnlyAllowedValues(schema, method);
        return JsonSerializer.SerializeToElement(schema);
    }

    private static void OnlyAllowedValues(JsonObject schema, MethodInfo method)
    {
        foreach (var parameter in method.GetParameters())
        {
            if (parameter.GetCustomAttribute<AllowedValuesAttribute>() is { } allowed
                && schema["properties"]?[parameter.Name!] is JsonObject property)
                property["enum"] = new JsonArray(allowed.Values.Select(v => JsonSerializer.SerializeToNode(v, McpJson.Options)).ToArray());
        }
    }

    /// <summary>Rewrites the optional properties and the array items under <paramref name="schema"/>, at every depth.</summary>
    private static void SimplifyMembers(JsonObject schema)
    {
        var required = schema["required"] is JsonArray list
            ? list.Select(r => r!.GetValue<string>()).ToHashSet(StringComparer.Ordinal)
            : [];
        if (schema["properties"] is JsonObject properties)
        {
            foreach (var (name, node) in properties)
            {
                if (node is not JsonObject property)
                    continue;
                if (!required.Contains(name))
                    DropNull(property);
                SimplifyMembers(property);
            }
        }

        if (schema["items"] is JsonObject items)
        {
            DropNull(items);
            SimplifyMembers(items);
        }
    }

    private static void DropNull(JsonObject property)
    {
        if (property["type"] is JsonArray types)
        {
            var nonNull = types.Select(t => t!.GetValue<string>()).Where(t => t != "null").ToList();
            if (nonNull.Count == 1)
                property["type"] = nonNull[0];
        }

        if (property["enum"] is JsonArray values && values.Any(v => v is null))
            property["enum"] = new JsonArray(values.Where(v => v is not null).Select(v => v!.DeepClone()).ToArray());

        if (property.TryGetPropertyValue("default", out var defaultValue) && defaultValue is null)
            property.Remove("default");
    }
}

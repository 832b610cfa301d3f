using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using StateHub.WebApi.Infrastructure;

namespace StateHub.WebApi.Mcp;

/// <summary>
/// The HTTP API's JSON conventions for tool arguments and results: snake_case names and enum
/// values, and unknown arguments refused (the binder honours <c>UnmappedMemberHandling.Disallow</c>).
/// </summary>
public static class McpJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        // The tool call filter checks enum arguments against the schema's exact values before binding.
        JsonConventions.Apply(options, strictEnums: false);
        options.MakeReadOnly();
        return options;
    }
}

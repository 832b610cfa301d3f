using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace StateHub.WebApi.Mcp;

/// <summary>
/// Reads each request's params before the SDK binds them. The SDK binds a <c>tools/call</c>'s
/// params to its own types before any call filter runs, and answers what does not bind with a
/// bare JSON-RPC error (<c>-32603 "An error occurred."</c>), so what a caller can correct is
/// caught here. In a <c>tools/call</c>'s <c>arguments</c>, a string with a lone UTF-16 surrogate
/// escape (<c>"\ud800"</c>, which no text can hold) or <c>arguments</c> that are not an object
/// are taken out and left for <see cref="McpToolCallFilter"/>, which reports them argument by
/// argument as a 422 tool result once it has decided access (§10), as the HTTP API answers a body
/// with a lone surrogate. Anything else in a request's params that cannot be read is a
/// <c>-32602 Invalid params</c> error that says what, and so is a call of a tool this server does
/// not have (answered here, not by the SDK, which logs that as a server failure).
/// </summary>
public static class McpParamsGuard
{
    /// <summary>The message item under which the argument errors found here wait for <see cref="McpToolCallFilter"/>.</summary>
    public const string ArgumentErrorsItem = "StateHub.McpArgumentErrors";

    public const string LoneSurrogateMessage =
        "Strings must be valid Unicode: a lone UTF-16 surrogate escape (such as \\ud800) is not allowed.";

    /// <summary>The params of the methods this server serves that take any, as the SDK binds them.</summary>
    private static readonly Dictionary<string, (Type Type, string Description)> ParamsShapes = new(StringComparer.Ordinal)
    {
        [RequestMethods.ToolsCall] = (typeof(CallToolRequestParams), "{\"name\": string, \"arguments\": object, \"_meta\": object}"),
        [RequestMethods.ToolsList] = (typeof(ListToolsRequestParams), "{\"cursor\": string, \"_meta\": object}"),
    };

    public static McpMessageHandler Wrap(McpMessageHandler next) =>
        async (context, cancellationToken) =>
        {
            if (context.JsonRpcMessage is JsonRpcRequest request)
                Inspect(request, context.Items, context.Server.ServerOptions.ToolCollection);
            await next(context, cancellationToken);
        };

    /// <summary>The argument errors this guard found in a <c>tools/call</c>, or null.</summary>
    public static IReadOnlyDictionary<string, string[]>? ArgumentErrors(MessageContext context) =>
        context.Items.TryGetValue(ArgumentErrorsItem, out var errors) ? errors as IReadOnlyDictionary<string, string[]> : null;

    private static void Inspect(JsonRpcRequest request, IDictionary<string, object?> items, McpServerPrimitiveCollection<McpServerTool>? tools)
    {
        if (request.Params is null)
            return;
        if (request.Params is not JsonObject parameters)
            throw InvalidParams($"{request.Method} takes its params as an object, not {Describe(request.Params)}.");

        if (request.Method == RequestMethods.ToolsCall)
        {
            var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            if (TryGetMember(parameters, "arguments", out var arguments) && arguments is not null)
            {
                if (arguments is not JsonObject)
                {
                    Add(errors, "arguments", $"Must be an object of named arguments, e.g. {{\"repo_slug\": \"alpha\"}}, not {Describe(arguments)}.");
                    parameters["arguments"] = null;
                }
                else if (!Repair(arguments, path: string.Empty, errors))
                {
                    // A name of an argument cannot be read: none of them can be.
                    errors["arguments"] = errors.Remove(string.Empty, out var messages) ? messages : [];
                    parameters["arguments"] = null;
                }
            }

            if (errors.Count > 0)
                items[ArgumentErrorsItem] = errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
        }

        var elsewhere = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (!Repair(parameters, "params", elsewhere) || elsewhere.Count > 0)
            throw InvalidParams(elsewhere.Select(e => $"{e.Key}: {e.Value.FirstOrDefault()}").FirstOrDefault() ?? "params cannot be read.");

        if (ParamsShapes.TryGetValue(request.Method, out var shape))
        {
            try
            {
                _ = JsonSerializer.Deserialize(parameters, McpJsonUtilities.DefaultOptions.GetTypeInfo(shape.Type));
            }
            catch (JsonException ex)
            {
                var path = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "params" : "params" + ex.Path.TrimStart('$');
                throw InvalidParams($"{path} does not fit {request.Method}, which takes {shape.Description}.");
            }
        }

        // The SDK answers an unknown tool (a null name too) with the same error, but logs it as a server
        // failure with a stack trace; a caller's typo is not one.
        if (request.Method == RequestMethods.ToolsCall && parameters["name"] is null)
            throw InvalidParams("params.name must be the name of a tool (a string), not null.");
        if (request.Method == RequestMethods.ToolsCall && tools is not null
            && parameters["name"] is JsonValue name && name.TryGetValue<string>(out var toolName)
            && !tools.TryGetPrimitive(toolName, out _))
            throw new McpProtocolException($"Unknown tool: '{toolName}'", McpErrorCode.InvalidParams);
    }

    /// <summary>
    /// Replaces each string under <paramref name="node"/> that cannot be read (a lone surrogate), and
    /// each object with such a name, by null, recording where.
    /// </summary>
    /// <returns>False when <paramref name="node"/> itself cannot be read.</returns>
    private static bool Repair(JsonNode? node, string path, Dictionary<string, List<string>> errors)
    {
        switch (node)
        {
            case JsonObject obj:
                KeyValuePair<string, JsonNode?>[] members;
                try
                {
                    members = [.. obj];
                }
                catch (InvalidOperationException)
                {
                    // A member's name is a lone surrogate: the object cannot even be enumerated.
                    Add(errors, path, LoneSurrogateMessage);
                    return false;
                }
                catch (ArgumentException ex)
                {
                    // A name given twice in one object: refused as the HTTP body reader refuses it.
                    var message = ex.ParamName is null ? ex.Message : ex.Message.Replace($" (Parameter '{ex.ParamName}')", string.Empty, StringComparison.Ordinal);
                    var at = message.LastIndexOf("Key: ", StringComparison.Ordinal);
                    Add(errors, path, at >= 0
                        ? McpArgumentValidator.DuplicateProperty(message[(at + 5)..].Trim())
                        : McpArgumentValidator.DuplicateProperty(null));
                    return false;
                }

                foreach (var (name, child) in members)
                {
                    if (!Repair(child, path.Length == 0 ? name : $"{path}.{name}", errors))
                        obj[name] = null;
                }

                return true;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (!Repair(array[i], $"{path}[{i}]", errors))
                        array[i] = null;
                }

                return true;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                try
                {
                    _ = value.GetValue<string>();
                    return true;
                }
                catch (InvalidOperationException)
                {
                    Add(errors, path, LoneSurrogateMessage);
                    return false;
                }

            default:
                return true;
        }
    }

    private static bool TryGetMember(JsonObject obj, string name, out JsonNode? member)
    {
        try
        {
            return obj.TryGetPropertyValue(name, out member);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            // Another member's name is a lone surrogate, or a name is given twice; the check of the
            // whole params reports it.
            member = null;
            return false;
        }
    }

    private static string Describe(JsonNode node) => McpArgumentValidator.Describe(node.GetValueKind());

    private static McpProtocolException InvalidParams(string message) => new($"Invalid params: {message}", McpErrorCode.InvalidParams);

    private static void Add(Dictionary<string, List<string>> errors, string path, string message) =>
        McpArgumentValidator.Add(errors, path, message);
}

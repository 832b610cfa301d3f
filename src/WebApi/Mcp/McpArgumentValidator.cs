using System.Globalization;
using System.Text.Json;

namespace StateHub.WebApi.Mcp;

/// <summary>
/// Checks a tool call's arguments against the tool's own input schema before the call is bound,
/// so that an agent learns which argument is wrong and why, field by field, as an HTTP client
/// learns it from a 422's <c>errors</c> map. It understands the schema the SDK generates for our
/// tools: <c>type</c> (single or with <c>null</c>), <c>enum</c>, <c>required</c>, <c>properties</c>,
/// <c>items</c>, and the <c>uuid</c>, <c>date</c> and <c>date-time</c> formats. An integer is
/// written as one, as the HTTP API takes it (<c>5</c>, not <c>5.0</c> or <c>5e0</c>), and must fit
/// the argument's .NET type (<see cref="int"/> unless the tool's parameter is a <see cref="long"/>),
/// so that every argument that passes binds. A name given twice in one object is refused wherever it is.
/// </summary>
public static class McpArgumentValidator
{
    /// <param name="argumentTypes">The .NET type of each top-level argument, where known (the tool method's parameters).</param>
    public static Dictionary<string, string[]> Validate(
        JsonElement inputSchema, IDictionary<string, JsonElement>? arguments, IReadOnlyDictionary<string, Type>? argumentTypes = null)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var args = arguments ?? new Dictionary<string, JsonElement>();
        ValidateObjectMembers(inputSchema, args.Select(a => (a.Key, a.Value)), string.Empty, argumentTypes, errors);
        foreach (var (name, value) in args)
            FindDuplicateNames(value, name, errors);
        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
    }

    private static void ValidateObjectMembers(
        JsonElement schema, IEnumerable<(string Name, JsonElement Value)> members, string prefix,
        IReadOnlyDictionary<string, Type>? memberTypes, Dictionary<string, List<string>> errors)
    {
        var properties = schema.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object
            ? p.EnumerateObject().ToDictionary(x => x.Name, x => x.Value, StringComparer.Ordinal)
            : new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var required = schema.TryGetProperty("required", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(r => r.GetString()).OfType<string>().ToHashSet(StringComparer.Ordinal)
            : [];
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, value) in members)
        {
            present.Add(name);
            var path = prefix + name;
            if (properties.TryGetValue(name, out var propertySchema))
            {
                // An optional member passed as null is one not given, as the HTTP API takes it.
                if (value.ValueKind != JsonValueKind.Null || required.Contains(name))
                    ValidateValue(propertySchema, value, path, memberTypes?.GetValueOrDefault(name), errors);
            }
            else
                Add(errors, path, properties.Count == 0
                    ? (prefix.Length == 0 ? "Unknown argument: this tool takes none." : "Unknown property: this object takes none.")
                    : $"Unknown {(prefix.Length == 0 ? "argument" : "property")}. Expected one of: {string.Join(", ", properties.Keys)}.");
        }

        foreach (var name in required.Where(n => !present.Contains(n)))
            Add(errors, prefix + name, "Required.");
    }

    private static void ValidateValue(JsonElement schema, JsonElement value, string path, Type? target, Dictionary<string, List<string>> errors)
    {
        var types = AllowedTypes(schema);
        if (types.Count > 0 && !types.Any(t => HasType(value, t)))
        {
            Add(errors, path, types.Contains("integer") && value.ValueKind == JsonValueKind.Number
                ? "Must be an integer, written without a fraction or an exponent (e.g. 5, not 5.0 or 5e0)."
                : $"Must be {Describe(types)}, not {Describe(value)}.");
            return;
        }

        if (value.ValueKind == JsonValueKind.Null)
            return;

        if (value.ValueKind == JsonValueKind.Number && types.Contains("integer") && !FitsIntegerType(value, target, out var range))
        {
            Add(errors, path, $"Must be an integer from {range.Min} to {range.Max}.");
            return;
        }

        if (schema.TryGetProperty("enum", out var allowed) && allowed.ValueKind == JsonValueKind.Array
            && !allowed.EnumerateArray().Any(a => JsonElement.DeepEquals(a, value)))
        {
            var names = allowed.EnumerateArray().Where(a => a.ValueKind != JsonValueKind.Null).Select(a => a.ToString());
            Add(errors, path, $"Must be one of: {string.Join(", ", names)}.");
            return;
        }

        if (value.ValueKind == JsonValueKind.String && schema.TryGetProperty("format", out var format))
        {
            var text = value.GetString()!;
            var valid = format.GetString() switch
            {
                "uuid" => Guid.TryParse(text, out _),
                "date" => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
                "date-time" => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
                _ => true,
            };
            if (!valid)
                Add(errors, path, format.GetString() switch
                {
                    "uuid" => "Must be a UUID, e.g. 0192f6a4-6b1e-7c3d-9a4e-1f2b3c4d5e6f.",
                    "date" => "Must be a date as YYYY-MM-DD.",
                    _ => "Must be an ISO-8601 timestamp with offset, e.g. 2026-05-01T09:00:00Z.",
                });
        }

        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Object)
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
                ValidateValue(items, item, $"{path}[{index++}]", target: null, errors);
        }

        if (value.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out _))
            ValidateObjectMembers(schema, value.EnumerateObject().Select(m => (m.Name, m.Value)), path + ".", memberTypes: null, errors);
    }

    /// <summary>Whether the integer <paramref name="value"/> fits <paramref name="target"/>: a <see cref="long"/> when it is one, else an <see cref="int"/>.</summary>
    private static bool FitsIntegerType(JsonElement value, Type? target, out (long Min, long Max) range)
    {
        if (target == typeof(long))
        {
            range = (long.MinValue, long.MaxValue);
            return value.TryGetInt64(out _);
        }

        range = (int.MinValue, int.MaxValue);
        return value.TryGetInt32(out _);
    }

    /// <summary>
    /// A name given twice in one object, at any depth: refused as the HTTP body reader refuses it,
    /// rather than the last one winning (or the binder failing on it).
    /// </summary>
    private static void FindDuplicateNames(JsonElement value, string path, Dictionary<string, List<string>> errors)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var member in value.EnumerateObject())
                {
                    if (!seen.Add(member.Name))
                    {
                        Add(errors, path, DuplicateProperty(member.Name));
                        return;
                    }

                    FindDuplicateNames(member.Value, $"{path}.{member.Name}", errors);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in value.EnumerateArray())
                    FindDuplicateNames(item, $"{path}[{index++}]", errors);
                break;
        }
    }

    private static List<string> AllowedTypes(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var type))
            return [];
        return type.ValueKind switch
        {
            JsonValueKind.String => [type.GetString()!],
            JsonValueKind.Array => type.EnumerateArray().Select(t => t.GetString()).OfType<string>().ToList(),
            _ => [],
        };
    }

    private static bool HasType(JsonElement value, string type) => type switch
    {
        "string" => value.ValueKind == JsonValueKind.String,
        // As the HTTP API reads it: digits only, so 1.0 and 1e2 are not integers.
        "integer" => value.ValueKind == JsonValueKind.Number && value.GetRawText().AsSpan().IndexOfAny('.', 'e', 'E') < 0,
        "number" => value.ValueKind == JsonValueKind.Number,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "array" => value.ValueKind == JsonValueKind.Array,
        "object" => value.ValueKind == JsonValueKind.Object,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => true,
    };

    private static string Describe(List<string> types)
    {
        var words = types.Where(t => t != "null").Select(t => t switch
        {
            "integer" => "an integer",
            "array" => "an array",
            "object" => "an object",
            _ => "a " + t,
        }).ToList();
        var text = words.Count == 0 ? "null" : string.Join(" or ", words);
        return types.Contains("null") && words.Count > 0 ? text + " (or null)" : text;
    }

    private static string Describe(JsonElement value) => Describe(value.ValueKind);

    /// <summary>"a string", "a number"… for an error message; also <see cref="McpParamsGuard"/>'s.</summary>
    internal static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };

    /// <summary>The message for a name given twice in one object (the name, when it is known), in arguments and params alike.</summary>
    internal static string DuplicateProperty(string? name) =>
        name is null
            ? "Duplicate property: a name is given more than once in the same object."
            : $"Duplicate property: '{name}' is given more than once in the same object.";

    internal static void Add(Dictionary<string, List<string>> errors, string path, string message)
    {
        if (!errors.TryGetValue(path, out var list))
            errors[path] = list = [];
        list.Add(message);
    }
}

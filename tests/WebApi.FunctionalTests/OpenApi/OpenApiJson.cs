using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StateHub.WebApi.FunctionalTests.OpenApi;

/// <summary>
/// Canonical text of an OpenAPI document (object keys sorted, two-space indent, LF, final newline)
/// so that comparing the committed and the served document does not depend on property order, and
/// a structural diff that names each changed JSON path.
/// </summary>
internal static class OpenApiJson
{
    public const string UpdateVariable = "STATEHUB_UPDATE_OPENAPI";

    public const string RegenerateHint =
        "If the change is intended, regenerate the document and the client: scripts/regenerate-client.sh";

    private const int MaxDifferences = 60;

    private static readonly JsonSerializerOptions Output = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static bool UpdateRequested => Environment.GetEnvironmentVariable(UpdateVariable) is "1" or "true";

    public static string Normalise(string json)
    {
        var node = JsonNode.Parse(json) ?? throw new InvalidOperationException("The document is empty.");
        return Sorted(node)!.ToJsonString(Output) + "\n";
    }

    /// <summary>One line per difference, as <c>~ path: old → new</c>, <c>+ path: value</c> or <c>- path: value</c>.</summary>
    public static IReadOnlyList<string> Diff(string expected, string actual)
    {
        var differences = new List<string>();
        Compare("$", JsonNode.Parse(expected), JsonNode.Parse(actual), differences);
        if (differences.Count > MaxDifferences)
        {
            var more = differences.Count - MaxDifferences;
            differences = [.. differences.Take(MaxDifferences), $"... and {more} more"];
        }

        return differences;
    }

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray array => new JsonArray(array.Select(Sorted).ToArray()),
        _ => node?.DeepClone(),
    };

    private static void Compare(string path, JsonNode? expected, JsonNode? actual, List<string> differences)
    {
        switch (expected, actual)
        {
            case (JsonObject e, JsonObject a):
                foreach (var key in e.Select(p => p.Key).Union(a.Select(p => p.Key)).Order(StringComparer.Ordinal))
                {
                    var childPath = $"{path}{Segment(key)}";
                    var inExpected = e.TryGetPropertyValue(key, out var ev);
                    var inActual = a.TryGetPropertyValue(key, out var av);
                    if (!inActual)
                        differences.Add($"- {childPath}: {Short(ev)}");
                    else if (!inExpected)
                        differences.Add($"+ {childPath}: {Short(av)}");
                    else
                        Compare(childPath, ev, av, differences);
                }

                break;
            case (JsonArray e, JsonArray a) when e.Count == a.Count:
                for (var i = 0; i < e.Count; i++)
                    Compare($"{path}[{i}]", e[i], a[i], differences);
                break;
            case (JsonArray e, JsonArray a):
                // Lists such as `required`, `enum` or `tags` grow and shrink: name what came and went.
                foreach (var gone in e.Where(x => !a.Any(y => JsonNode.DeepEquals(x, y))))
                    differences.Add($"- {path}[]: {Short(gone)}");
                foreach (var came in a.Where(y => !e.Any(x => JsonNode.DeepEquals(x, y))))
                    differences.Add($"+ {path}[]: {Short(came)}");
                break;
            default:
                if (!JsonNode.DeepEquals(expected, actual))
                    differences.Add($"~ {path}: {Short(expected)} → {Short(actual)}");
                break;
        }
    }

    private static string Segment(string key) =>
        key.All(c => char.IsLetterOrDigit(c) || c is '_' or '-') ? "." + key : $"[\"{key}\"]";

    private static string Short(JsonNode? node)
    {
        var text = node?.ToJsonString() ?? "null";
        return text.Length <= 160 ? text : text[..157] + "...";
    }
}

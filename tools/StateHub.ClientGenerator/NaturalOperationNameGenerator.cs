using NSwag;
using NSwag.CodeGeneration.OperationNameGenerators;

namespace StateHub.ClientGenerator;

/// <summary>
/// Client and method names that read naturally, from operation ids <c>{Controller}_{Action}</c>:
/// the client is the resource the path is about (<c>RepoDoi</c>, <c>Dispatch</c> and
/// <c>RepoSync</c> act on a repo, so they live on <c>Repos</c>), and the method is the action
/// without that resource's name: <c>Repos_GetRepo</c> → <c>Repos.GetAsync</c>,
/// <c>RepoDoi_GetRepoDoi</c> → <c>Repos.GetDoiAsync</c>, <c>Dispatch_GetRepoDispatch</c> →
/// <c>Repos.GetDispatchAsync</c>, <c>Tasks_ListTasks</c> → <c>Tasks.ListAsync</c>.
/// The operation ids on the wire contract do not change.
/// </summary>
internal sealed class NaturalOperationNameGenerator : IOperationNameGenerator
{
    private static readonly Dictionary<string, string> ClientOf = new(StringComparer.Ordinal)
    {
        ["RepoDoi"] = "Repos",
        ["Dispatch"] = "Repos",
        ["RepoSync"] = "Repos",
    };

    public bool SupportsMultipleClients => true;

    public string GetClientName(OpenApiDocument document, string path, string httpMethod, OpenApiOperation operation) =>
        ClientNameOf(operation.OperationId);

    public string GetOperationName(OpenApiDocument document, string path, string httpMethod, OpenApiOperation operation) =>
        OperationNameOf(operation.OperationId);

    public static string ClientNameOf(string operationId)
    {
        var controller = Split(operationId).Controller;
        return ClientOf.GetValueOrDefault(controller, controller);
    }

    public static string OperationNameOf(string operationId)
    {
        var (_, action) = Split(operationId);
        var client = ClientNameOf(operationId);
        var singular = client.EndsWith('s') ? client[..^1] : client;
        foreach (var noun in new[] { client, singular })
        {
            for (var at = action.IndexOf(noun, 1, StringComparison.Ordinal); at > 0; at = action.IndexOf(noun, at + 1, StringComparison.Ordinal))
            {
                // Only a whole word: "Repo" in "ReportRepoFacts", not the start of "Report".
                if (at + noun.Length == action.Length || char.IsUpper(action[at + noun.Length]))
                    return action.Remove(at, noun.Length);
            }
        }

        return action;
    }

    /// <summary>
    /// Names a path parameter after the resource it identifies when the client is about another one:
    /// <c>workstreams/{id}/tasks</c> on the Tasks client takes <c>workstream_id</c> (C# <c>workstreamId</c>),
    /// <c>repos/{slug}/goals</c> on the Goals client takes <c>repo_slug</c>. The URL sent is the same.
    /// </summary>
    public static void NameParentParameters(OpenApiDocument document)
    {
        foreach (var (path, item) in document.Paths.ToList())
        {
            var renames = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var operation in item.Values)
            {
                var client = ClientNameOf(operation.OperationId);
                foreach (var parameter in operation.Parameters.Where(p => p.Kind == OpenApiParameterKind.Path && p.Name is "id" or "slug"))
                {
                    var segments = path.Trim('/').Split('/');
                    var at = Array.IndexOf(segments, "{" + parameter.Name + "}");
                    if (at <= 0)
                        continue;
                    var resource = string.Concat(segments[at - 1].Split('-').Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
                    if (resource == client)
                        continue;
                    var singular = segments[at - 1].EndsWith('s') ? segments[at - 1][..^1] : segments[at - 1];
                    var name = singular.Replace('-', '_') + "_" + parameter.Name;
                    if (renames.TryGetValue(parameter.Name, out var other) && other != name)
                        throw new InvalidOperationException($"Operations on {path} disagree on the name of {{{parameter.Name}}}.");
                    renames[parameter.Name] = name;
                    parameter.Name = name;
                    // NSwag names the C# argument after x-originalName: workstream_id → workstreamId.
                    var words = name.Split('_');
                    parameter.OriginalName = words[0] + string.Concat(words.Skip(1).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
                }
            }

            if (renames.Count == 0)
                continue;
            var renamed = renames.Aggregate(path, (p, r) => p.Replace("{" + r.Key + "}", "{" + r.Value + "}", StringComparison.Ordinal));
            document.Paths.Remove(path);
            document.Paths[renamed] = item;
        }
    }

    private static (string Controller, string Action) Split(string operationId)
    {
        var at = operationId.IndexOf('_', StringComparison.Ordinal);
        if (at <= 0)
            throw new InvalidOperationException($"Operation id '{operationId}' is not {{Controller}}_{{Action}}.");
        return (operationId[..at], operationId[(at + 1)..]);
    }
}

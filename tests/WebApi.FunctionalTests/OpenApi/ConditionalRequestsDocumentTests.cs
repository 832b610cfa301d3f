using System.Text.Json.Nodes;
using StateHub.WebApi.FunctionalTests.Infrastructure;

namespace StateHub.WebApi.FunctionalTests.OpenApi;

/// <summary>
/// The served document declares optimistic concurrency exactly where the service does it:
/// <c>If-Match</c> on every in-place change of a versioned resource (and nowhere else), and the
/// <c>ETag</c> response header wherever one of those resources comes back.
/// </summary>
public sealed class ConditionalRequestsDocumentTests : FunctionalTestBase
{
    private static readonly string[] ConditionalOperations =
    [
        "Domains_UpdateDomain",
        "Goals_UpdateGoal",
        "InterfaceChanges_AcknowledgeInterfaceChange",
        "InterfaceChanges_PublishInterfaceChange",
        "InterfaceChanges_ResolveInterfaceChange",
        "InterfaceChanges_UpdateInterfaceChange",
        "Repos_ArchiveRepo",
        "Tasks_ClaimTask",
        "Tasks_ReleaseTask",
        "Tasks_RenewClaim",
        "Repos_RegisterHostPath",
        "Repos_UpdateRepo",
        "Tasks_UpdateTask",
        "Workstreams_UpdateWorkstream",
        "Webhooks_UpdateWebhook",
        "Webhooks_RotateWebhookSecret",
    ];

    private List<(string Method, string Path, JsonNode Operation)> _operations = null!;

    [OneTimeSetUp]
    public async Task ReadDocument()
    {
        var document = JsonNode.Parse(await Client.GetStringAsync("/swagger/v1/swagger.json"))!;
        _operations = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(op => (Method: op.Key, Path: path.Key, Operation: op.Value!)))
            .ToList();
    }

    [Test]
    public void IfMatch_DeclaredOnEveryInPlaceChangeAndNowhereElse()
    {
        var declaring = _operations.Where(o => IfMatch(o.Operation) is not null).Select(o => Id(o.Operation));

        Assert.That(declaring, Is.EquivalentTo(ConditionalOperations));
    }

    [Test]
    public void IfMatch_IsAnOptionalStringHeaderAndTheOperationDocuments409()
    {
        foreach (var (_, _, operation) in _operations.Where(o => ConditionalOperations.Contains(Id(o.Operation))))
        {
            var parameter = IfMatch(operation)!;
            Assert.That(parameter["required"]?.GetValue<bool>() ?? false, Is.False, Id(operation));
            Assert.That(parameter["schema"]!["type"]!.GetValue<string>(), Is.EqualTo("string"), Id(operation));
            Assert.That(parameter["description"]!.GetValue<string>(), Does.Contain("409"), Id(operation));
            Assert.That(operation["responses"]!["409"]!["content"]!["application/problem+json"], Is.Not.Null, Id(operation));
        }
    }

    [TestCase("get", "/domains/{slug}", "200")]
    [TestCase("get", "/repos/{slug}", "200")]
    [TestCase("get", "/repos/by-id/{repo_id}", "200")]
    [TestCase("get", "/goals/{id}", "200")]
    [TestCase("get", "/workstreams/{id}", "200")]
    [TestCase("get", "/tasks/{id}", "200")]
    [TestCase("get", "/interface-changes/{id}", "200")]
    [TestCase("post", "/repos", "201")]
    [TestCase("patch", "/repos/{slug}", "200")]
    [TestCase("post", "/interface-changes/{id}/publish", "200")]
    public void ETag_DeclaredOnResponsesCarryingAVersionedResource(string method, string path, string status)
    {
        var operation = Find(method, path);

        Assert.That(operation["responses"]![status]!["headers"]?["ETag"]?["schema"]?["type"]?.GetValue<string>(), Is.EqualTo("string"));
    }

    [TestCase("get", "/repos")]
    [TestCase("get", "/repos/{slug}/inbox")]
    [TestCase("get", "/repos/{slug}/dispatch")]
    public void ETag_NotDeclaredOnListsOrOtherResources(string method, string path)
    {
        var operation = Find(method, path);

        Assert.That(operation["responses"]!["200"]!["headers"], Is.Null);
    }

    private static JsonNode? IfMatch(JsonNode operation) =>
        operation["parameters"]?.AsArray().FirstOrDefault(p => p!["name"]!.GetValue<string>() == "If-Match" && p["in"]!.GetValue<string>() == "header");

    private static string Id(JsonNode operation) => operation["operationId"]!.GetValue<string>();

    private JsonNode Find(string method, string path) =>
        _operations.SingleOrDefault(o => o.Method == method && o.Path == path).Operation
        ?? throw new AssertionException($"The document has no {method} {path}.");
}

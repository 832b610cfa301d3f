using System.Net;
using System.Text.Json.Nodes;
using StateHub.WebApi.FunctionalTests.Infrastructure;

namespace StateHub.WebApi.FunctionalTests.OpenApi;

/// <summary>
/// The served document declares <c>Idempotency-Key</c> (§15) exactly where the middleware honours
/// it, on every POST, with its semantics, the 409 and 422 it can answer and the replay header; and
/// every operation that declares it does refuse a malformed key, so the document cannot drift from the code.
/// </summary>
public sealed class IdempotencyKeyDocumentTests : FunctionalTestBase
{
    private List<(string Method, string Path, JsonNode Operation)> _operations = null!;

    [OneTimeSetUp]
    public async Task ReadDocument()
    {
        var document = JsonNode.Parse(await Client.GetStringAsync("/swagger/v1/swagger.json"))!;
        _operations = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(op => (Method: op.Key, Path: path.Key, Operation: op.Value!)))
            .ToList();
    }

    private static JsonNode? Header(JsonNode operation) =>
        operation["parameters"]?.AsArray().FirstOrDefault(p => p!["in"]!.GetValue<string>() == "header" && p["name"]!.GetValue<string>() == "Idempotency-Key");

    private static string Id(JsonNode operation) => operation["operationId"]!.GetValue<string>();

    [Test]
    public void IdempotencyKey_DeclaredOnEveryPostAndNowhereElse()
    {
        var posts = _operations.Where(o => o.Method == "post").Select(o => Id(o.Operation)).ToList();
        var declaring = _operations.Where(o => Header(o.Operation) is not null).Select(o => Id(o.Operation)).ToList();

        Assert.That(posts, Has.Count.GreaterThan(20));
        Assert.That(declaring, Is.EquivalentTo(posts));
    }

    [Test]
    public void IdempotencyKey_IsAnOptionalBoundedStringWithItsSemantics_AndTheOperationDocuments409And422()
    {
        foreach (var (_, _, operation) in _operations.Where(o => o.Method == "post"))
        {
            var header = Header(operation)!;
            var description = header["description"]!.GetValue<string>();
            Assert.That(header["required"]?.GetValue<bool>() ?? false, Is.False, Id(operation));
            Assert.That(header["schema"]!["type"]!.GetValue<string>(), Is.EqualTo("string"), Id(operation));
            Assert.That(header["schema"]!["maxLength"]!.GetValue<int>(), Is.EqualTo(255), Id(operation));
            Assert.That(description, Does.Contain("24 hours").And.Contain("422").And.Contain("409").And.Contain("replayed"), Id(operation));
            foreach (var status in new[] { "409", "422" })
            {
                var response = operation["responses"]![status];
                Assert.That(response?["content"]?["application/problem+json"], Is.Not.Null, $"{Id(operation)} {status}");
                Assert.That(response!["description"]!.GetValue<string>(), Does.Contain("Idempotency-Key"), $"{Id(operation)} {status}");
            }

            var success = operation["responses"]!.AsObject().Where(r => r.Key.StartsWith('2')).ToList();
            Assert.That(success, Is.Not.Empty, Id(operation));
            Assert.That(success.All(r => r.Value!["headers"]?["Idempotent-Replayed"] is not null), Is.True, Id(operation));
        }
    }

    [Test]
    public async Task EveryDeclaringOperation_RefusesAMalformedKeyWithA422NamingTheHeader()
    {
        foreach (var (method, path, operation) in _operations.Where(o => Header(o.Operation) is not null))
        {
            var url = System.Text.RegularExpressions.Regex.Replace(path, "{[^}]+}", _ => Guid.NewGuid().ToString());
            using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), url) { Content = RawJson("{}") };
            request.Headers.TryAddWithoutValidation("Idempotency-Key", "two words");

            using var response = await Client.SendAsync(request);

            var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
            Assert.That(problem["errors"]?["Idempotency-Key"]?[0]?.GetValue<string>(), Does.Contain("visible ASCII"), $"{Id(operation)}: {problem}");
        }
    }

    [Test]
    public async Task AnOperationThatDoesNotDeclareIt_IgnoresTheHeader()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/domains/");
        request.Headers.TryAddWithoutValidation("Idempotency-Key", "two words");

        using var response = await Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}

using System.Net;
using System.Text.Json.Nodes;

namespace StateHub.WebApi.FunctionalTests.Mcp;

/// <summary>register_repo through MCP behaves as POST /repos/ does: same result, same problems.</summary>
public sealed class McpRepoToolsTests : McpTestBase
{
    [SetUp]
    public Task ArrangeDomain() => CreateDomainAsync();

    [Test]
    public async Task RegisterRepo_ValidArguments_RegistersTheRepoTheHttpApiThenServes()
    {
        var registered = await CallOkAsync("register_repo", new
        {
            domain_slug = "platform",
            slug = "repo-registry",
            name = "Repo Registry",
            remote_url = "git@example.com:org/repo-registry.git",
            git_fingerprint = "0123456789abcdef0123456789abcdef01234567",
            description = "The registry",
            topic_id = "42",
        });

        Assert.That(registered["slug"]!.GetValue<string>(), Is.EqualTo("repo-registry"));
        Assert.That(registered["domain_slug"]!.GetValue<string>(), Is.EqualTo("platform"));
        Assert.That(registered["status"]!.GetValue<string>(), Is.EqualTo("active"), "enums are snake_case strings");
        var served = await GetOkAsync("/repos/repo-registry");
        Assert.That(JsonNode.DeepEquals(registered, served), Is.True, $"MCP: {registered}\nHTTP: {served}");
    }

    [Test]
    public async Task RegisterRepo_DuplicateSlug_IsErrorWithTheHttpConflictDetail()
    {
        await RegisterRepoAsync("repo-a");
        var http = await HttpDetailAsync(new { domain_slug = "platform", slug = "repo-a", name = "A" }, HttpStatusCode.Conflict);

        var detail = await CallFailingAsync("register_repo", new { domain_slug = "platform", slug = "repo-a", name = "A" }, 409);

        Assert.That(detail, Is.EqualTo(http));
    }

    [Test]
    public async Task RegisterRepo_UnknownDomain_IsErrorWithTheHttpNotFoundDetail()
    {
        var http = await HttpDetailAsync(new { domain_slug = "nope", slug = "repo-a", name = "A" }, HttpStatusCode.NotFound);

        var detail = await CallFailingAsync("register_repo", new { domain_slug = "nope", slug = "repo-a", name = "A" }, 404);

        Assert.That(detail, Is.EqualTo(http).And.Contain("nope"));
    }

    [Test]
    public async Task RegisterRepo_InvalidSlug_IsErrorWithTheHttpValidationDetail()
    {
        var http = await HttpDetailAsync(new { domain_slug = "platform", slug = "Not A Slug", name = "A" }, HttpStatusCode.UnprocessableEntity);

        var detail = await CallFailingAsync("register_repo", new { domain_slug = "platform", slug = "Not A Slug", name = "A" }, 422);

        Assert.That(detail, Is.EqualTo(http).And.StartWith("slug: "));
        Assert.That(await GetOkAsync("/repos/"), Is.Empty);
    }

    [Test]
    public async Task RegisterRepo_MissingRequiredArgument_IsErrorNamingIt()
    {
        var result = await CallAsync("register_repo", new { domain_slug = "platform", slug = "repo-a" });

        Assert.That(result.IsError, Is.True);
        Assert.That(TextOf(result), Is.EqualTo("name: Required."));
        var errors = JsonNode.Parse(result.StructuredContent!.Value.GetRawText())!["errors"]!;
        Assert.That(errors["name"]![0]!.GetValue<string>(), Is.EqualTo("Required."));
    }

    [Test]
    public async Task RegisterRepo_UnknownArgumentOrWrongType_IsErrorNamingEachArgument()
    {
        var detail = await CallFailingAsync("register_repo", new { domain_slug = "platform", slug = 5, name = "A", bogus = true }, 422);

        Assert.That(detail, Does.Contain("slug: Must be a string, not a number."));
        Assert.That(detail, Does.Contain("bogus: Unknown argument. Expected one of: domain_slug, slug, name"));
        Assert.That(await GetOkAsync("/repos/"), Is.Empty);
    }

    [Test]
    public async Task RegisterRepo_OptionalArgumentsNull_AreTakenAsNotGiven()
    {
        var registered = await CallOkAsync("register_repo", new { domain_slug = "platform", slug = "repo-a", name = "A", local_path = (string?)null, topic_id = (string?)null });

        Assert.That(registered["local_path"], Is.Null);
        Assert.That(registered["topic_id"], Is.Null);
    }

    private Task<string> HttpDetailAsync(object body, HttpStatusCode status) =>
        HttpProblemDetailAsync(HttpMethod.Post, "/repos/", body, status);
}

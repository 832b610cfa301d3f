using System.Net;
using System.Text.Json.Nodes;
using StateHub.WebApi.FunctionalTests.Infrastructure;

namespace StateHub.WebApi.FunctionalTests.Concurrency;

/// <summary>
/// The other in-place changes (archive, host paths, publish, resolve) honour <c>If-Match</c> like
/// a PATCH does, and creating a resource already sends its ETag.
/// </summary>
public sealed class ConditionalLifecycleTests : FunctionalTestBase
{
    [SetUp]
    public async Task ArrangeRepos()
    {
        await CreateDomainAsync();
        await RegisterRepoAsync("origin");
        await RegisterRepoAsync("consumer");
    }

    [Test]
    public async Task Create_Resource_SendsTheETagAGetWillSend()
    {
        using var created = await Client.PostAsync("/repos/", Json(new { domain_slug = "platform", slug = "fresh", name = "Fresh" }));
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));

        using var read = await Client.GetAsync("/repos/fresh");

        Assert.That(created.Headers.ETag, Is.Not.Null);
        Assert.That(read.Headers.ETag, Is.EqualTo(created.Headers.ETag));
    }

    [Test]
    public async Task GetRepoByIdAndByRemote_Repo_SendTheSameETagAsBySlug()
    {
        var repo = await RegisterRepoAsync("remote", remoteUrl: "https://example.com/remote.git");
        using var bySlug = await Client.GetAsync("/repos/remote");
        using var byId = await Client.GetAsync($"/repos/by-id/{repo["id"]}");
        using var byRemote = await Client.GetAsync("/repos/by-remote?url=https://example.com/remote.git");

        Assert.That(bySlug.Headers.ETag, Is.Not.Null);
        Assert.That(byId.Headers.ETag, Is.EqualTo(bySlug.Headers.ETag));
        Assert.That(byRemote.Headers.ETag, Is.EqualTo(bySlug.Headers.ETag));
    }

    [Test]
    public async Task List_Resources_SendsNoETag()
    {
        using var response = await Client.GetAsync("/repos/");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Headers.ETag, Is.Null);
    }

    [Test]
    public async Task ArchiveRepo_StaleIfMatch_Is409AndLeavesItActive()
    {
        var stale = await ETagOfAsync("/repos/origin");
        await SendOkAsync(HttpMethod.Patch, "/repos/origin", new { description = "Moved on" });

        using var response = await SendAsync(HttpMethod.Patch, "/repos/origin/archive", body: null, stale);

        await AssertProblemAsync(response, HttpStatusCode.Conflict);
        Assert.That((await GetOkAsync("/repos/origin"))["status"]!.GetValue<string>(), Is.EqualTo("active"));
    }

    [Test]
    public async Task ArchiveRepo_MatchingIfMatch_Archives()
    {
        var etag = await ETagOfAsync("/repos/origin");

        using var response = await SendAsync(HttpMethod.Patch, "/repos/origin/archive", body: null, etag);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That((await ReadJsonAsync(response))["status"]!.GetValue<string>(), Is.EqualTo("archived"));
        Assert.That(response.Headers.ETag?.Tag, Is.Not.Null.And.Not.EqualTo(etag));
    }

    [Test]
    public async Task RegisterHostPath_StaleIfMatch_Is409AndRecordsNoPath()
    {
        var stale = await ETagOfAsync("/repos/origin");
        await SendOkAsync(HttpMethod.Patch, "/repos/origin", new { description = "Moved on" });

        using var response = await SendAsync(HttpMethod.Post, "/repos/origin/paths", new { host = "box", path = "/src/origin" }, stale);

        await AssertProblemAsync(response, HttpStatusCode.Conflict);
        Assert.That((await GetOkAsync("/repos/origin"))["host_paths"]!.AsObject(), Is.Empty);
    }

    [Test]
    public async Task RegisterHostPath_MatchingIfMatch_RecordsThePath()
    {
        var etag = await ETagOfAsync("/repos/origin");

        using var response = await SendAsync(HttpMethod.Post, "/repos/origin/paths", new { host = "box", path = "/src/origin" }, etag);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That((await ReadJsonAsync(response))["host_paths"]!["box"]!.GetValue<string>(), Is.EqualTo("/src/origin"));
    }

    [Test]
    public async Task PublishInterfaceChange_StaleIfMatch_Is409AndNotifiesNobody()
    {
        var url = await RegisterChangeAsync();
        var stale = await ETagOfAsync(url);
        await SendOkAsync(HttpMethod.Patch, url, new { title = "Edited after the read" });

        using var response = await SendAsync(HttpMethod.Post, $"{url}/publish", body: null, stale);

        var problem = await AssertProblemAsync(response, HttpStatusCode.Conflict);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.StartWith("The interface change was modified since you read it"));
        Assert.That((await GetOkAsync(url))["status"]!.GetValue<string>(), Is.EqualTo("draft"));
        Assert.That((await GetOkAsync("/repos/consumer/inbox")).AsArray(), Is.Empty);
    }

    [Test]
    public async Task PublishThenResolve_MatchingIfMatchEachTime_Succeed()
    {
        var url = await RegisterChangeAsync();

        using var published = await SendAsync(HttpMethod.Post, $"{url}/publish", body: null, await ETagOfAsync(url));
        Assert.That(published.StatusCode, Is.EqualTo(HttpStatusCode.OK), await published.Content.ReadAsStringAsync());
        using var resolved = await SendAsync(HttpMethod.Post, $"{url}/resolve", new { resolution_note = "Done", force = true }, published.Headers.ETag!.Tag);

        Assert.That(resolved.StatusCode, Is.EqualTo(HttpStatusCode.OK), await resolved.Content.ReadAsStringAsync());
        Assert.That((await ReadJsonAsync(resolved))["status"]!.GetValue<string>(), Is.EqualTo("resolved"));
    }

    [Test]
    public async Task ResolveInterfaceChange_StaleIfMatch_Is409AndStaysPublished()
    {
        var url = await RegisterChangeAsync();
        var stale = await ETagOfAsync(url);
        await SendOkAsync(HttpMethod.Post, $"{url}/publish");

        using var response = await SendAsync(HttpMethod.Post, $"{url}/resolve", body: null, stale);

        await AssertProblemAsync(response, HttpStatusCode.Conflict);
        Assert.That((await GetOkAsync(url))["status"]!.GetValue<string>(), Is.EqualTo("published"));
    }

    [Test]
    public async Task PatchUnknownResource_WithIfMatch_Is404()
    {
        using var response = await SendAsync(HttpMethod.Patch, "/repos/nowhere", new { name = "X" }, "\"1\"");

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    private async Task<string> RegisterChangeAsync()
    {
        var change = await PostCreatedAsync("/interface-changes/", new
        {
            origin_repo_slug = "origin",
            title = "Trailing slashes",
            change_type = "breaking",
            interface_type = "http_api",
            affected_repo_slugs = new[] { "consumer" },
        });
        return $"/interface-changes/{change["id"]}";
    }

    private async Task<string> ETagOfAsync(string url)
    {
        using var response = await Client.GetAsync(url);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return response.Headers.ETag?.Tag ?? throw new AssertionException($"GET {url} sent no ETag");
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, object? body, string ifMatch)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : Json(body) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await Client.SendAsync(request);
    }
}

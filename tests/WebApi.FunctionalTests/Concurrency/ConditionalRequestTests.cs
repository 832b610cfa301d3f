using System.Net;
using System.Text.Json.Nodes;
using StateHub.WebApi.FunctionalTests.Infrastructure;

namespace StateHub.WebApi.FunctionalTests.Concurrency;

/// <summary>
/// Optimistic concurrency for every resource family with a PATCH: a GET sends the resource's
/// ETag, and a PATCH with <c>If-Match</c> changes it only if that ETag is still current.
/// </summary>
[TestFixtureSource(nameof(Families))]
public sealed class ConditionalRequestTests(ConditionalRequestTests.Family family) : FunctionalTestBase
{
    public static IEnumerable<Family> Families =>
    [
        new("domain", async t => { await t.CreateDomainAsync(); return "/domains/platform"; }),
        new("repo", async t => { await t.ArrangeRepoAsync(); return "/repos/repo-a"; }),
        new("goal", async t =>
        {
            await t.ArrangeRepoAsync();
            var goal = await t.PostCreatedAsync("/repos/repo-a/goals", new { title = "Ship", priority = 2 });
            return $"/goals/{goal["id"]}";
        }),
        new("workstream", async t => $"/workstreams/{(await t.ArrangeWorkstreamAsync())["id"]}"),
        new("task", async t =>
        {
            var workstream = await t.ArrangeWorkstreamAsync();
            var task = await t.PostCreatedAsync($"/workstreams/{workstream["id"]}/tasks", new { key = "T01", title = "Ship" });
            return $"/tasks/{task["id"]}";
        }),
        new("interface change", async t =>
        {
            await t.ArrangeRepoAsync();
            var change = await t.PostCreatedAsync("/interface-changes/", new
            {
                origin_repo_slug = "repo-a",
                title = "Ship",
                change_type = "additive",
                interface_type = "http_api",
            });
            return $"/interface-changes/{change["id"]}";
        }),
    ];

    /// <summary>A resource family: what it is called, and how to create one (returning its URL).</summary>
    public sealed record Family(string Noun, Func<ConditionalRequestTests, Task<string>> Create)
    {
        public override string ToString() => Noun;
    }

    [Test]
    public async Task Get_Resource_SendsStrongETagDerivedFromUpdatedAt()
    {
        var url = await family.Create(this);

        var (body, etag) = await GetWithETagAsync(url);

        var updatedAt = DateTimeOffset.Parse(body["updated_at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(etag, Is.EqualTo($"\"{(updatedAt - DateTimeOffset.UnixEpoch).Ticks / 10}\""));
    }

    [Test]
    public async Task Patch_MatchingIfMatch_ChangesAndSendsTheNewETag()
    {
        var url = await family.Create(this);
        var (_, etag) = await GetWithETagAsync(url);

        // The clock does not move: the new version must differ all the same.
        using var response = await PatchAsync(url, "Renamed", etag);

        var body = await AssertOkAsync(response);
        Assert.That(Title(body), Is.EqualTo("Renamed"));
        var newETag = response.Headers.ETag?.ToString();
        Assert.That(newETag, Is.Not.Null.And.Not.EqualTo(etag));
        var (reread, rereadETag) = await GetWithETagAsync(url);
        Assert.That(rereadETag, Is.EqualTo(newETag), "the ETag of a just-saved resource is the one it is read back with");
        Assert.That(reread.ToJsonString(), Is.EqualTo(body.ToJsonString()));
    }

    [Test]
    public async Task Patch_StaleIfMatch_Is409AndChangesNothing()
    {
        var url = await family.Create(this);
        var (_, stale) = await GetWithETagAsync(url);
        using (var first = await PatchAsync(url, "First writer", ifMatch: null))
            await AssertOkAsync(first);
        var (before, current) = await GetWithETagAsync(url);

        using var response = await PatchAsync(url, "Second writer", stale);

        var problem = await AssertProblemAsync(response, HttpStatusCode.Conflict);
        Assert.That(problem["detail"]!.GetValue<string>(), Is.EqualTo(
            $"The {family.Noun} was modified since you read it (its ETag is now {current}); read it again and retry."));
        Assert.That(response.Headers.ETag, Is.Null);
        var (after, afterETag) = await GetWithETagAsync(url);
        Assert.That(after.ToJsonString(), Is.EqualTo(before.ToJsonString()));
        Assert.That(afterETag, Is.EqualTo(current));
    }

    [Test]
    public async Task Patch_WildcardIfMatch_Changes()
    {
        var url = await family.Create(this);

        using var response = await PatchAsync(url, "Renamed", "*");

        Assert.That(Title(await AssertOkAsync(response)), Is.EqualTo("Renamed"));
    }

    [Test]
    public async Task Patch_NoIfMatch_Changes()
    {
        var url = await family.Create(this);

        using var response = await PatchAsync(url, "Renamed", ifMatch: null);

        Assert.That(Title(await AssertOkAsync(response)), Is.EqualTo("Renamed"));
        Assert.That(response.Headers.ETag, Is.Not.Null);
    }

    [Test]
    public async Task Patch_IfMatchListingTheCurrentETag_Changes()
    {
        var url = await family.Create(this);
        var (_, etag) = await GetWithETagAsync(url);

        using var response = await PatchAsync(url, "Renamed", $"\"1\", W/{etag}, {etag}");

        Assert.That(Title(await AssertOkAsync(response)), Is.EqualTo("Renamed"));
    }

    [TestCase("W/")]
    [TestCase("unquoted")]
    [TestCase("list")]
    public async Task Patch_WeakOrMalformedIfMatch_Is409AndChangesNothing(string form)
    {
        var url = await family.Create(this);
        var (before, etag) = await GetWithETagAsync(url);
        var ifMatch = form switch
        {
            "W/" => "W/" + etag,
            "unquoted" => etag.Trim('"'),
            _ => $"{etag} {etag}",
        };

        using var response = await PatchAsync(url, "Renamed", ifMatch);

        var problem = await AssertProblemAsync(response, HttpStatusCode.Conflict);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain(etag));
        Assert.That((await GetWithETagAsync(url)).Body.ToJsonString(), Is.EqualTo(before.ToJsonString()));
    }

    [Test]
    public async Task Patch_ConcurrentWritersWithOneETag_ExactlyOneWins()
    {
        var url = await family.Create(this);
        var (_, etag) = await GetWithETagAsync(url);

        // The test holds the resource's row so that all four writers are inside their transactions,
        // waiting, before any of them compares its If-Match: without the service's row lock each
        // would already have read the same current ETag, and all four would win.
        await using var barrier = await RowLockBarrier.HoldAsync(LockSql(url), new Dictionary<string, object> { ["key"] = KeyOf(url) });
        var writers = Enumerable.Range(0, 4).Select(async i =>
        {
            using var response = await PatchAsync(url, $"Writer {i}", etag);
            return (response.StatusCode, Title: response.IsSuccessStatusCode ? Title(await ReadJsonAsync(response)) : null);
        }).ToList();
        await barrier.WaitForWaitersAsync(4);
        await barrier.ReleaseAsync();
        var results = await Task.WhenAll(writers);

        Assert.That(results.Count(r => r.StatusCode == HttpStatusCode.OK), Is.EqualTo(1), string.Join(", ", results));
        Assert.That(results.Count(r => r.StatusCode == HttpStatusCode.Conflict), Is.EqualTo(3), string.Join(", ", results));
        var winner = results.Single(r => r.StatusCode == HttpStatusCode.OK).Title;
        Assert.That(Title((await GetWithETagAsync(url)).Body), Is.EqualTo(winner));
    }

    /// <summary>Locks the row behind a resource URL: domains and repos by slug, the others by id.</summary>
    private static string LockSql(string url) => url.Split('/')[1] switch
    {
        "domains" => "SELECT 1 FROM domains WHERE slug = @key FOR UPDATE",
        "repos" => "SELECT 1 FROM managed_repos WHERE slug = @key FOR UPDATE",
        "goals" => "SELECT 1 FROM repo_goals WHERE id = @key FOR UPDATE",
        "workstreams" => "SELECT 1 FROM workstreams WHERE id = @key FOR UPDATE",
        "tasks" => "SELECT 1 FROM tasks WHERE id = @key FOR UPDATE",
        "interface-changes" => "SELECT 1 FROM interface_changes WHERE id = @key FOR UPDATE",
        var other => throw new ArgumentException($"No table known for /{other}/."),
    };

    private static object KeyOf(string url)
    {
        var last = url.Split('/')[^1];
        return Guid.TryParse(last, out var id) ? id : last;
    }

    private static string Title(JsonNode body) => (body["title"] ?? body["name"])!.GetValue<string>();

    private async Task<HttpResponseMessage> PatchAsync(string url, string title, string? ifMatch)
    {
        // Domains and repos have a name, the others a title.
        var field = family.Noun is "domain" or "repo" ? "name" : "title";
        using var request = new HttpRequestMessage(HttpMethod.Patch, url) { Content = Json(new Dictionary<string, string> { [field] = title }) };
        if (ifMatch is not null)
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await Client.SendAsync(request);
    }

    private async Task<JsonNode> AssertOkAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        return JsonNode.Parse(text)!;
    }

    private async Task<(JsonNode Body, string ETag)> GetWithETagAsync(string url)
    {
        using var response = await Client.GetAsync(url);
        var body = await AssertOkAsync(response);
        var etag = response.Headers.ETag;
        Assert.That(etag, Is.Not.Null, $"GET {url} sent no ETag");
        Assert.That(etag!.IsWeak, Is.False);
        return (body, etag.Tag);
    }

    private async Task ArrangeRepoAsync()
    {
        await CreateDomainAsync();
        await RegisterRepoAsync("repo-a");
    }

    private async Task<JsonNode> ArrangeWorkstreamAsync()
    {
        await ArrangeRepoAsync();
        return await PostCreatedAsync("/repos/repo-a/workstreams", new { key = "WS-1", title = "Ship" });
    }
}

using System.Net;
using System.Text.Json.Nodes;
using StateHub.WebApi.FunctionalTests.Infrastructure;

namespace StateHub.WebApi.FunctionalTests.Repos;

public sealed class ReposEndpointsTests : FunctionalTestBase
{
    private const string Fingerprint = "3f786850e387550fdab836ed7e6dc881de23001b";

    [SetUp]
    public Task CreateDomain() => CreateDomainAsync();

    [Test]
    public async Task RegisterRepo_ValidBody_Returns201WithLocationAndWireFields()
    {
        var response = await Client.PostAsync("/repos/", Json(new
        {
            domain_slug = "platform",
            slug = "repo-registry",
            name = "Repo Registry",
            local_path = "/src/repo-registry",
            remote_url = "git@example.com:org/repo-registry.git",
            git_fingerprint = Fingerprint,
            description = "Knows every repo",
            topic_id = 42,
        }));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        Assert.That(response.Headers.Location?.ToString(), Does.EndWith("/repos/repo-registry"));
        var repo = await ReadJsonAsync(response);
        Assert.That(repo["domain_slug"]!.GetValue<string>(), Is.EqualTo("platform"));
        Assert.That(repo["status"]!.GetValue<string>(), Is.EqualTo("active"));
        Assert.That(repo["topic_id"]!.GetValue<string>(), Is.EqualTo("42"));
        Assert.That(repo["host_paths"]!.AsObject(), Is.Empty);
        Assert.That(repo["last_sbom_at"], Is.Null);
    }

    [TestCase("12345678901234567890123", "12345678901234567890123")]
    [TestCase("-7", "-7")]
    [TestCase("\"T-9\"", "T-9")]
    public async Task RegisterRepo_TopicIdStringOrInteger_IsKeptAsWritten(string json, string expected)
    {
        var response = await Client.PostAsync("/repos/", RawJson($$"""{"domain_slug": "platform", "slug": "topical", "name": "Topical", "topic_id": {{json}}}"""));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        Assert.That((await ReadJsonAsync(response))["topic_id"]!.GetValue<string>(), Is.EqualTo(expected));
    }

    [TestCase("1e999999")]
    [TestCase("-1e400")]
    [TestCase("1.5")]
    public async Task RegisterRepo_TopicIdWithFractionOrExponent_Returns422NotInfinity(string json)
    {
        var response = await Client.PostAsync("/repos/", RawJson($$"""{"domain_slug": "platform", "slug": "topical", "name": "Topical", "topic_id": {{json}}}"""));

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem.ToJsonString(), Does.Contain("topic_id"));
        Assert.That((await GetOkAsync("/repos/")).AsArray(), Is.Empty, "nothing was registered");
    }

    [Test]
    public async Task RegisterRepo_UnknownDomain_Returns404()
    {
        var response = await Client.PostAsync("/repos/", Json(new { domain_slug = "nope", slug = "a", name = "A" }));

        var problem = await AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.That(problem["detail"]!.GetValue<string>(), Is.EqualTo("Domain 'nope' not found"));
    }

    [Test]
    public async Task RegisterRepo_DuplicateSlug_Returns409()
    {
        await RegisterRepoAsync("a");

        var response = await Client.PostAsync("/repos/", Json(new { domain_slug = "platform", slug = "a", name = "A" }));

        var problem = await AssertProblemAsync(response, HttpStatusCode.Conflict);
        Assert.That(problem["detail"]!.GetValue<string>(), Is.EqualTo("Repo slug 'a' already exists"));
    }

    [TestCase("by-id")]
    [TestCase("by-fingerprint")]
    [TestCase("by-remote")]
    [TestCase("doi")]
    [TestCase("Upper")]
    [TestCase("-leading-hyphen")]
    [TestCase("")]
    public async Task RegisterRepo_BadOrReservedSlug_Returns422(string slug)
    {
        var response = await Client.PostAsync("/repos/", Json(new { domain_slug = "platform", slug, name = "A" }));

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["errors"]!["slug"], Is.Not.Null);
    }

    [Test]
    public async Task RegisterRepo_MissingName_Returns422()
    {
        var response = await Client.PostAsync("/repos/", Json(new { domain_slug = "platform", slug = "a" }));

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["errors"]!["name"], Is.Not.Null);
    }

    [Test]
    public async Task RegisterRepo_MalformedJson_Returns400()
    {
        var response = await Client.PostAsync("/repos/", RawJson("{not json"));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task RegisterRepo_TwentyConcurrentRegistrationsOfOneSlug_GiveExactlyOne201()
    {
        var attempts = Enumerable.Range(0, 20).Select(async _ =>
        {
            using var client = Factory.CreateClient();
            var response = await client.PostAsync("/repos/", Json(new { domain_slug = "platform", slug = "racy", name = "Racy" }));
            var body = await response.Content.ReadAsStringAsync();
            return (response.StatusCode, body);
        });

        var results = await Task.WhenAll(attempts);

        Assert.That(results.Count(r => r.StatusCode == HttpStatusCode.Created), Is.EqualTo(1), string.Join("\n", results.Select(r => r.body)));
        Assert.That(results.Count(r => r.StatusCode == HttpStatusCode.Conflict), Is.EqualTo(19), string.Join("\n", results.Select(r => r.body)));
        Assert.That((await GetOkAsync("/repos/")).AsArray(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task ListRepos_OrdersByNameAndFiltersByDomain()
    {
        await CreateDomainAsync("other", "Other");
        await RegisterRepoAsync("b", name: "Bravo");
        await RegisterRepoAsync("a", name: "Charlie");
        await RegisterRepoAsync("c", domainSlug: "other", name: "Alpha");

        var all = (await GetOkAsync("/repos")).AsArray().Select(r => r!["slug"]!.GetValue<string>());
        var platform = (await GetOkAsync("/repos/?domain=platform")).AsArray().Select(r => r!["slug"]!.GetValue<string>());

        Assert.That(all, Is.EqualTo(new[] { "c", "b", "a" }));
        Assert.That(platform, Is.EqualTo(new[] { "b", "a" }));
    }

    [Test]
    public async Task ListRepos_MixedCaseNames_OrdersCaseInsensitivelyThenByNameThenSlug()
    {
        await RegisterRepoAsync("g", name: "Gamma");
        await RegisterRepoAsync("b", name: "beta");
        await RegisterRepoAsync("a-lower", name: "alpha");
        await RegisterRepoAsync("a-upper-2", name: "Alpha");
        await RegisterRepoAsync("a-upper-1", name: "Alpha");

        var all = (await GetOkAsync("/repos/")).AsArray().Select(r => r!["slug"]!.GetValue<string>());

        // lower(name) first; equal lower names by exact name ("Alpha" < "alpha" ordinally), then slug.
        Assert.That(all, Is.EqualTo(new[] { "a-upper-1", "a-upper-2", "a-lower", "b", "g" }));
    }

    [Test]
    public async Task ListRepos_UnknownDomain_Returns404()
    {
        var response = await Client.GetAsync("/repos/?domain=nope");

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task FindByFingerprint_MatchesAndNarrowsByRemote()
    {
        await RegisterRepoAsync("origin", gitFingerprint: Fingerprint, remoteUrl: "https://example.com/origin.git");
        await RegisterRepoAsync("fork", gitFingerprint: Fingerprint, remoteUrl: "https://example.com/fork.git");
        await RegisterRepoAsync("unrelated", gitFingerprint: "0000000000000000000000000000000000000000");

        var both = (await GetOkAsync($"/repos/by-fingerprint?hash={Fingerprint}")).AsArray();
        var narrowed = (await GetOkAsync($"/repos/by-fingerprint/?hash={Fingerprint}&remote_url=https://example.com/fork.git")).AsArray();
        var none = (await GetOkAsync("/repos/by-fingerprint?hash=ffff")).AsArray();

        Assert.That(both.Select(r => r!["slug"]!.GetValue<string>()), Is.EquivalentTo(new[] { "origin", "fork" }));
        Assert.That(narrowed.Select(r => r!["slug"]!.GetValue<string>()), Is.EqualTo(new[] { "fork" }));
        Assert.That(none, Is.Empty);
    }

    [Test]
    public async Task FindByFingerprint_MissingHash_Returns422()
    {
        var response = await Client.GetAsync("/repos/by-fingerprint");

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["errors"]!["hash"], Is.Not.Null, problem.ToJsonString());
    }

    [Test]
    public async Task FindByFingerprint_EmptyHash_ReturnsEmptyList()
    {
        await RegisterRepoAsync("no-fingerprint");
        await RegisterRepoAsync("with-fingerprint", gitFingerprint: Fingerprint);

        var found = (await GetOkAsync("/repos/by-fingerprint?hash=")).AsArray();
        var narrowed = (await GetOkAsync("/repos/by-fingerprint?hash=&remote_url=")).AsArray();

        Assert.That(found, Is.Empty);
        Assert.That(narrowed, Is.Empty);
    }

    [Test]
    public async Task GetByRemote_KnownAndUnknown()
    {
        await RegisterRepoAsync("a", remoteUrl: "https://example.com/a.git");

        var found = await GetOkAsync("/repos/by-remote?url=https://example.com/a.git");
        var missing = await Client.GetAsync("/repos/by-remote?url=https://example.com/zzz.git");

        Assert.That(found["slug"]!.GetValue<string>(), Is.EqualTo("a"));
        var problem = await AssertProblemAsync(missing, HttpStatusCode.NotFound);
        Assert.That(problem["detail"]!.GetValue<string>(), Is.EqualTo("No repo with remote_url 'https://example.com/zzz.git' found"));
    }

    [Test]
    public async Task GetByRemote_MissingUrl_Returns422()
    {
        var response = await Client.GetAsync("/repos/by-remote");

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["errors"]!["url"], Is.Not.Null, problem.ToJsonString());
    }

    [Test]
    public async Task GetByRemote_EmptyUrl_Returns404NamingTheEmptyUrl()
    {
        await RegisterRepoAsync("no-remote");

        var response = await Client.GetAsync("/repos/by-remote?url=");

        var problem = await AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.That(problem["detail"]!.GetValue<string>(), Is.EqualTo("No repo with remote_url '' found"));
    }

    [Test]
    public async Task GetById_KnownUnknownAndMalformed()
    {
        var repo = await RegisterRepoAsync("a");
        var id = repo["id"]!.GetValue<string>();

        var found = await GetOkAsync($"/repos/by-id/{id}");
        var missing = await Client.GetAsync($"/repos/by-id/{Guid.NewGuid()}");
        var malformed = await Client.GetAsync("/repos/by-id/not-a-uuid");

        Assert.That(found["slug"]!.GetValue<string>(), Is.EqualTo("a"));
        await AssertProblemAsync(missing, HttpStatusCode.NotFound);
        await AssertProblemAsync(malformed, HttpStatusCode.UnprocessableEntity);
    }

    [Test]
    public async Task GetRepo_KnownWithAndWithoutTrailingSlash_Unknown404()
    {
        await RegisterRepoAsync("a");

        var plain = await GetOkAsync("/repos/a");
        var slashed = await GetOkAsync("/repos/a/");
        var missing = await Client.GetAsync("/repos/zzz");

        Assert.That(plain["slug"]!.GetValue<string>(), Is.EqualTo("a"));
        Assert.That(slashed["slug"]!.GetValue<string>(), Is.EqualTo("a"));
        var problem = await AssertProblemAsync(missing, HttpStatusCode.NotFound);
        Assert.That(problem["detail"]!.GetValue<string>(), Is.EqualTo("Repo 'zzz' not found"));
    }

    [Test]
    public async Task UpdateRepo_OnlyFieldsPresentChange()
    {
        await RegisterRepoAsync("a", name: "Alpha", remoteUrl: "https://example.com/a.git", gitFingerprint: Fingerprint);

        var updated = await SendOkAsync(HttpMethod.Patch, "/repos/a", new { description = "now described", last_sbom_at = "2026-11-01T10:00:00+00:00" });

        Assert.That(updated["description"]!.GetValue<string>(), Is.EqualTo("now described"));
        Assert.That(updated["name"]!.GetValue<string>(), Is.EqualTo("Alpha"));
        Assert.That(updated["remote_url"]!.GetValue<string>(), Is.EqualTo("https://example.com/a.git"));
        Assert.That(updated["git_fingerprint"]!.GetValue<string>(), Is.EqualTo(Fingerprint));
        Assert.That(DateTimeOffset.Parse(updated["last_sbom_at"]!.GetValue<string>()), Is.EqualTo(new DateTimeOffset(2026, 11, 1, 10, 0, 0, TimeSpan.Zero)));
    }

    [Test]
    public async Task UpdateRepo_ExplicitNullClearsAnOptionalField()
    {
        await RegisterRepoAsync("a", remoteUrl: "https://example.com/a.git");

        var updated = await SendOkAsync(HttpMethod.Patch, "/repos/a", JsonNode.Parse("{\"remote_url\": null}")!);

        Assert.That(updated["remote_url"], Is.Null);
    }

    [Test]
    public async Task UpdateRepo_UnknownFieldOrNullName_Returns422AndChangesNothing()
    {
        await RegisterRepoAsync("a", name: "Alpha");

        var typo = await PatchAsync(Client, "/repos/a", new { nmae = "Typo" });
        var nullName = await Client.PatchAsync("/repos/a", RawJson("{\"name\": null}"));

        await AssertProblemAsync(typo, HttpStatusCode.UnprocessableEntity);
        await AssertProblemAsync(nullName, HttpStatusCode.UnprocessableEntity);
        Assert.That((await GetOkAsync("/repos/a"))["name"]!.GetValue<string>(), Is.EqualTo("Alpha"));
    }

    [Test]
    public async Task UpdateRepo_Unknown_Returns404()
    {
        var response = await PatchAsync(Client, "/repos/zzz", new { name = "X" });

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task UpdateRepo_MalformedJson_Returns400()
    {
        await RegisterRepoAsync("a");

        var response = await Client.PatchAsync("/repos/a", RawJson("[1,"));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task RegisterHostPath_MergesPerHost()
    {
        await RegisterRepoAsync("a");

        await SendOkAsync(HttpMethod.Post, "/repos/a/paths", new { host = "laptop", path = "/home/me/a" });
        var repo = await SendOkAsync(HttpMethod.Post, "/repos/a/paths/", new { host = "ci", path = "/builds/a" });
        repo = await SendOkAsync(HttpMethod.Post, "/repos/a/paths", new { host = "laptop", path = "/home/me/src/a" });

        var paths = repo["host_paths"]!.AsObject();
        Assert.That(paths.Count, Is.EqualTo(2));
        Assert.That(paths["laptop"]!.GetValue<string>(), Is.EqualTo("/home/me/src/a"));
        Assert.That(paths["ci"]!.GetValue<string>(), Is.EqualTo("/builds/a"));
    }

    [Test]
    public async Task RegisterHostPath_ManyHostsAtOnce_KeepsEveryOne()
    {
        // host_paths is one column: without a row lock, concurrent merges overwrite each other.
        await RegisterRepoAsync("busy");

        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            Client.PostAsync("/repos/busy/paths", Json(new { host = $"host-{i}", path = $"/srv/busy-{i}" }))));

        Assert.That(responses.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));
        var paths = (await GetOkAsync("/repos/busy"))["host_paths"]!.AsObject();
        Assert.That(paths.Select(p => p.Key).Order(StringComparer.Ordinal),
            Is.EqualTo(Enumerable.Range(0, 16).Select(i => $"host-{i}").Order(StringComparer.Ordinal)));
    }

    [TestCase("src/repo-a")]
    [TestCase("./repo-a")]
    [TestCase("~/repo-a")]
    public async Task RegisterHostPath_RelativePath_Returns422AndKeepsThePaths(string path)
    {
        await RegisterRepoAsync("a");
        await SendOkAsync(HttpMethod.Post, "/repos/a/paths", new { host = "laptop", path = "/home/me/a" });

        var response = await Client.PostAsync("/repos/a/paths", Json(new { host = "laptop", path }));

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["errors"]!["path"]![0]!.GetValue<string>(), Does.StartWith("path must be absolute"));
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("path must be absolute"));
        var repo = await GetOkAsync("/repos/a");
        Assert.That(repo["host_paths"]!["laptop"]!.GetValue<string>(), Is.EqualTo("/home/me/a"));
    }

    [Test]
    public async Task RegisterHostPath_WindowsPath_IsRecorded()
    {
        await RegisterRepoAsync("a");

        var repo = await SendOkAsync(HttpMethod.Post, "/repos/a/paths", new { host = "winbox", path = @"C:\src\a" });

        Assert.That(repo["host_paths"]!["winbox"]!.GetValue<string>(), Is.EqualTo(@"C:\src\a"));
    }

    [Test]
    public async Task RegisterHostPath_UnknownRepo404_MissingHost422()
    {
        await RegisterRepoAsync("a");

        var missingRepo = await Client.PostAsync("/repos/zzz/paths", Json(new { host = "h", path = "/p" }));
        var missingHost = await Client.PostAsync("/repos/a/paths", Json(new { path = "/p" }));

        await AssertProblemAsync(missingRepo, HttpStatusCode.NotFound);
        await AssertProblemAsync(missingHost, HttpStatusCode.UnprocessableEntity);
    }

    [Test]
    public async Task ArchiveRepo_SetsArchivedAndIsIdempotent()
    {
        await RegisterRepoAsync("a");

        var first = await SendOkAsync(HttpMethod.Patch, "/repos/a/archive");
        var second = await SendOkAsync(HttpMethod.Patch, "/repos/a/archive/");
        var missing = await Client.PatchAsync("/repos/zzz/archive", null);

        Assert.That(first["status"]!.GetValue<string>(), Is.EqualTo("archived"));
        Assert.That(second["status"]!.GetValue<string>(), Is.EqualTo("archived"));
        await AssertProblemAsync(missing, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task UpdateRepo_Response_CarriesTheNewUpdatedAt()
    {
        var created = await RegisterRepoAsync("a");
        Factory.Clock.Advance(TimeSpan.FromMinutes(5));

        var updated = await SendOkAsync(HttpMethod.Patch, "/repos/a", new { description = "later" });
        var archived = await SendOkAsync(HttpMethod.Patch, "/repos/a/archive");

        var createdAt = DateTimeOffset.Parse(created["updated_at"]!.GetValue<string>());
        Assert.That(DateTimeOffset.Parse(updated["updated_at"]!.GetValue<string>()), Is.EqualTo(createdAt.AddMinutes(5)));
        // A second change within the same clock instant still gets a new version (updated_at is the ETag).
        Assert.That(DateTimeOffset.Parse(archived["updated_at"]!.GetValue<string>()), Is.EqualTo(createdAt.AddMinutes(5).AddTicks(TimeSpan.TicksPerMicrosecond)));
        Assert.That((await GetOkAsync("/repos/a"))["updated_at"]!.GetValue<string>(), Is.EqualTo(archived["updated_at"]!.GetValue<string>()));
    }
}

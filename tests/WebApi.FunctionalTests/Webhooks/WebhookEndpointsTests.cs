using System.Text.Json.Nodes;
using System.Net;
using StateHub.WebApi.FunctionalTests.Infrastructure;

namespace StateHub.WebApi.FunctionalTests.Webhooks;

/// <summary>The subscription endpoints, on a host with the default SSRF guard (private networks refused).</summary>
public sealed class WebhookEndpointsTests : FunctionalTestBase
{
    private const string PublicUrl = "http://93.184.215.14/hooks";

    [Test]
    public async Task Create_Returns201WithWhsecSecretShownOnce()
    {
        using var response = await Client.PostAsync("/webhooks/", Json(new { url = PublicUrl, event_types = new[] { "task.created", "task.status_changed" }, repo_slugs = new[] { "alpha" }, description = "CI" }));
        var created = await ReadJsonAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), created.ToJsonString());
        Assert.That(response.Headers.Location!.ToString(), Does.EndWith($"/webhooks/{created["id"]}"));
        var secret = created["secret"]!.GetValue<string>();
        Assert.That(secret, Does.StartWith("whsec_"));
        Assert.That(Convert.FromBase64String(secret["whsec_".Length..]), Has.Length.EqualTo(32));
        Assert.That(created["enabled"]!.GetValue<bool>(), Is.True);
        Assert.That(created["event_types"]!.AsArray().Select(t => t!.GetValue<string>()), Is.EqualTo(new[] { "task.created", "task.status_changed" }));
        Assert.That(created["repo_slugs"]!.AsArray().Select(t => t!.GetValue<string>()), Is.EqualTo(new[] { "alpha" }));
        Assert.That(created["domain_slugs"]!.AsArray(), Is.Empty);

        var fetched = await GetOkAsync($"/webhooks/{created["id"]}");
        Assert.That(fetched["secret"], Is.Null, "the secret is shown only at creation");
        Assert.That(fetched["url"]!.GetValue<string>(), Is.EqualTo(PublicUrl));
        var list = (await GetOkAsync("/webhooks")).AsArray();
        Assert.That(list.Select(w => w!["id"]!.GetValue<string>()), Is.EqualTo(new[] { created["id"]!.GetValue<string>() }));
        Assert.That(list[0]!["secret"], Is.Null);

        var second = await PostCreatedAsync("/webhooks/", new { url = PublicUrl });
        Assert.That(second["secret"]!.GetValue<string>(), Is.Not.EqualTo(secret));
        Assert.That(second["event_types"]!.AsArray().Select(t => t!.GetValue<string>()), Is.EqualTo(new[] { "*" }), "all events when none are named");
    }

    [Test]
    public async Task CreateAndRotate_RetriedWithIdempotencyKey_ReplayWithoutTheSecret()
    {
        async Task<JsonNode> SendAsync(string url, object? body, string key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = body is null ? null : Json(body) };
            request.Headers.Add("Idempotency-Key", key);
            using var response = await Client.SendAsync(request);
            Assert.That(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            Assert.That(response.Headers.CacheControl?.NoStore, Is.True, "a secret is not cached either");
            return await ReadJsonAsync(response);
        }

        var created = await SendAsync("/webhooks/", new { url = PublicUrl }, "create-hook");
        var replayed = await SendAsync("/webhooks/", new { url = PublicUrl }, "create-hook");
        Assert.That(created["secret"]!.GetValue<string>(), Does.StartWith("whsec_"));
        Assert.That(replayed["id"]!.GetValue<string>(), Is.EqualTo(created["id"]!.GetValue<string>()));
        Assert.That(replayed["secret"], Is.Null);

        var rotated = await SendAsync($"/webhooks/{created["id"]}/rotate-secret", null, "rotate-hook");
        var rotatedAgain = await SendAsync($"/webhooks/{created["id"]}/rotate-secret", null, "rotate-hook");
        Assert.That(rotated["secret"]!.GetValue<string>(), Does.StartWith("whsec_").And.Not.EqualTo(created["secret"]!.GetValue<string>()));
        Assert.That(rotatedAgain["secret"], Is.Null, "the replay does not rotate again, nor show the secret again");
    }

    [TestCase("http://127.0.0.1/")]
    [TestCase("http://169.254.169.254/latest/meta-data")]
    [TestCase("http://[::1]/")]
    [TestCase("http://localhost:8080/hook")]
    [TestCase("http://10.1.2.3/")]
    [TestCase("http://192.168.0.10/")]
    [TestCase("http://172.16.0.1/")]
    [TestCase("http://[::ffff:127.0.0.1]/")]
    [TestCase("http://[fe80::1]/")]
    [TestCase("http://224.0.0.1/")]
    [TestCase("http://0.0.0.0/")]
    public async Task Create_PrivateTarget_Returns422(string url)
    {
        using var response = await Client.PostAsync("/webhooks/", Json(new { url, event_types = new[] { "*" } }));
        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["errors"]!["url"], Is.Not.Null, problem.ToJsonString());
        Assert.That((await GetOkAsync("/webhooks")).AsArray(), Is.Empty, "nothing was created");
    }

    [TestCase("http://no-such-host.invalid/hook")]
    [TestCase("https://a123456789a123456789a123456789a123456789a123456789a123456789abc.a123456789a123456789a123456789a123456789a123456789a123456789abc.a123456789a123456789a123456789a123456789a123456789a123456789abc.a123456789a123456789a123456789a123456789a123456789a123456789abc.a123456789a123456789a123456789a123456789a123456789a123456789abc.com/hook")]
    public async Task Create_HostThatDoesNotResolve_IsKept_ItsDeliveriesCheckAgain(string url)
    {
        // Not known to be private, so not refused (a CI machine without DNS still accepts https://example.com/…);
        // each delivery resolves and checks the address again when it connects.
        var created = await PostCreatedAsync("/webhooks/", new { url, event_types = new[] { "*" } });
        Assert.That(created["url"]!.GetValue<string>(), Is.EqualTo(url));
    }

    [TestCase("ftp://example.com/hook")]
    [TestCase("file:///etc/passwd")]
    [TestCase("not a url")]
    [TestCase("/relative")]
    [TestCase("")]
    public async Task Create_NotHttp_Returns422(string url)
    {
        using var response = await Client.PostAsync("/webhooks/", Json(new { url }));
        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["errors"]!["url"], Is.Not.Null, problem.ToJsonString());
    }

    [Test]
    public async Task Create_UnknownEventTypeOrBadFilters_Returns422()
    {
        using var unknown = await Client.PostAsync("/webhooks/", Json(new { url = PublicUrl, event_types = new[] { "repo.exploded" } }));
        Assert.That((await AssertProblemAsync(unknown, HttpStatusCode.UnprocessableEntity))["errors"]!["event_types"], Is.Not.Null);
        using var empty = await Client.PostAsync("/webhooks/", Json(new { url = PublicUrl, event_types = Array.Empty<string>() }));
        await AssertProblemAsync(empty, HttpStatusCode.UnprocessableEntity);
        using var slugs = await Client.PostAsync("/webhooks/", Json(new { url = PublicUrl, repo_slugs = new[] { "Not A Slug" } }));
        Assert.That((await AssertProblemAsync(slugs, HttpStatusCode.UnprocessableEntity))["errors"]!["repo_slugs"], Is.Not.Null);
        using var extra = await Client.PostAsync("/webhooks/", Json(new { url = PublicUrl, surprise = 1 }));
        await AssertProblemAsync(extra, HttpStatusCode.UnprocessableEntity);
    }

    [Test]
    public async Task EveryEventTypeOfTheSpec_IsAccepted()
    {
        string[] types =
        [
            "repo.registered", "repo.archived", "interface_change.published", "interface_change.resolved",
            "interface_change.acknowledged", "inbox.message_created", "task.created", "task.status_changed",
            "task.claimed", "task.claim_expired", "workplan.synced", "doi.tier_changed", "webhook.ping",
        ];
        var created = await PostCreatedAsync("/webhooks/", new { url = PublicUrl, event_types = types });
        Assert.That(created["event_types"]!.AsArray().Select(t => t!.GetValue<string>()), Is.EqualTo(types));
    }

    [Test]
    public async Task Patch_ChangesOnlyWhatIsSent_RefusesPrivateUrl_AndDisables()
    {
        var created = await PostCreatedAsync("/webhooks/", new { url = PublicUrl, event_types = new[] { "*" }, description = "keep me" });
        var id = created["id"]!.GetValue<string>();

        var patched = await SendOkAsync(HttpMethod.Patch, $"/webhooks/{id}", new { event_types = new[] { "repo.registered" }, domain_slugs = new[] { "platform" }, enabled = false });
        Assert.That(patched["event_types"]!.AsArray().Select(t => t!.GetValue<string>()), Is.EqualTo(new[] { "repo.registered" }));
        Assert.That(patched["domain_slugs"]!.AsArray().Select(t => t!.GetValue<string>()), Is.EqualTo(new[] { "platform" }));
        Assert.That(patched["enabled"]!.GetValue<bool>(), Is.False);
        Assert.That(patched["description"]!.GetValue<string>(), Is.EqualTo("keep me"));
        Assert.That(patched["url"]!.GetValue<string>(), Is.EqualTo(PublicUrl));

        using var refused = await PatchAsync(Client, $"/webhooks/{id}", new { url = "http://169.254.169.254/" });
        await AssertProblemAsync(refused, HttpStatusCode.UnprocessableEntity);
        Assert.That((await GetOkAsync($"/webhooks/{id}"))["url"]!.GetValue<string>(), Is.EqualTo(PublicUrl));

        var enabled = await SendOkAsync(HttpMethod.Patch, $"/webhooks/{id}", new { enabled = true, url = "https://93.184.215.14/other" });
        Assert.That(enabled["enabled"]!.GetValue<bool>(), Is.True);
        Assert.That(enabled["url"]!.GetValue<string>(), Is.EqualTo("https://93.184.215.14/other"));
    }

    [Test]
    public async Task Delete_Returns204_ThenEveryEndpointIs404()
    {
        var created = await PostCreatedAsync("/webhooks/", new { url = PublicUrl });
        var id = created["id"]!.GetValue<string>();

        using var deleted = await Client.DeleteAsync($"/webhooks/{id}");
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        using var get = await Client.GetAsync($"/webhooks/{id}");
        await AssertProblemAsync(get, HttpStatusCode.NotFound);
        using var again = await Client.DeleteAsync($"/webhooks/{id}");
        await AssertProblemAsync(again, HttpStatusCode.NotFound);
        foreach (var path in new[] { "rotate-secret", "ping" })
        {
            using var post = await Client.PostAsync($"/webhooks/{id}/{path}", null);
            await AssertProblemAsync(post, HttpStatusCode.NotFound);
        }

        using var deliveries = await Client.GetAsync($"/webhooks/{id}/deliveries");
        await AssertProblemAsync(deliveries, HttpStatusCode.NotFound);
        using var recover = await Client.PostAsync($"/webhooks/{id}/recover", Json(new { since = "2026-11-01T00:00:00Z" }));
        await AssertProblemAsync(recover, HttpStatusCode.NotFound);
        using var patch = await PatchAsync(Client, $"/webhooks/{id}", new { enabled = false });
        await AssertProblemAsync(patch, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Deliveries_BadQueryOrRecoverBody_Returns422()
    {
        var created = await PostCreatedAsync("/webhooks/", new { url = PublicUrl });
        var id = created["id"]!.GetValue<string>();

        Assert.That((await GetOkAsync($"/webhooks/{id}/deliveries")).AsArray(), Is.Empty);
        foreach (var query in new[] { "?limit=0", "?limit=501", "?status=exploded", "?limit=abc" })
        {
            using var response = await Client.GetAsync($"/webhooks/{id}/deliveries{query}");
            await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        }

        using var noSince = await Client.PostAsync($"/webhooks/{id}/recover", Json(new { }));
        await AssertProblemAsync(noSince, HttpStatusCode.UnprocessableEntity);
        using var badSince = await Client.PostAsync($"/webhooks/{id}/recover", Json(new { since = "yesterday" }));
        Assert.That((int)badSince.StatusCode, Is.InRange(400, 422));
    }

    [Test]
    public async Task RotateSecret_ReturnsANewSecretAndTheOverlapEnd()
    {
        var created = await PostCreatedAsync("/webhooks/", new { url = PublicUrl });
        var rotated = await SendOkAsync(HttpMethod.Post, $"/webhooks/{created["id"]}/rotate-secret");
        Assert.That(rotated["secret"]!.GetValue<string>(), Does.StartWith("whsec_").And.Not.EqualTo(created["secret"]!.GetValue<string>()));
        Assert.That(rotated["previous_secret_expires_at"], Is.Not.Null);
    }

    [Test]
    public async Task DashboardPage_ListsSubscriptionsAndIsLinkedFromTheNav()
    {
        await PostCreatedAsync("/webhooks/", new { url = PublicUrl, description = "CI trigger" });
        var page = await Client.GetStringAsync("/dashboard/webhooks");
        Assert.That(page, Does.Contain(PublicUrl));
        Assert.That(page, Does.Contain("Failures in a row"));
        Assert.That(page, Does.Contain("Last success"));
        var fleet = await Client.GetStringAsync("/dashboard");
        Assert.That(fleet, Does.Contain("href=\"/dashboard/webhooks\""));
    }
}

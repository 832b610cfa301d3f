using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Npgsql;
using StateHub.WebApi.FunctionalTests.Infrastructure;

namespace StateHub.WebApi.FunctionalTests.Access;

/// <summary>The callers a permission test tries: the keys of §10, a revoked and an expired one, and none.</summary>
public enum Who
{
    Admin,
    OwnAgent,
    OtherAgent,
    Reader,
    NoKey,
    Revoked,
    Expired,
}

/// <summary>
/// Access-control tests: a host with a bootstrap admin key and anonymous access off, a fleet of
/// repos with one resource of every kind, keys for every role, and a snapshot of every table to
/// prove a refused request changed nothing.
/// </summary>
public abstract class AccessTestBase : FunctionalTestBase
{
    public const string BootstrapKey = "test-bootstrap-admin-key-0123456789abcdef";

    /// <summary>Ids and keys of the arranged fleet, for building URLs.</summary>
    public sealed class Fleet
    {
        public Dictionary<string, RepoThings> Repos { get; } = new(StringComparer.Ordinal);

        public Dictionary<Who, string?> Keys { get; } = [];

        public Dictionary<string, string> AgentKeys { get; } = new(StringComparer.Ordinal);

        public string ReaderKeyId { get; set; } = null!;
    }

    /// <summary>One repo's resources: what its agent may change and others may not.</summary>
    public sealed record RepoThings(string Slug, string GoalId, string WorkstreamId, string TaskId, string DraftChangeId, string PublishedChangeId, string InboxMessageId);

    /// <summary>A write endpoint: how to send it at a repo's resources, and its success status.</summary>
    public sealed record WriteEndpoint(string Name, bool AgentMayWrite, HttpStatusCode Success, Func<RepoThings, Fleet, (HttpMethod Method, string Url, object? Body)> Build)
    {
        public override string ToString() => Name;
    }

    protected static readonly WriteEndpoint[] WriteEndpoints =
    [
        new("POST /domains/", false, HttpStatusCode.Created, (_, _) => (HttpMethod.Post, "/domains/", new { slug = "newdomain", name = "New" })),
        new("PATCH /domains/{slug}", false, HttpStatusCode.OK, (_, _) => (HttpMethod.Patch, "/domains/platform", new { name = "Renamed" })),
        new("POST /repos/", false, HttpStatusCode.Created, (_, _) => (HttpMethod.Post, "/repos/", new { domain_slug = "platform", slug = "newrepo", name = "New" })),
        new("PATCH /repos/{slug}/archive", false, HttpStatusCode.OK, (r, _) => (HttpMethod.Patch, $"/repos/{r.Slug}/archive", null)),
        new("POST /api-keys/", false, HttpStatusCode.Created, (r, _) => (HttpMethod.Post, "/api-keys/", new { name = "new-key", role = "agent", repo_slug = r.Slug })),
        new("POST /api-keys/{id}/revoke", false, HttpStatusCode.OK, (_, f) => (HttpMethod.Post, $"/api-keys/{f.ReaderKeyId}/revoke", null)),
        new("PATCH /repos/{slug}", true, HttpStatusCode.OK, (r, _) => (HttpMethod.Patch, $"/repos/{r.Slug}", new { description = "changed" })),
        new("POST /repos/{slug}/paths", true, HttpStatusCode.OK, (r, _) => (HttpMethod.Post, $"/repos/{r.Slug}/paths", new { host = "build-host", path = "/srv/repo" })),
        new("POST /repos/{slug}/goals", true, HttpStatusCode.Created, (r, _) => (HttpMethod.Post, $"/repos/{r.Slug}/goals", new { title = "Another goal" })),
        new("PATCH /goals/{id}", true, HttpStatusCode.OK, (r, _) => (HttpMethod.Patch, $"/goals/{r.GoalId}", new { title = "Changed goal" })),
        new("POST /repos/{slug}/workstreams", true, HttpStatusCode.Created, (r, _) => (HttpMethod.Post, $"/repos/{r.Slug}/workstreams", new { key = "WP-NEW", title = "New" })),
        new("PATCH /workstreams/{id}", true, HttpStatusCode.OK, (r, _) => (HttpMethod.Patch, $"/workstreams/{r.WorkstreamId}", new { title = "Changed" })),
        new("POST /workstreams/{id}/tasks", true, HttpStatusCode.Created, (r, _) => (HttpMethod.Post, $"/workstreams/{r.WorkstreamId}/tasks", new { key = "T99", title = "New task" })),
        new("PATCH /tasks/{id}", true, HttpStatusCode.OK, (r, _) => (HttpMethod.Patch, $"/tasks/{r.TaskId}", new { status = "done" })),
        new("POST /repos/{slug}/tpsc-snapshots", true, HttpStatusCode.Created, (r, _) => (HttpMethod.Post, $"/repos/{r.Slug}/tpsc-snapshots", new { components = new[] { new { name = "Npgsql", version = "10.0.0" } } })),
        new("POST /repos/{slug}/events", true, HttpStatusCode.Created, (r, _) => (HttpMethod.Post, $"/repos/{r.Slug}/events", new { kind = "note", summary = "did something" })),
        new("PUT /repos/{slug}/facts", true, HttpStatusCode.OK, (r, _) => (HttpMethod.Put, $"/repos/{r.Slug}/facts", new { root_files = new[] { "AGENTS.md" } })),
        new("POST /repos/{slug}/sync", true, HttpStatusCode.OK, (r, _) => (HttpMethod.Post, $"/repos/{r.Slug}/sync?fix=true", new { files = new[] { new { path = "workplans/a.md", content = "---\nid: WP-1\ntitle: Synced\nstatus: active\ntasks: []\n---\n" } } })),
        new("POST /inbox/{id}/read", true, HttpStatusCode.OK, (r, _) => (HttpMethod.Post, $"/inbox/{r.InboxMessageId}/read", null)),
        new("POST /interface-changes/", true, HttpStatusCode.Created, (r, f) => (HttpMethod.Post, "/interface-changes/", new
        {
            origin_repo_slug = r.Slug, title = "New change", description = "d", change_type = "additive", interface_type = "http_api",
            affected_repo_slugs = f.Repos.Keys.Where(s => s != r.Slug).Take(1).ToArray(),
        })),
        new("PATCH /interface-changes/{id}", true, HttpStatusCode.OK, (r, _) => (HttpMethod.Patch, $"/interface-changes/{r.DraftChangeId}", new { title = "Edited" })),
        new("POST /interface-changes/{id}/publish", true, HttpStatusCode.OK, (r, _) => (HttpMethod.Post, $"/interface-changes/{r.DraftChangeId}/publish", null)),
        new("POST /interface-changes/{id}/resolve", true, HttpStatusCode.OK, (r, _) => (HttpMethod.Post, $"/interface-changes/{r.PublishedChangeId}/resolve", new { resolution_note = "done", force = true })),
        new("POST /tasks/{id}/claim", true, HttpStatusCode.OK, (r, _) => (HttpMethod.Post, $"/tasks/{r.TaskId}/claim", new { claimant = "agent-session", ttl_seconds = 600 })),
        new("POST /repos/{slug}/claim-next", true, HttpStatusCode.OK, (r, _) => (HttpMethod.Post, $"/repos/{r.Slug}/claim-next", new { claimant = "agent-session" })),
        new("POST /tasks/{id}/dependencies", true, HttpStatusCode.Created, (r, _) => (HttpMethod.Post, $"/tasks/{r.TaskId}/dependencies", new { blocked_by_interface_change_id = r.PublishedChangeId })),
    ];

    protected static IReadOnlyDictionary<string, string?> SecuredSettings { get; } = new Dictionary<string, string?>
    {
        ["Auth:AdminApiKey"] = BootstrapKey,
        ["Auth:AllowAnonymous"] = "false",
        ["RateLimiting:PerKeyPerMinute"] = "0",
    };

    protected override StateHubApiFactory CreateFactory() => new(SecuredSettings);

    protected async Task<HttpResponseMessage> SendAsync(string? key, HttpMethod method, string url, object? body = null, bool useXApiKey = false)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : Json(body) };
        if (key is not null)
        {
            if (useXApiKey)
                request.Headers.Add("X-Api-Key", key);
            else
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return await Client.SendAsync(request);
    }

    protected async Task<JsonNode> AdminAsync(HttpMethod method, string url, object? body = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await SendAsync(BootstrapKey, method, url, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(expected), $"{method} {url}: {text}");
        return JsonNode.Parse(text)!;
    }

    protected async Task<JsonNode> CreateKeyAsync(string name, string role, string? repoSlug = null, DateTimeOffset? expiresAt = null) =>
        await AdminAsync(HttpMethod.Post, "/api-keys/", new { name, role, repo_slug = repoSlug, expires_at = expiresAt }, HttpStatusCode.Created);

    /// <summary>A domain, the repos, one resource of every kind in each, and keys for every caller of <see cref="Who"/> (own = the first repo).</summary>
    protected async Task<Fleet> ArrangeFleetAsync(params string[] slugs)
    {
        var fleet = new Fleet();
        await AdminAsync(HttpMethod.Post, "/domains/", new { slug = "platform", name = "Platform" }, HttpStatusCode.Created);
        foreach (var slug in slugs)
            await AdminAsync(HttpMethod.Post, "/repos/", new { domain_slug = "platform", slug, name = slug }, HttpStatusCode.Created);

        for (var i = 0; i < slugs.Length; i++)
        {
            var slug = slugs[i];
            var neighbour = slugs[(i + 1) % slugs.Length];
            var goal = await AdminAsync(HttpMethod.Post, $"/repos/{slug}/goals", new { title = "Ship" }, HttpStatusCode.Created);
            var ws = await AdminAsync(HttpMethod.Post, $"/repos/{slug}/workstreams", new { key = "WP-1", title = "Work" }, HttpStatusCode.Created);
            var task = await AdminAsync(HttpMethod.Post, $"/workstreams/{ws["id"]}/tasks", new { key = "T01", title = "Do" }, HttpStatusCode.Created);
            var change = new { origin_repo_slug = slug, title = "Change", description = "d", change_type = "breaking", interface_type = "http_api", affected_repo_slugs = new[] { neighbour } };
            var draft = await AdminAsync(HttpMethod.Post, "/interface-changes/", change, HttpStatusCode.Created);
            var published = await AdminAsync(HttpMethod.Post, "/interface-changes/", change, HttpStatusCode.Created);
            await AdminAsync(HttpMethod.Post, $"/interface-changes/{published["id"]}/publish");
            fleet.Repos[slug] = new RepoThings(slug, Id(goal), Id(ws), Id(task), Id(draft), Id(published), "");
        }

        // Each repo's inbox holds the message its predecessor's publication sent.
        foreach (var slug in slugs)
        {
            var inbox = await AdminAsync(HttpMethod.Get, $"/repos/{slug}/inbox");
            fleet.Repos[slug] = fleet.Repos[slug] with { InboxMessageId = inbox.AsArray()[0]!["id"]!.GetValue<string>() };
        }

        foreach (var slug in slugs)
            fleet.AgentKeys[slug] = Secret(await CreateKeyAsync($"agent-{slug}", "agent", slug));

        var reader = await CreateKeyAsync("reader", "reader");
        fleet.ReaderKeyId = Id(reader);
        var revoked = await CreateKeyAsync("revoked", "agent", slugs[0]);
        await AdminAsync(HttpMethod.Post, $"/api-keys/{revoked["id"]}/revoke");
        var expired = await CreateKeyAsync("expired", "agent", slugs[0], Factory.Clock.GetUtcNow().AddMinutes(1));
        Factory.Clock.Advance(TimeSpan.FromMinutes(2));

        fleet.Keys[Who.Admin] = Secret(await CreateKeyAsync("admin-key", "admin"));
        fleet.Keys[Who.OwnAgent] = fleet.AgentKeys[slugs[0]];
        fleet.Keys[Who.OtherAgent] = fleet.AgentKeys[slugs[1]];
        fleet.Keys[Who.Reader] = Secret(reader);
        fleet.Keys[Who.NoKey] = null;
        fleet.Keys[Who.Revoked] = Secret(revoked);
        fleet.Keys[Who.Expired] = Secret(expired);
        return fleet;
    }

    /// <summary>Every row of every table, as JSON text per table: equal snapshots mean nothing changed.</summary>
    protected static async Task<string> SnapshotAsync()
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '__ef_migrations_history' ORDER BY table_name", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                tables.Add(reader.GetString(0));
        }

        var snapshot = new System.Text.StringBuilder();
        foreach (var table in tables)
        {
            await using var dump = new NpgsqlCommand($"SELECT coalesce(json_agg(t ORDER BY t::text)::text, '[]') FROM \"{table}\" t", connection);
            snapshot.Append(table).Append(": ").AppendLine((string)(await dump.ExecuteScalarAsync())!);
        }

        return snapshot.ToString();
    }

    protected static string Id(JsonNode node) => node["id"]!.GetValue<string>();

    private static string Secret(JsonNode node) => node["key"]!.GetValue<string>();
}

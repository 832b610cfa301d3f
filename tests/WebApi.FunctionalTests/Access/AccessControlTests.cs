using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol.Client;
using Npgsql;
using StateHub.WebApi.FunctionalTests.Infrastructure;

namespace StateHub.WebApi.FunctionalTests.Access;

/// <summary>Keys, 401/403 answers, actors and MCP under §10, on a host that requires keys.</summary>
public sealed class AccessControlTests : AccessTestBase
{
    [Test]
    public async Task CreateApiKey_AsAdmin_ShowsTheSecretOnceAndStoresOnlyItsHash()
    {
        var created = await CreateKeyAsync("ci-agent", "reader");
        var secret = created["key"]!.GetValue<string>();
        Assert.That(secret, Does.Match("^sh_[0-9a-f]{64}$"), "256 random bits after the sh_ scheme");
        Assert.That(created["prefix"]!.GetValue<string>(), Is.EqualTo(secret[..10]));
        foreach (var field in new[] { "id", "name", "role", "repo_slug", "created_at", "expires_at" })
            Assert.That(created.AsObject().ContainsKey(field), field);

        var list = await AdminAsync(HttpMethod.Get, "/api-keys/");
        var listed = list.AsArray().Single(k => k!["id"]!.GetValue<string>() == Id(created))!;
        Assert.That(listed.AsObject().ContainsKey("key"), Is.False, "the secret is never returned again");
        Assert.That(listed.AsObject().ContainsKey("last_used_at") && listed.AsObject().ContainsKey("revoked_at"));
        Assert.That(list.ToJsonString(), Does.Not.Contain(secret));
        Assert.That(await SnapshotAsync(), Does.Not.Contain(secret), "the database holds no secret");
    }

    [Test]
    public async Task CreateApiKey_RetriedWithIdempotencyKey_ReplaysWithoutTheSecret_AndNoTableHoldsIt()
    {
        async Task<(HttpResponseMessage Response, JsonNode Body)> CreateAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api-keys/") { Content = Json(new { name = "retried", role = "reader" }) };
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", BootstrapKey);
            request.Headers.Add("Idempotency-Key", "create-retried-key");
            var response = await Client.SendAsync(request);
            return (response, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
        }

        var (first, created) = await CreateAsync();
        var (retry, replayed) = await CreateAsync();

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var secret = created["key"]!.GetValue<string>();
        Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(retry.Headers.GetValues("Idempotent-Replayed").Single(), Is.EqualTo("true"));
        Assert.That(Id(replayed), Is.EqualTo(Id(created)), "the same key, not a second one");
        Assert.That(replayed["key"], Is.Null, "shown once: a replay does not show it again");
        Assert.That(await SnapshotAsync(), Does.Not.Contain(secret), "no table holds the secret, the idempotency store included");
        first.Dispose();
        retry.Dispose();
    }

    [Test]
    public async Task RefusedRequest_WithIdempotencyKey_LeavesNothingBehind()
    {
        var reader = (await CreateKeyAsync("idempotent-reader", "reader"))["key"]!.GetValue<string>();
        var before = await SnapshotAsync();

        using var request = new HttpRequestMessage(HttpMethod.Post, "/domains/") { Content = Json(new { slug = "nope", name = "Nope" }) };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", reader);
        request.Headers.Add("Idempotency-Key", "refused-once");
        using var response = await Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await SnapshotAsync(), Is.EqualTo(before), "not even an idempotency record");
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task Key_InBearerOrXApiKey_IsAcceptedAndRecordsLastUse(bool xApiKey)
    {
        var reader = await CreateKeyAsync("reader", "reader");
        using var response = await SendAsync(reader["key"]!.GetValue<string>(), HttpMethod.Get, "/domains/", useXApiKey: xApiKey);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var listed = (await AdminAsync(HttpMethod.Get, "/api-keys/")).AsArray().Single(k => k!["id"]!.GetValue<string>() == Id(reader))!;
        Assert.That(listed["last_used_at"]?.GetValue<DateTimeOffset>(), Is.EqualTo(Factory.Clock.GetUtcNow()).Within(TimeSpan.FromSeconds(1)));
    }

    [Test]
    public async Task Key_UsedAgainWithinTheGranularity_CostsNoWrite_AndAfterItIsRecordedAgain()
    {
        var reader = (await CreateKeyAsync("busy-reader", "reader"))["key"]!.GetValue<string>();
        using (await SendAsync(reader, HttpMethod.Get, "/domains/"))
        {
        }

        IReadOnlyList<string> Touches() => Factory.SqlCounter.Statements.Where(s => s.Contains("UPDATE api_keys", StringComparison.Ordinal)).ToList();
        using (Factory.SqlCounter.Record())
        {
            Factory.Clock.Advance(TimeSpan.FromSeconds(30));
            using var again = await SendAsync(reader, HttpMethod.Get, "/domains/");
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(Touches(), Is.Empty, "a use within a minute of the recorded one is not written again");
        }

        using (Factory.SqlCounter.Record())
        {
            Factory.Clock.Advance(TimeSpan.FromSeconds(31));
            using var later = await SendAsync(reader, HttpMethod.Get, "/domains/");
            Assert.That(Touches(), Has.Count.EqualTo(1), string.Join("\n", Factory.SqlCounter.Statements));
        }

        var listed = (await AdminAsync(HttpMethod.Get, "/api-keys/")).AsArray().Single(k => k!["name"]!.GetValue<string>() == "busy-reader")!;
        Assert.That(listed["last_used_at"]?.GetValue<DateTimeOffset>(), Is.EqualTo(Factory.Clock.GetUtcNow()).Within(TimeSpan.FromSeconds(1)));
    }

    [TestCase(null, "No API key")]
    [TestCase("sh_0000000000000000000000000000000000000000000000000000000000000000", "not known")]
    public async Task Request_WithoutOrWithUnknownKey_Is401WithBearerChallenge(string? key, string detail)
    {
        using var response = await SendAsync(key, HttpMethod.Get, "/domains/");
        var problem = await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Is.EqualTo("Bearer"));
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain(detail));
    }

    [TestCase("/health/live")]
    [TestCase("/health/ready")]
    [TestCase("/swagger/v1/swagger.json")]
    [TestCase("/dashboard/sign-in")]
    public async Task OpenPath_WithoutKey_Answers(string path)
    {
        using var response = await Client.GetAsync(path);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Root_WithoutKey_LeadsToTheDashboardSignIn()
    {
        using var client = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var root = await client.GetAsync("/");
        Assert.That(root.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(root.Headers.Location?.OriginalString, Is.EqualTo("/dashboard"));

        using var dashboard = await client.GetAsync("/dashboard");
        Assert.That(dashboard.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(dashboard.Headers.Location?.OriginalString, Does.StartWith("/dashboard/sign-in"));
    }

    [Test]
    public async Task DashboardSignIn_WrongKey_Is401WithBearerChallenge()
    {
        using var response = await Client.PostAsync("/dashboard/sign-in",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["api_key"] = "sh_not_a_key" }));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Is.EqualTo("Bearer"));
    }

    /// <summary>§15 for the one form the hub reads: a form the server cannot parse is a 400 with the form again, never a 500.</summary>
    [TestCase("application/x-www-form-urlencoded", "api_key=%00")]
    [TestCase("application/x-www-form-urlencoded", "a%00=1&api_key=x")]
    [TestCase("multipart/form-data; boundary=b", "x")]
    [TestCase("multipart/form-data", "x")]
    [TestCase("application/x-www-form-urlencoded", "many")]
    [TestCase("application/x-www-form-urlencoded", "long")]
    public async Task DashboardSignIn_FormTheServerCannotRead_Is400WithTheForm(string contentType, string body)
    {
        body = body switch
        {
            "many" => string.Join('&', Enumerable.Range(0, 1100).Select(i => $"f{i}=1")),
            "long" => "api_key=" + new string('k', 5 * 1024 * 1024),
            _ => body,
        };
        using var content = new ByteArrayContent(System.Text.Encoding.ASCII.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        using var response = await Client.PostAsync("/dashboard/sign-in", content);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await response.Content.ReadAsStringAsync());
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("name=\"api_key\""));
    }

    [Test]
    public async Task DashboardSession_WithARevokedKey_IsClearedWhereItWasSet()
    {
        var reader = await CreateKeyAsync("revoked-reader", "reader");
        await AdminAsync(HttpMethod.Post, $"/api-keys/{Id(reader)}/revoke");
        using var client = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard");
        request.Headers.Add("Cookie", $"statehub_session={reader["key"]!.GetValue<string>()}");

        using var response = await client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var cleared = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("statehub_session=", StringComparison.Ordinal));
        Assert.That(cleared, Does.Contain("expires=Thu, 01 Jan 1970").IgnoreCase.And.Contain("path=/dashboard"), "the sign-in cookie's own path, or the browser keeps it");
    }

    [Test]
    public async Task Reads_AreOpenToEveryRole_ButKeysOnlyToAdmins()
    {
        var fleet = await ArrangeFleetAsync("alpha", "beta");
        foreach (var who in new[] { Who.Reader, Who.OwnAgent, Who.OtherAgent })
        {
            foreach (var url in new[] { "/repos/", "/repos/alpha/dispatch", $"/goals/{fleet.Repos["alpha"].GoalId}", "/interface-changes/", "/repos/alpha/inbox" })
            {
                using var read = await SendAsync(fleet.Keys[who], HttpMethod.Get, url);
                Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{who} GET {url}");
            }

            using var keys = await SendAsync(fleet.Keys[who], HttpMethod.Get, "/api-keys/");
            var problem = await AssertProblemAsync(keys, HttpStatusCode.Forbidden);
            Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("only admin keys"));
        }
    }

    [Test]
    public async Task Metrics_AreForAdminAndReaderKeysOnly()
    {
        var fleet = await ArrangeFleetAsync("alpha", "beta");
        foreach (var who in new[] { Who.Admin, Who.Reader })
        {
            using var allowed = await SendAsync(fleet.Keys[who], HttpMethod.Get, "/metrics");
            Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.OK), who.ToString());
            Assert.That(await allowed.Content.ReadAsStringAsync(), Does.Contain("# TYPE"), who.ToString());
        }

        using var agent = await SendAsync(fleet.Keys[Who.OwnAgent], HttpMethod.Get, "/metrics");
        var problem = await AssertProblemAsync(agent, HttpStatusCode.Forbidden);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("admin or reader").And.Contain("agent key"));
        Assert.That(await agent.Content.ReadAsStringAsync(), Does.Not.Contain("# TYPE"));

        using var none = await SendAsync(null, HttpMethod.Get, "/metrics");
        await AssertProblemAsync(none, HttpStatusCode.Unauthorized);
        Assert.That(none.Headers.WwwAuthenticate.ToString(), Is.EqualTo("Bearer"));
    }

    [Test]
    public async Task Webhooks_AreForAdminKeysOnly_ReadsIncluded()
    {
        var fleet = await ArrangeFleetAsync("alpha", "beta");
        var before = await SnapshotAsync();
        foreach (var who in new[] { Who.OwnAgent, Who.Reader })
        {
            using var list = await SendAsync(fleet.Keys[who], HttpMethod.Get, "/webhooks/");
            await AssertProblemAsync(list, HttpStatusCode.Forbidden);
            using var create = await SendAsync(fleet.Keys[who], HttpMethod.Post, "/webhooks/", new { url = "https://hooks.example.com/x", event_types = new[] { "*" } });
            await AssertProblemAsync(create, HttpStatusCode.Forbidden);
        }

        Assert.That(await SnapshotAsync(), Is.EqualTo(before));
        using var admin = await SendAsync(fleet.Keys[Who.Admin], HttpMethod.Get, "/webhooks/");
        Assert.That(admin.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Refusal_IsDecidedBeforeValidationAndLookups()
    {
        var fleet = await ArrangeFleetAsync("alpha", "beta");
        var before = await SnapshotAsync();

        // Invalid bodies: the key's lack of right is the answer, not the 422.
        using var reader = await SendAsync(fleet.Keys[Who.Reader], HttpMethod.Post, "/repos/alpha/goals", new { title = "", priority = 0 });
        var readerProblem = await AssertProblemAsync(reader, HttpStatusCode.Forbidden);
        Assert.That(readerProblem["detail"]!.GetValue<string>(), Does.Contain("may only read"));

        using var other = await SendAsync(fleet.Keys[Who.OtherAgent], HttpMethod.Patch, $"/goals/{fleet.Repos["alpha"].GoalId}", new { priority = 0 });
        var otherProblem = await AssertProblemAsync(other, HttpStatusCode.Forbidden);
        Assert.That(otherProblem["detail"]!.GetValue<string>(), Does.Contain("'beta'").And.Contain("belongs to repo 'alpha'"));

        // A repo that does not exist is still not the agent's: 403, not 404.
        using var missing = await SendAsync(fleet.Keys[Who.OtherAgent], HttpMethod.Post, "/repos/nowhere/events", new { kind = "k", summary = "s" });
        await AssertProblemAsync(missing, HttpStatusCode.Forbidden);

        // Interface changes are the origin's: an agent may not register one for another origin.
        using var foreignOrigin = await SendAsync(fleet.Keys[Who.OtherAgent], HttpMethod.Post, "/interface-changes/", new
        {
            origin_repo_slug = "alpha", title = "t", description = "d", change_type = "breaking", interface_type = "cli", affected_repo_slugs = new[] { "beta" },
        });
        await AssertProblemAsync(foreignOrigin, HttpStatusCode.Forbidden);

        Assert.That(await SnapshotAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task Writes_RecordTheirActor_OnEventsAndInboxMessages()
    {
        var fleet = await ArrangeFleetAsync("alpha", "beta");
        using (var logged = await SendAsync(fleet.AgentKeys["alpha"], HttpMethod.Post, "/repos/alpha/events", new { kind = "note", summary = "by the agent" }))
            Assert.That(logged.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        using (var published = await SendAsync(fleet.AgentKeys["alpha"], HttpMethod.Post, $"/interface-changes/{fleet.Repos["alpha"].DraftChangeId}/publish"))
            Assert.That(published.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var events = (await AdminAsync(HttpMethod.Get, "/repos/alpha/events")).AsArray();
        Assert.That(events.Single(e => e!["summary"]!.GetValue<string>() == "by the agent")!["actor"]!.GetValue<string>(), Is.EqualTo("agent-alpha"));
        Assert.That(events.First(e => e!["kind"]!.GetValue<string>() == "interface_change_published")!["actor"]!.GetValue<string>(), Is.EqualTo("agent-alpha"));
        var inbox = (await AdminAsync(HttpMethod.Get, "/repos/beta/inbox")).AsArray();
        Assert.That(inbox.Select(m => m!["actor"]!.GetValue<string>()), Is.EquivalentTo(new[] { "admin", "agent-alpha" }),
            "the arranged publication was made with the bootstrap key, the new one by the agent");
    }

    [Test]
    public async Task CreateApiKey_WithBadFields_Is422Or404()
    {
        await AssertProblemAsync(await SendAsync(BootstrapKey, HttpMethod.Post, "/api-keys/", new { name = "a", role = "agent" }), HttpStatusCode.UnprocessableEntity);
        await AssertProblemAsync(await SendAsync(BootstrapKey, HttpMethod.Post, "/api-keys/", new { name = "a", role = "reader", repo_slug = "x" }), HttpStatusCode.UnprocessableEntity);
        await AssertProblemAsync(await SendAsync(BootstrapKey, HttpMethod.Post, "/api-keys/", new { name = "a", role = "root" }), HttpStatusCode.UnprocessableEntity);
        await AssertProblemAsync(await SendAsync(BootstrapKey, HttpMethod.Post, "/api-keys/", new { name = "a", role = "reader", expires_at = Factory.Clock.GetUtcNow().AddDays(-1) }), HttpStatusCode.UnprocessableEntity);
        await AssertProblemAsync(await SendAsync(BootstrapKey, HttpMethod.Post, "/api-keys/", new { name = "a", role = "agent", repo_slug = "nowhere" }), HttpStatusCode.NotFound);
        await AssertProblemAsync(await SendAsync(BootstrapKey, HttpMethod.Post, $"/api-keys/{Guid.NewGuid()}/revoke"), HttpStatusCode.NotFound);
    }

    [Test]
    public async Task RevokeApiKey_Twice_KeepsTheFirstTimeAndRefusesTheKey()
    {
        var key = await CreateKeyAsync("soon-gone", "reader");
        var first = await AdminAsync(HttpMethod.Post, $"/api-keys/{Id(key)}/revoke");
        Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await AdminAsync(HttpMethod.Post, $"/api-keys/{Id(key)}/revoke");
        Assert.That(second["revoked_at"]!.GetValue<DateTimeOffset>(), Is.EqualTo(first["revoked_at"]!.GetValue<DateTimeOffset>()));
        Assert.That(second.AsObject().ContainsKey("key"), Is.False);
        var problem = await AssertProblemAsync(await SendAsync(key["key"]!.GetValue<string>(), HttpMethod.Get, "/domains/"), HttpStatusCode.Unauthorized);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("revoked"));
    }

    [Test]
    public async Task Key_PastItsExpiry_Is401()
    {
        var key = await CreateKeyAsync("short-lived", "reader", expiresAt: Factory.Clock.GetUtcNow().AddHours(1));
        var secret = key["key"]!.GetValue<string>();
        Assert.That((await SendAsync(secret, HttpMethod.Get, "/domains/")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Factory.Clock.Advance(TimeSpan.FromHours(1));
        var problem = await AssertProblemAsync(await SendAsync(secret, HttpMethod.Get, "/domains/"), HttpStatusCode.Unauthorized);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("expired"));
    }

    [Test]
    public async Task McpWritingTool_AsReader_IsRefusedBeforeItsArgumentsAreChecked()
    {
        var fleet = await ArrangeFleetAsync("alpha", "beta");
        await using var mcp = await ConnectMcpAsync(fleet.Keys[Who.Reader]!);
        var before = await SnapshotAsync();

        // Missing and mistyped arguments: without the early decision these were 422s.
        var refused = await mcp.CallToolAsync("register_repo", new Dictionary<string, object?> { ["slug"] = "q" });
        var mistyped = await mcp.CallToolAsync("create_goal", new Dictionary<string, object?> { ["repo_slug"] = "alpha", ["title"] = "x", ["priority"] = "abc" });

        foreach (var result in new[] { refused, mistyped })
        {
            Assert.That(result.IsError, Is.True);
            var problem = JsonNode.Parse(result.StructuredContent!.Value.GetRawText())!;
            Assert.That(problem["status"]!.GetValue<int>(), Is.EqualTo(403), problem.ToJsonString());
            Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("it only reads"));
        }

        Assert.That(await SnapshotAsync(), Is.EqualTo(before));
        var read = await mcp.CallToolAsync("get_repo", new Dictionary<string, object?> { ["slug"] = "alpha" });
        Assert.That(read.IsError, Is.Not.True, "reading tools stay open to readers");
    }

    [Test]
    public async Task McpToolCall_ForAnotherRepo_IsAnErrorResultAndChangesNothing()
    {
        var fleet = await ArrangeFleetAsync("alpha", "beta");
        await using var mcp = await ConnectMcpAsync(fleet.AgentKeys["beta"]);
        var before = await SnapshotAsync();
        var refused = await mcp.CallToolAsync("log_progress", new Dictionary<string, object?> { ["repo_slug"] = "alpha", ["kind"] = "note", ["summary"] = "s" });
        Assert.That(refused.IsError, Is.True);
        var text = string.Join("", refused.Content.OfType<ModelContextProtocol.Protocol.TextContentBlock>().Select(c => c.Text));
        Assert.That(text, Does.Contain("Forbidden").And.Contain("'beta'"));
        Assert.That(await SnapshotAsync(), Is.EqualTo(before));

        var allowed = await mcp.CallToolAsync("log_progress", new Dictionary<string, object?> { ["repo_slug"] = "beta", ["kind"] = "note", ["summary"] = "mine" });
        Assert.That(allowed.IsError, Is.Not.True);
    }

    [Test]
    public async Task McpWritingTool_AgentForAnotherRepoOrAdminOnly_IsRefusedBeforeItsArgumentsAreChecked()
    {
        var fleet = await ArrangeFleetAsync("alpha", "beta");
        await using var alpha = await ConnectMcpAsync(fleet.AgentKeys["alpha"]);
        await using var beta = await ConnectMcpAsync(fleet.AgentKeys["beta"]);
        await using var admin = await ConnectMcpAsync(fleet.Keys[Who.Admin]!);
        var before = await SnapshotAsync();

        // Each call also has arguments that do not fit: without the early decision these were 422s.
        var cases = new (McpClient Agent, string Tool, Dictionary<string, object?> Arguments, string Why)[]
        {
            (beta, "register_repo", new() { ["domain_slug"] = 5 }, "only admin keys may do that"),
            (alpha, "create_goal", new() { ["repo_slug"] = "beta" }, "it belongs to repo 'beta'"),
            (beta, "log_progress", new() { ["repo_slug"] = "alpha", ["kind"] = 5, ["summary"] = "s" }, "it belongs to repo 'alpha'"),
        };
        foreach (var (agent, tool, arguments, why) in cases)
        {
            var refused = await agent.CallToolAsync(tool, arguments);
            var problem = JsonNode.Parse(refused.StructuredContent!.Value.GetRawText())!;
            Assert.That(problem["status"]!.GetValue<int>(), Is.EqualTo(403), $"{tool}: {problem.ToJsonString()}");
            Assert.That(problem["detail"]!.GetValue<string>(), Does.StartWith("Forbidden: ").And.Contain(why));

            // The argument check is there: the admin, whom nothing refuses, hears of the arguments.
            var checkedArguments = await admin.CallToolAsync(tool, arguments);
            Assert.That(JsonNode.Parse(checkedArguments.StructuredContent!.Value.GetRawText())!["status"]!.GetValue<int>(), Is.EqualTo(422), tool);
        }

        // Its own repo's agent hears of its arguments, not a refusal.
        var own = await alpha.CallToolAsync("create_goal", new Dictionary<string, object?> { ["repo_slug"] = "alpha" });
        Assert.That(JsonNode.Parse(own.StructuredContent!.Value.GetRawText())!["status"]!.GetValue<int>(), Is.EqualTo(422));
        Assert.That(await SnapshotAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task Mcp_WithoutKey_Is401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = RawJson("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}""") };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await Client.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Is.EqualTo("Bearer"));
    }

    private async Task<McpClient> ConnectMcpAsync(string key)
    {
        var transport = new HttpClientTransport(
            new HttpClientTransportOptions
            {
                Endpoint = new Uri(Client.BaseAddress!, "/mcp"),
                TransportMode = HttpTransportMode.StreamableHttp,
                AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {key}" },
            },
            Client,
            NullLoggerFactory.Instance,
            ownsHttpClient: false);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await McpClient.CreateAsync(transport, cancellationToken: timeout.Token);
    }
}

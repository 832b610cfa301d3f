using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StateHub.WebApi.FunctionalTests.Mcp;

/// <summary>An agent's whole day with MCP tools only, and MCP text that is the HTTP body's JSON, unescaped.</summary>
public sealed class McpAgentDayTests : McpTestBase
{
    private const string Fingerprint = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

    [Test]
    public async Task AgentDay_ToolsOnly_FindDispatchCreateFinishAcknowledgeAndReadInbox()
    {
        await CreateDomainAsync();
        await RegisterRepoAsync("upstream");
        await RegisterRepoAsync("billing", gitFingerprint: Fingerprint, remoteUrl: "git@example.com:org/billing.git");
        var change = await PostCreatedAsync("/interface-changes/", new
        {
            origin_repo_slug = "upstream", title = "v2 routes", change_type = "breaking", interface_type = "http_api",
            affected_repo_slugs = new[] { "billing" },
        });
        await SendOkAsync(HttpMethod.Post, $"/interface-changes/{Id(change)}/publish");

        // Who am I?
        var found = (await CallOkAsync("find_repos", new { hash = Fingerprint })).AsArray();
        var slug = found.Single()!["slug"]!.GetValue<string>();
        Assert.That(slug, Is.EqualTo("billing"));
        var byRemote = (await CallOkAsync("find_repos", new { remote_url = "git@example.com:org/billing.git" })).AsArray();
        Assert.That(byRemote.Single()!["slug"]!.GetValue<string>(), Is.EqualTo("billing"));
        Assert.That((await CallOkAsync("find_repos", new { remote_url = "git@example.com:org/none.git" })).AsArray(), Is.Empty);
        Assert.That((await CallOkAsync("get_repo", new { slug }))["git_fingerprint"]!.GetValue<string>(), Is.EqualTo(Fingerprint));
        Assert.That((await CallItemsAsync("list_repos")).AsArray(), Has.Count.EqualTo(2));

        // What do I do today?
        var dispatch = await CallOkAsync("get_dispatch", new { repo_slug = slug });
        var pending = dispatch["pending_interface_changes"]!.AsArray().Single()!;
        Assert.That(pending["my_status"]!.GetValue<string>(), Is.EqualTo("notified"));
        Assert.That(dispatch["unread_inbox_count"]!.GetValue<int>(), Is.EqualTo(1));

        // Plan and do the work.
        var goal = await CallOkAsync("create_goal", new { repo_slug = slug, title = "Adopt v2", priority = 1 });
        var workstream = await CallOkAsync("create_workstream", new { repo_slug = slug, key = "BILL-WP-1", title = "v2 migration" });
        var task = await CallOkAsync("create_task", new { workstream_id = Id(workstream), key = "T01", title = "Call v2", needs_human = true });
        dispatch = await CallOkAsync("get_dispatch", new { repo_slug = slug });
        Assert.That(dispatch["active_goal"]!["id"]!.GetValue<string>(), Is.EqualTo(Id(goal)));
        Assert.That(dispatch["human_interventions"]![0]!["workstream_key"]!.GetValue<string>(), Is.EqualTo("BILL-WP-1"));
        var claimed = await CallOkAsync("claim_task", new { task_id = Id(task), claimant = "billing-agent/session-1", ttl_seconds = 600 });
        Assert.That(claimed["status"]!.GetValue<string>(), Is.EqualTo("in_progress"));
        Assert.That(claimed["claimed_by"]!.GetValue<string>(), Is.EqualTo("billing-agent/session-1"));
        // A claimed task's status changes with the holder's token, as PATCH with Claim-Token does; the
        // answer names the argument that carries it here.
        Assert.That(await CallFailingAsync("update_task", new { id = Id(task), status = "todo" }, 409), Does.Contain("claim token").And.Contain("claim_token argument"));
        var handedBack = await CallOkAsync("update_task", new { id = Id(task), status = "todo", claim_token = claimed["claim_token"]!.GetValue<long>() });
        Assert.That(handedBack["status"]!.GetValue<string>(), Is.EqualTo("todo"));
        Assert.That(handedBack["claimed_by"], Is.Null, "leaving in_progress ends the claim");
        claimed = await CallOkAsync("claim_task", new { task_id = Id(task), claimant = "billing-agent/session-1", ttl_seconds = 600 });
        var released = await CallOkAsync("release_task", new { task_id = Id(task), claim_token = claimed["claim_token"]!.GetValue<long>(), status = "done" });
        Assert.That(released["status"]!.GetValue<string>(), Is.EqualTo("done"));
        var done = await CallOkAsync("update_task", new { id = Id(task), title = "Call v2" });
        Assert.That(done["status"]!.GetValue<string>(), Is.EqualTo("done"));
        Assert.That(done["title"]!.GetValue<string>(), Is.EqualTo("Call v2"), "an update changes only what it is given");
        Assert.That((await CallItemsAsync("list_tasks", new { workstream_id = Id(workstream) }))[0]!["status"]!.GetValue<string>(), Is.EqualTo("done"));
        await CallOkAsync("update_workstream", new { id = Id(workstream), status = "done" });
        await CallOkAsync("update_goal", new { id = Id(goal), status = "achieved" });

        // Answer the change and read the inbox.
        var acknowledged = await CallOkAsync("acknowledge_interface_change", new { id = Id(change), repo_slug = slug, status = "migrated", note = "on v2" });
        Assert.That(acknowledged["consumers"]![0]!["status"]!.GetValue<string>(), Is.EqualTo("migrated"));
        var inbox = (await CallItemsAsync("list_inbox", new { repo_slug = slug, unread = true })).AsArray();
        await CallOkAsync("mark_inbox_read", new { message_id = Id(inbox.Single()!) });

        dispatch = await CallOkAsync("get_dispatch", new { repo_slug = slug });
        Assert.That(dispatch["pending_interface_changes"]!.AsArray(), Is.Empty);
        Assert.That(dispatch["active_workstreams"]!.AsArray(), Is.Empty);
        Assert.That(dispatch["active_goal"], Is.Null);
        Assert.That(dispatch["unread_inbox_count"]!.GetValue<int>(), Is.EqualTo(0));
        Assert.That((await GetOkAsync("/repos/upstream/inbox"))[0]!["kind"]!.GetValue<string>(), Is.EqualTo("interface_change_consumers_done"));
    }

    [Test]
    public async Task ToolText_TitleWithAccentsAndMarkup_IsByteIdenticalToTheHttpBodysField()
    {
        const string title = "Café – <v2> & l'été";
        await CreateDomainAsync();
        await RegisterRepoAsync("app");
        var workstream = await PostCreatedAsync("/repos/app/workstreams", new { key = "WP-1", title });

        var text = TextOf(await CallAsync("list_workstreams", new { repo_slug = "app" }));
        using var http = await Client.GetAsync("/repos/app/workstreams");
        var body = await http.Content.ReadAsByteArrayAsync();

        var expected = Encoding.UTF8.GetBytes("\"title\":\"" + title + "\"");
        Assert.That(Contains(Encoding.UTF8.GetBytes(text), expected), Is.True, text);
        Assert.That(Contains(body, expected), Is.True, Encoding.UTF8.GetString(body));
        Assert.That(text, Does.Not.Contain("\\u"));
        Assert.That(JsonNode.Parse(text)![0]!["id"]!.GetValue<string>(), Is.EqualTo(Id(workstream)));
    }

    [Test]
    public async Task ListTools_NewAgentLoopTools_AreListed()
    {
        var names = (await Mcp.ListToolsAsync()).Select(t => t.Name).ToList();

        Assert.That(names, Is.SupersetOf(new[]
        {
            "find_repos", "list_repos", "get_repo", "create_goal", "update_goal", "create_workstream", "update_workstream",
            "create_task", "update_task", "list_tasks", "acknowledge_interface_change",
        }));
        Assert.That(Mcp.ServerInstructions, Does.Contain("find_repos").And.Contain("get_dispatch"));
    }

    private static string Id(JsonNode node) => node["id"]!.GetValue<string>();

    private static bool Contains(byte[] haystack, byte[] needle) =>
        haystack.AsSpan().IndexOf(needle) >= 0;
}

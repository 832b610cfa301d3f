using System.Net;
using System.Text.Json.Nodes;
using StateHub.WebApi.FunctionalTests.Infrastructure;

namespace StateHub.WebApi.FunctionalTests.OpenApi;

/// <summary>
/// Every property of every partial-update schema in the served document, sent alone as null to
/// its PATCH endpoint: the document marks it nullable exactly when the service takes the null
/// (clearing the field) and not nullable when the service refuses it with a 422 naming it, so a
/// client generated from the document never offers a null the service turns down.
/// </summary>
public sealed class PartialUpdateNullabilityTests : FunctionalTestBase
{
    [Test]
    public async Task EveryPartialUpdateProperty_IsNullableInTheDocument_ExactlyWhenTheServiceTakesNull()
    {
        var document = JsonNode.Parse(await Client.GetStringAsync("/swagger/v1/swagger.json"))!;
        var schemas = document["components"]!["schemas"]!.AsObject();
        var targets = await CreateOneOfEachAsync();

        var checkedSchemas = new List<string>();
        foreach (var (schemaName, url) in targets)
        {
            var properties = schemas[schemaName]!["properties"]!.AsObject();
            foreach (var (property, declared) in properties)
            {
                var nullable = declared!["nullable"]?.GetValue<bool>() ?? false;
                using var response = await PatchAsync(Client, url, new JsonObject { [property] = null });
                var body = await response.Content.ReadAsStringAsync();
                if (nullable)
                {
                    Assert.That(response.IsSuccessStatusCode, Is.True,
                        $"{schemaName}.{property} is nullable in the document, but PATCH {url} with it null answered {(int)response.StatusCode}: {body}");
                }
                else
                {
                    Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity),
                        $"{schemaName}.{property} is not nullable in the document, but PATCH {url} took it as null: {body}");
                    Assert.That(JsonNode.Parse(body)!["errors"]!.AsObject().Select(e => e.Key), Has.Some.EqualTo(property), body);
                }
            }

            checkedSchemas.Add(schemaName);
        }

        var partialUpdates = schemas.Select(s => s.Key).Where(n => n.StartsWith("Update", StringComparison.Ordinal) && n.EndsWith("Request", StringComparison.Ordinal));
        Assert.That(checkedSchemas, Is.EquivalentTo(partialUpdates), "every partial-update schema of the document is checked");
        Assert.Multiple(() =>
        {
            Assert.That(schemas["UpdateTaskRequest"]!["properties"]!["status"]!["nullable"]?.GetValue<bool>() ?? false, Is.False, "a task's status cannot be cleared");
            Assert.That(schemas["UpdateRepoRequest"]!["properties"]!["description"]!["nullable"]!.GetValue<bool>(), Is.True, "null clears a repo's description");
        });
    }

    private async Task<IReadOnlyList<(string Schema, string Url)>> CreateOneOfEachAsync()
    {
        await CreateDomainAsync("platform");
        await RegisterRepoAsync("api", remoteUrl: "https://example.com/api.git");
        await RegisterRepoAsync("web");
        var goal = await PostCreatedAsync("/repos/api/goals", new { title = "Ship" });
        var workstream = await PostCreatedAsync("/repos/api/workstreams", new { key = "WP-1", title = "Work" });
        var task = await PostCreatedAsync($"/workstreams/{workstream["id"]}/tasks", new { key = "T01", title = "Do" });
        var change = await PostCreatedAsync("/interface-changes/", new
        {
            origin_repo_slug = "api", title = "New field", description = "d", change_type = "additive",
            interface_type = "http_api", affected_repo_slugs = new[] { "web" },
        });
        var webhook = await PostCreatedAsync("/webhooks/", new { url = "https://hooks.example.com/in", event_types = new[] { "*" } });

        return
        [
            ("UpdateDomainRequest", "/domains/platform"),
            ("UpdateRepoRequest", "/repos/api"),
            ("UpdateGoalRequest", $"/goals/{goal["id"]}"),
            ("UpdateWorkstreamRequest", $"/workstreams/{workstream["id"]}"),
            ("UpdateTaskRequest", $"/tasks/{task["id"]}"),
            ("UpdateInterfaceChangeRequest", $"/interface-changes/{change["id"]}"),
            ("UpdateWebhookRequest", $"/webhooks/{webhook["id"]}"),
        ];
    }
}

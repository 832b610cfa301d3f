using System.Net;
using System.Text.Json.Nodes;
using MediatR;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using StateHub.WebApi.Mcp;
using StateHub.WebApi.Security;

namespace StateHub.WebApi.FunctionalTests.Access;

/// <summary>
/// §10 "decided before any other check", for what MVC checks before the pipeline besides the body:
/// an id in the route that is not a UUID, a query value that does not bind, and a malformed
/// <c>Idempotency-Key</c>. A key whose role cannot send the request hears 403 first; the admin's
/// 422 for the same request shows that the other check is really there.
/// </summary>
public sealed class EarlyRefusalTests : AccessTestBase
{
    private static readonly object[] Cases =
    [
        new object[] { "POST", "/api-keys/not-a-uuid/revoke", new[] { Who.Reader, Who.OwnAgent } },
        new object[] { "GET", "/api-keys/?limit=abc", new[] { Who.Reader, Who.OwnAgent } },
        new object[] { "POST", "/inbox/not-a-uuid/read", new[] { Who.Reader } },
        new object[] { "POST", "/interface-changes/not-a-uuid/publish", new[] { Who.Reader } },
        new object[] { "DELETE", "/tasks/not-a-uuid/dependencies/also-not", new[] { Who.Reader } },
        new object[] { "GET", "/webhooks/?limit=abc", new[] { Who.Reader, Who.OwnAgent } },
        new object[] { "GET", "/webhooks/not-a-uuid", new[] { Who.Reader, Who.OwnAgent } },
        new object[] { "GET", "/webhooks/not-a-uuid/deliveries", new[] { Who.Reader, Who.OwnAgent } },
        new object[] { "DELETE", "/webhooks/not-a-uuid", new[] { Who.Reader, Who.OwnAgent } },
        new object[] { "POST", "/webhooks/not-a-uuid/rotate-secret", new[] { Who.Reader, Who.OwnAgent } },
        new object[] { "POST", "/webhooks/not-a-uuid/ping", new[] { Who.Reader, Who.OwnAgent } },
        new object[] { "POST", "/webhooks/not-a-uuid/deliveries/also-not/redeliver", new[] { Who.Reader, Who.OwnAgent } },
    ];

    [TestCaseSource(nameof(Cases))]
    public async Task RouteOrQueryThatWouldNotBind_CallerWithoutTheRight_Gets403First(string method, string url, Who[] refused)
    {
        var fleet = await ArrangeFleetAsync("alpha", "beta");
        foreach (var who in refused)
        {
            using var response = await SendAsync(fleet.Keys[who], new HttpMethod(method), url);
            var text = await response.Content.ReadAsStringAsync();
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), $"{method} {url} as {who}: {text}");
            Assert.That(JsonNode.Parse(text)!["detail"]!.GetValue<string>(), Does.StartWith("Forbidden: "), text);
        }

        using var admin = await SendAsync(fleet.Keys[Who.Admin], new HttpMethod(method), url);
        Assert.That(admin.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), $"{method} {url} as admin: {await admin.Content.ReadAsStringAsync()}");
    }

    [Test]
    public async Task MalformedIdempotencyKey_CallerWithoutTheRight_Gets403First()
    {
        var fleet = await ArrangeFleetAsync("alpha", "beta");
        foreach (var (who, url) in new[] { (Who.Reader, "/domains/"), (Who.OwnAgent, "/domains/"), (Who.OtherAgent, "/repos/alpha/goals"), (Who.Reader, "/inbox/not-a-uuid/read") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = Json(new { slug = "newdomain", name = "New", title = "Goal" }) };
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", fleet.Keys[who]);
            request.Headers.TryAddWithoutValidation("Idempotency-Key", "not a valid key");
            using var response = await Client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), $"POST {url} as {who}: {text}");
            Assert.That(JsonNode.Parse(text)!["detail"]!.GetValue<string>(), Does.StartWith("Forbidden: "), text);
        }

        using var admin = new HttpRequestMessage(HttpMethod.Post, "/domains/") { Content = Json(new { slug = "newdomain", name = "New" }) };
        admin.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", fleet.Keys[Who.Admin]);
        admin.Headers.TryAddWithoutValidation("Idempotency-Key", "not a valid key");
        using var adminResponse = await Client.SendAsync(admin);
        Assert.That(adminResponse.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), await adminResponse.Content.ReadAsStringAsync());
    }

    /// <summary>An acknowledgement names its repo in the route: another repo's agent gets the 403 before its body is read.</summary>
    [Test]
    public async Task AcknowledgementForAnotherRepo_WithABodyThatWouldNotBind_Gets403First()
    {
        var fleet = await ArrangeFleetAsync("alpha", "beta");
        var url = $"/interface-changes/{fleet.Repos["alpha"].PublishedChangeId}/acknowledgements/beta";

        foreach (var body in new[] { "{bad", "{\"status\":\"bogus\"}" })
        {
            using var agent = await SendRawAsync(fleet.Keys[Who.OwnAgent], url, body);
            var text = await agent.Content.ReadAsStringAsync();
            Assert.That(agent.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), $"{body}: {text}");
            Assert.That(JsonNode.Parse(text)!["detail"]!.GetValue<string>(), Does.Contain("'beta'"), text);

            using var admin = await SendRawAsync(fleet.Keys[Who.Admin], url, body);
            Assert.That((int)admin.StatusCode, Is.InRange(400, 422).And.Not.EqualTo(403), $"admin, {body}");
        }

        using var own = await SendRawAsync(fleet.Keys[Who.OtherAgent], url, "{\"status\":\"acknowledged\"}");
        Assert.That(own.StatusCode, Is.EqualTo(HttpStatusCode.OK), "beta's own agent acknowledges");
    }

    /// <summary>
    /// §10 for a write whose repo is named in its body, not its route (<c>POST /interface-changes/</c>,
    /// <c>origin_repo_slug</c>): an agent naming another repo hears 403 before an unknown field or a
    /// wrong type is refused; for its own repo, and for the admin, the same bodies are 422.
    /// </summary>
    [Test]
    public async Task InterfaceChangeForAnotherOrigin_WithABodyThatWouldNotBind_Gets403First()
    {
        var fleet = await ArrangeFleetAsync("alpha", "beta");
        string Body(string origin, string extra) =>
            $$"""{"origin_repo_slug":"{{origin}}","title":"Rename a field","change_type":"breaking","interface_type":"http_api"{{extra}}}""";

        foreach (var extra in new[] { ",\"zzz\":1", ",\"affected_repo_slugs\":5" })
        {
            using var agent = await SendRawAsync(fleet.Keys[Who.OtherAgent], "/interface-changes/", Body("alpha", extra));
            var text = await agent.Content.ReadAsStringAsync();
            Assert.That(agent.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), $"{extra}: {text}");
            Assert.That(JsonNode.Parse(text)!["detail"]!.GetValue<string>(), Does.Contain("'alpha'"), text);

            using var own = await SendRawAsync(fleet.Keys[Who.OwnAgent], "/interface-changes/", Body("alpha", extra));
            Assert.That(own.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), $"alpha's own agent, {extra}");
            using var admin = await SendRawAsync(fleet.Keys[Who.Admin], "/interface-changes/", Body("alpha", extra));
            Assert.That(admin.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), $"admin, {extra}");
        }

        // The field given twice, the caller's own repo last; and a body in UTF-16, as the reader accepts it.
        using var twice = await SendRawAsync(fleet.Keys[Who.OtherAgent], "/interface-changes/", Body("alpha", ",\"origin_repo_slug\":\"beta\""));
        Assert.That(twice.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), await twice.Content.ReadAsStringAsync());
        using var utf16 = new HttpRequestMessage(HttpMethod.Post, "/interface-changes/")
        {
            Content = new ByteArrayContent(System.Text.Encoding.Unicode.GetBytes(Body("alpha", ",\"zzz\":1"))),
        };
        utf16.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=utf-16");
        utf16.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", fleet.Keys[Who.OtherAgent]);
        using var utf16Answer = await Client.SendAsync(utf16);
        Assert.That(utf16Answer.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), await utf16Answer.Content.ReadAsStringAsync());

        using var created = await SendRawAsync(fleet.Keys[Who.OwnAgent], "/interface-changes/", Body("alpha", ""));
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), "the body is still read after the early look");
    }

    /// <summary>
    /// A write to another repo's resource named by id in the route: the agent hears 403 (naming the
    /// owner) before its body is read, where the admin's malformed or invalid body is a 400/422.
    /// </summary>
    [Test]
    public async Task WriteToAnotherReposResourceById_WithABodyThatWouldNotBind_Gets403First()
    {
        var fleet = await ArrangeFleetAsync("alpha", "beta");
        var alpha = fleet.Repos["alpha"];
        var writes = new (string Method, string Url)[]
        {
            ("PATCH", $"/goals/{alpha.GoalId}"),
            ("PATCH", $"/workstreams/{alpha.WorkstreamId}"),
            ("POST", $"/workstreams/{alpha.WorkstreamId}/tasks"),
            ("PATCH", $"/tasks/{alpha.TaskId}"),
            ("POST", $"/tasks/{alpha.TaskId}/claim"),
            ("POST", $"/tasks/{alpha.TaskId}/renew"),
            ("POST", $"/tasks/{alpha.TaskId}/release"),
            ("POST", $"/tasks/{alpha.TaskId}/dependencies"),
            ("PATCH", $"/interface-changes/{alpha.DraftChangeId}"),
            ("POST", $"/interface-changes/{alpha.PublishedChangeId}/resolve"),
        };

        foreach (var (method, url) in writes)
        {
            foreach (var body in new[] { "{bad", "{\"status\":\"bogus\",\"zzz\":1}" })
            {
                using var agent = await SendRawAsync(fleet.Keys[Who.OtherAgent], url, body, method);
                var text = await agent.Content.ReadAsStringAsync();
                Assert.That(agent.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), $"{method} {url} {body}: {text}");
                Assert.That(JsonNode.Parse(text)!["detail"]!.GetValue<string>(), Does.Contain("'alpha'"), text);

                using var admin = await SendRawAsync(fleet.Keys[Who.Admin], url, body, method);
                Assert.That((int)admin.StatusCode, Is.AnyOf(400, 422), $"admin {method} {url} {body}: {await admin.Content.ReadAsStringAsync()}");
            }
        }
    }

    /// <summary>
    /// The idempotency middleware and the filter share one lookup of the owner (the pipeline's own
    /// check makes the second): an agent's keyed claim of its own task reads the owner twice, not three times.
    /// </summary>
    [Test]
    public async Task OwnerLookup_IsSharedByTheIdempotencyMiddlewareAndTheFilter()
    {
        var fleet = await ArrangeFleetAsync("alpha", "beta");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/tasks/{fleet.Repos["alpha"].TaskId}/claim") { Content = Json(new { claimant = "agent-a" }) };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", fleet.Keys[Who.OwnAgent]);
        request.Headers.Add("Idempotency-Key", "claim-once");

        List<string> statements;
        using (Factory.SqlCounter.Record())
        {
            using var response = await Client.SendAsync(request);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
            statements = Factory.SqlCounter.Statements.ToList();
        }

        var ownerLookups = statements.GroupBy(s => s).Where(g => g.Key.Contains("managed_repos", StringComparison.Ordinal) && g.Key.Contains("LIMIT", StringComparison.Ordinal))
            .Select(g => g.Count()).DefaultIfEmpty(0).Max();
        Assert.That(ownerLookups, Is.EqualTo(2), string.Join("\n---\n", statements));
    }

    /// <summary>Every write whose request is owned through the route's id gets the early owner check.</summary>
    [Test]
    public void EveryIdOwnedWrite_HasItsOwnerLookedUpEarly()
    {
        var owned = Factory.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items
            .OfType<ControllerActionDescriptor>()
            .Select(a => (Action: a, Request: EarlyAccess.RequestType(a)))
            .Where(a => a.Request is not null && typeof(StateHub.Application.Common.Security.IRepoOwnedRequest).IsAssignableFrom(a.Request))
            .ToList();
        Assert.That(owned, Has.Count.GreaterThanOrEqualTo(13));

        foreach (var (action, request) in owned)
        {
            Assert.That(action.AttributeRouteInfo!.Template, Does.Contain("{id}"), $"{action.ControllerName}.{action.ActionName}");
            Assert.That(EarlyAccess.OwnedKind(request!), Is.Not.Null, $"{action.ControllerName}.{action.ActionName}: {request!.Name}");
        }
    }

    private async Task<HttpResponseMessage> SendRawAsync(string? key, string url, string body, string method = "POST")
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = RawJson(body) };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return await Client.SendAsync(request);
    }

    /// <summary>
    /// The early decision needs each write action's request type: its body command, or
    /// <see cref="SendsAttribute"/>. A new body-less write without the attribute fails here.
    /// </summary>
    [Test]
    public void EveryWriteAction_DeclaresTheRequestItSends()
    {
        var actions = Factory.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items
            .OfType<ControllerActionDescriptor>()
            .Where(a => a.EndpointMetadata.OfType<HttpMethodMetadata>().SelectMany(m => m.HttpMethods).Any(m => m != "GET" && m != "HEAD"))
            .ToList();
        Assert.That(actions, Is.Not.Empty);

        var undeclared = actions
            .Where(a => !a.Parameters.Any(p => p.BindingInfo?.BindingSource == BindingSource.Body && typeof(IBaseRequest).IsAssignableFrom(p.ParameterType))
                        && !a.MethodInfo.GetCustomAttributes(typeof(SendsAttribute), inherit: false).Any())
            .Select(a => $"{a.ControllerName}.{a.ActionName}");
        Assert.That(undeclared, Is.Empty);
    }

    /// <summary>
    /// MCP asks the same early decision before it checks a tool's arguments, with the request the
    /// tool declares it sends (<see cref="SendsAttribute"/>): a new writing tool without it fails here.
    /// </summary>
    [Test]
    public void EveryWritingMcpTool_DeclaresTheRequestItSends()
    {
        var tools = McpToolCatalog.Create();
        var writing = tools.Where(t => t.ProtocolTool.Annotations?.ReadOnlyHint != true).ToList();
        Assert.That(writing, Is.Not.Empty);

        Assert.That(writing.Where(t => McpToolCallFilter.RequestType(t) is null).Select(t => t.ProtocolTool.Name), Is.Empty);
        Assert.That(tools.Select(McpToolCallFilter.RequestType).OfType<Type>().Where(t => !typeof(IBaseRequest).IsAssignableFrom(t)), Is.Empty);
    }
}

using System.Net;
using System.Text.Json.Nodes;

namespace StateHub.WebApi.FunctionalTests.Access;

/// <summary>
/// Every write endpoint × every kind of caller → the status §10 prescribes; on every refusal the
/// database is exactly as before (every table compared).
/// </summary>
public sealed class PermissionMatrixTests : AccessTestBase
{
    private static IEnumerable<WriteEndpoint> Endpoints() => WriteEndpoints;

    [TestCaseSource(nameof(Endpoints))]
    public async Task WriteEndpoint_EveryCaller_GetsTheStatusItsRoleAllows(WriteEndpoint endpoint)
    {
        var fleet = await ArrangeFleetAsync("alpha", "beta");
        var own = fleet.Repos["alpha"];

        foreach (var who in new[] { Who.NoKey, Who.Revoked, Who.Expired, Who.Reader, Who.OtherAgent, Who.OwnAgent, Who.Admin })
        {
            var expected = Expected(endpoint, who);
            if (expected is HttpStatusCode.OK or HttpStatusCode.Created)
            {
                // A write that succeeds changes state: start it from a fresh fleet.
                await ResetDatabaseAsync();
                Factory.Clock.AdjustTime(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
                fleet = await ArrangeFleetAsync("alpha", "beta");
                own = fleet.Repos["alpha"];
            }

            var before = await SnapshotAsync();
            var (method, url, body) = endpoint.Build(own, fleet);
            using var response = await SendAsync(fleet.Keys[who], method, url, body);
            var text = await response.Content.ReadAsStringAsync();
            Assert.That(response.StatusCode, Is.EqualTo(expected), $"{endpoint.Name} as {who}: {text}");

            if (expected is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), text);
                Assert.That(JsonNode.Parse(text)!["detail"]!.GetValue<string>(), Is.Not.Empty);
                Assert.That(await SnapshotAsync(), Is.EqualTo(before), $"{endpoint.Name} as {who} changed the database");
            }

            if (expected == HttpStatusCode.Unauthorized)
                Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.StartWith("Bearer"), $"{endpoint.Name} as {who}");
        }
    }

    /// <summary>
    /// "Decided before any other check": a caller whose role cannot send the request gets the 403
    /// even when the body is not JSON at all, and the admin's 400 with the same bytes shows that
    /// the body was indeed checked after the access decision. (An agent writing to another repo's
    /// goal, task or change named by id is decided once the body is read: which repo that is, the
    /// type of the request cannot tell.)
    /// </summary>
    [TestCaseSource(nameof(Endpoints))]
    public async Task WriteEndpoint_CallerWithoutTheRight_Gets403BeforeTheBodyIsRead(WriteEndpoint endpoint)
    {
        var fleet = await ArrangeFleetAsync("alpha", "beta");
        var own = fleet.Repos["alpha"];
        var (method, url, body) = endpoint.Build(own, fleet);
        var refused = new List<Who> { Who.Reader };
        if (!endpoint.AgentMayWrite)
            refused.Add(Who.OwnAgent);
        else if (url.StartsWith($"/repos/{own.Slug}/", StringComparison.Ordinal) || url == $"/repos/{own.Slug}")
            refused.Add(Who.OtherAgent);

        var before = await SnapshotAsync();
        foreach (var who in refused)
        {
            using var response = await SendRawAsync(fleet.Keys[who], method, url);
            var text = await response.Content.ReadAsStringAsync();
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), $"{endpoint.Name} as {who}: {text}");
            Assert.That(JsonNode.Parse(text)!["detail"]!.GetValue<string>(), Does.StartWith("Forbidden: "), text);
        }

        Assert.That(await SnapshotAsync(), Is.EqualTo(before), $"{endpoint.Name}: a refused request changed the database");
        if (body is not null)
        {
            using var admin = await SendRawAsync(fleet.Keys[Who.Admin], method, url);
            Assert.That((int)admin.StatusCode, Is.EqualTo(400).Or.EqualTo(422), $"{endpoint.Name} as admin: the body does not parse");
        }
    }

    private async Task<HttpResponseMessage> SendRawAsync(string? key, HttpMethod method, string url)
    {
        using var request = new HttpRequestMessage(method, url)
        {
            Content = new StringContent("{\"title\": ", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return await Client.SendAsync(request);
    }

    private static HttpStatusCode Expected(WriteEndpoint endpoint, Who who) => who switch
    {
        Who.NoKey or Who.Revoked or Who.Expired => HttpStatusCode.Unauthorized,
        Who.Admin => endpoint.Success,
        Who.OwnAgent when endpoint.AgentMayWrite => endpoint.Success,
        _ => HttpStatusCode.Forbidden,
    };
}

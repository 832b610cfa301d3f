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

    private static HttpStatusCode Expected(WriteEndpoint endpoint, Who who) => who switch
    {
        Who.NoKey or Who.Revoked or Who.Expired => HttpStatusCode.Unauthorized,
        Who.Admin => endpoint.Success,
        Who.OwnAgent when endpoint.AgentMayWrite => endpoint.Success,
        _ => HttpStatusCode.Forbidden,
    };
}

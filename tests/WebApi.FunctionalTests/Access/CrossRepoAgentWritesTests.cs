using System.Net;

namespace StateHub.WebApi.FunctionalTests.Access;

/// <summary>Generated writes by agent keys at other repos' resources (seeded, so a failure replays): every one refused, nothing changed.</summary>
public sealed class CrossRepoAgentWritesTests : AccessTestBase
{
    private const int Writes = 1000;

    [Test]
    public async Task AgentWrites_AtForeignRepos_AreAllRefusedAndChangeNothing()
    {
        string[] slugs = ["alpha", "beta", "gamma", "delta"];
        var fleet = await ArrangeFleetAsync(slugs);
        var agentEndpoints = WriteEndpoints.Where(e => e.AgentMayWrite).ToArray();
        var before = await SnapshotAsync();
        var random = new Random(20261130);

        for (var i = 0; i < Writes; i++)
        {
            var agent = slugs[random.Next(slugs.Length)];
            var foreign = slugs.Where(s => s != agent).ElementAt(random.Next(slugs.Length - 1));
            var endpoint = agentEndpoints[random.Next(agentEndpoints.Length)];
            var (method, url, body) = endpoint.Build(fleet.Repos[foreign], fleet);
            using var response = await SendAsync(fleet.AgentKeys[agent], method, url, body, useXApiKey: random.Next(2) == 0);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden),
                $"write {i}: agent of {agent} → {endpoint.Name} of {foreign}: {await response.Content.ReadAsStringAsync()}");
        }

        Assert.That(await SnapshotAsync(), Is.EqualTo(before));
    }
}

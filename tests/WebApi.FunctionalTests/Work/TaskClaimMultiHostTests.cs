using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;
using StateHub.WebApi.FunctionalTests.Infrastructure;

namespace StateHub.WebApi.FunctionalTests.Work;

/// <summary>
/// Claims across nodes: two in-memory hosts on one database (sharing the test clock), as two API
/// nodes behind a load balancer would be.
/// </summary>
public sealed class TaskClaimMultiHostTests : WorkFunctionalTestBase
{
    private WebApplicationFactory<Program> _nodeA = null!;
    private WebApplicationFactory<Program> _nodeB = null!;
    private HttpClient _clientA = null!;
    private HttpClient _clientB = null!;

    [OneTimeSetUp]
    public void StartNodes()
    {
        // Both nodes sweep every 200 ms; they share the fixture's clock and database.
        _nodeA = Factory.WithWebHostBuilder(b => b.UseSetting("Work:ClaimSweepSeconds", "0.2"));
        _nodeB = Factory.WithWebHostBuilder(b => b.UseSetting("Work:ClaimSweepSeconds", "0.2"));
        _clientA = _nodeA.CreateClient();
        _clientB = _nodeB.CreateClient();
    }

    [OneTimeTearDown]
    public async Task StopNodes()
    {
        _clientA.Dispose();
        _clientB.Dispose();
        await _nodeA.DisposeAsync();
        await _nodeB.DisposeAsync();
    }

    [Test]
    public async Task ClaimNext_TwentyConcurrentCallsThroughTwoNodes_TenDistinctClaimsAndTenNoContent([Range(1, 5)] int round)
    {
        await CreateDomainAsync();
        await RegisterRepoAsync("fleet");
        var workstream = await CreateWorkstreamAsync("fleet", "WP-1");
        for (var i = 1; i <= 10; i++)
            await CreateTaskAsync(workstream, $"T{i:D2}", priority: 1 + (i % 3));

        var calls = Enumerable.Range(0, 20)
            .Select(i => (i % 2 == 0 ? _clientA : _clientB).PostAsJsonAsync("/repos/fleet/claim-next", new { claimant = $"agent-{i}", ttl_seconds = 600 }))
            .ToList();
        var responses = await Task.WhenAll(calls);

        var claimed = new List<JsonNode>();
        foreach (var response in responses)
        {
            if (response.StatusCode == HttpStatusCode.OK)
                claimed.Add(await ReadJsonAsync(response));
            response.Dispose();
        }

        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.NoContent), Is.EqualTo(10), $"round {round}");
        Assert.That(claimed, Has.Count.EqualTo(10), $"round {round}");
        Assert.That(claimed.Select(c => Id(c)).Distinct().Count(), Is.EqualTo(10), "each task is claimed once");
        Assert.That(claimed.Select(c => c["claimed_by"]!.GetValue<string>()).Distinct().Count(), Is.EqualTo(10));
        var tasks = (await GetOkAsync($"/workstreams/{Id(workstream)}/tasks")).AsArray();
        Assert.That(tasks.All(t => t!["status"]!.GetValue<string>() == "in_progress" && t["claim_token"]!.GetValue<long>() == 1), Is.True, tasks.ToJsonString());
    }

    [Test]
    public async Task Sweep_LapsedClaimWithTwoNodesSweeping_ReturnsToTodoWithOneEventAndOneInboxMessage()
    {
        await CreateDomainAsync();
        await RegisterRepoAsync("fleet");
        var workstream = await CreateWorkstreamAsync("fleet", "WP-1");
        var task = await CreateTaskAsync(workstream, "T01");
        await SendOkAsync(HttpMethod.Post, $"/tasks/{Id(task)}/claim", new { claimant = "agent-gone/session-7", ttl_seconds = 5 });

        Factory.Clock.Advance(TimeSpan.FromSeconds(6));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await StoredStatusAsync(Id(task)) != "todo")
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the sweep did not return the task to todo");
            await Task.Delay(100);
        }

        // Give both nodes several more rounds to (wrongly) sweep again.
        await Task.Delay(1000);
        var events = (await GetOkAsync("/repos/fleet/events")).AsArray().Where(e => e!["kind"]!.GetValue<string>() == "task_claim_expired").ToList();
        Assert.That(events, Has.Count.EqualTo(1));
        Assert.That(events[0]!["summary"]!.GetValue<string>(), Does.Contain("agent-gone/session-7"));
        var inbox = (await GetOkAsync("/repos/fleet/inbox")).AsArray().Where(m => m!["kind"]!.GetValue<string>() == "task_claim_expired").ToList();
        Assert.That(inbox, Has.Count.EqualTo(1));
        Assert.That(inbox[0]!["subject"]!.GetValue<string>() + inbox[0]!["body"]!.GetValue<string>(), Does.Contain("agent-gone/session-7"));

        var read = await GetOkAsync($"/tasks/{Id(task)}");
        Assert.That(read["status"]!.GetValue<string>(), Is.EqualTo("todo"));
        Assert.That(read["claimed_by"], Is.Null);
    }

    private static async Task<string> StoredStatusAsync(string taskId)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT status FROM tasks WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", Guid.Parse(taskId));
        return (string)(await command.ExecuteScalarAsync())!;
    }
}

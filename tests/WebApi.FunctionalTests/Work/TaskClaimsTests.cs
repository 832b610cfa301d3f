using System.Net;
using System.Text.Json.Nodes;
using StateHub.WebApi.FunctionalTests.Infrastructure;

namespace StateHub.WebApi.FunctionalTests.Work;

/// <summary>Spec §13: claims with leases, fencing tokens and the Claim-Token header, over HTTP.</summary>
public sealed class TaskClaimsTests : WorkFunctionalTestBase
{
    private JsonNode _workstream = null!;

    [SetUp]
    public async Task ArrangeRepo()
    {
        await CreateDomainAsync();
        await RegisterRepoAsync("agents");
        _workstream = await CreateWorkstreamAsync("agents", "WP-1");
    }

    [Test]
    public async Task ClaimTask_TodoTask_IsInProgressWithHolderExpiryAndToken()
    {
        var task = await CreateTaskAsync(_workstream, "T01");
        Assert.That(task["ready"]!.GetValue<bool>(), Is.True);
        Assert.That(task["claimed_by"], Is.Null);

        var claimed = await SendOkAsync(HttpMethod.Post, $"/tasks/{Id(task)}/claim", new { claimant = "agent-a", ttl_seconds = 60 });

        Assert.That(claimed["status"]!.GetValue<string>(), Is.EqualTo("in_progress"));
        Assert.That(claimed["claimed_by"]!.GetValue<string>(), Is.EqualTo("agent-a"));
        Assert.That(claimed["claim_expires_at"]!.GetValue<DateTimeOffset>(), Is.EqualTo(Factory.Clock.GetUtcNow().AddSeconds(60)).Within(TimeSpan.FromMilliseconds(1)));
        Assert.That(claimed["claim_token"]!.GetValue<long>(), Is.EqualTo(1));
        Assert.That(claimed["ready"]!.GetValue<bool>(), Is.False);

        var read = await GetOkAsync($"/tasks/{Id(task)}");
        Assert.That(read["claimed_by"]!.GetValue<string>(), Is.EqualTo("agent-a"));
        var listed = (await GetOkAsync($"/workstreams/{Id(_workstream)}/tasks")).AsArray().Single()!;
        Assert.That(listed["claim_token"]!.GetValue<long>(), Is.EqualTo(1));
    }

    [Test]
    public async Task ClaimTask_DefaultTtl_Is900Seconds()
    {
        var task = await CreateTaskAsync(_workstream, "T01");
        var claimed = await SendOkAsync(HttpMethod.Post, $"/tasks/{Id(task)}/claim", new { claimant = "agent-a" });
        Assert.That(claimed["claim_expires_at"]!.GetValue<DateTimeOffset>(), Is.EqualTo(Factory.Clock.GetUtcNow().AddSeconds(900)).Within(TimeSpan.FromMilliseconds(1)));
    }

    [TestCase(4)]
    [TestCase(86401)]
    public async Task ClaimTask_TtlOutOfRange_Is422(int ttl)
    {
        var task = await CreateTaskAsync(_workstream, "T01");
        using var response = await PostJsonAsync(Client, $"/tasks/{Id(task)}/claim", new { claimant = "agent-a", ttl_seconds = ttl });
        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["errors"]!["ttl_seconds"], Is.Not.Null);
    }

    [Test]
    public async Task ClaimTask_SameClaimantAgain_RenewsWithTheSameToken()
    {
        var task = await CreateTaskAsync(_workstream, "T01");
        var first = await SendOkAsync(HttpMethod.Post, $"/tasks/{Id(task)}/claim", new { claimant = "agent-a", ttl_seconds = 60 });
        Factory.Clock.Advance(TimeSpan.FromSeconds(30));
        var again = await SendOkAsync(HttpMethod.Post, $"/tasks/{Id(task)}/claim", new { claimant = "agent-a", ttl_seconds = 60 });

        Assert.That(again["claim_token"]!.GetValue<long>(), Is.EqualTo(first["claim_token"]!.GetValue<long>()));
        Assert.That(again["claim_expires_at"]!.GetValue<DateTimeOffset>(), Is.EqualTo(Factory.Clock.GetUtcNow().AddSeconds(60)).Within(TimeSpan.FromMilliseconds(1)));
    }

    [Test]
    public async Task ClaimTask_HeldBySomeoneElse_Is409NamingHolderAndExpiry()
    {
        var task = await CreateTaskAsync(_workstream, "T01");
        var first = await SendOkAsync(HttpMethod.Post, $"/tasks/{Id(task)}/claim", new { claimant = "agent-a", ttl_seconds = 60 });

        using var response = await PostJsonAsync(Client, $"/tasks/{Id(task)}/claim", new { claimant = "agent-b" });
        var problem = await AssertProblemAsync(response, HttpStatusCode.Conflict);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("agent-a").And.Contain(first["claim_expires_at"]!.GetValue<DateTimeOffset>().ToString("yyyy-MM-ddTHH:mm:ss")));
    }

    [TestCase("done")]
    [TestCase("cancelled")]
    [TestCase("blocked")]
    public async Task ClaimTask_NotTodo_Is409(string status)
    {
        var task = await CreateTaskAsync(_workstream, "T01", status: status);
        using var response = await PostJsonAsync(Client, $"/tasks/{Id(task)}/claim", new { claimant = "agent-a" });
        await AssertProblemAsync(response, HttpStatusCode.Conflict);
    }

    [Test]
    public async Task ClaimTask_InProgressWithNoClaimAtAll_Is409AndStaysUnclaimed()
    {
        // Spec: "a todo (or already in_progress and expired) task"; an in_progress task that was
        // never claimed (status set by PATCH) is not expired: someone works on it without a lease.
        var task = await CreateTaskAsync(_workstream, "T01", status: "in_progress");

        using var response = await PostJsonAsync(Client, $"/tasks/{Id(task)}/claim", new { claimant = "agent-a" });

        var problem = await AssertProblemAsync(response, HttpStatusCode.Conflict);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("in_progress"));
        var read = await GetOkAsync($"/tasks/{Id(task)}");
        Assert.That(read["claimed_by"], Is.Null);
        Assert.That(read["claim_token"]?.GetValue<long>() ?? 0, Is.EqualTo(0), "no claim was ever granted");
    }

    [Test]
    public async Task ClaimTask_UnknownTask_Is404()
    {
        using var response = await PostJsonAsync(Client, $"/tasks/{Guid.NewGuid()}/claim", new { claimant = "agent-a" });
        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task ClaimTask_ExpiredClaim_IsFreeAtOnceAndTheTokenGrows()
    {
        var task = await CreateTaskAsync(_workstream, "T01");
        var first = await SendOkAsync(HttpMethod.Post, $"/tasks/{Id(task)}/claim", new { claimant = "agent-a", ttl_seconds = 60 });
        Factory.Clock.Advance(TimeSpan.FromSeconds(61));

        var read = await GetOkAsync($"/tasks/{Id(task)}");
        Assert.That(read["status"]!.GetValue<string>(), Is.EqualTo("todo"), "an expired claim is free at once for reads");
        Assert.That(read["claimed_by"], Is.Null);
        Assert.That(read["ready"]!.GetValue<bool>(), Is.True);

        var second = await SendOkAsync(HttpMethod.Post, $"/tasks/{Id(task)}/claim", new { claimant = "agent-b", ttl_seconds = 60 });
        Assert.That(second["claimed_by"]!.GetValue<string>(), Is.EqualTo("agent-b"));
        Assert.That(second["claim_token"]!.GetValue<long>(), Is.GreaterThan(first["claim_token"]!.GetValue<long>()));
    }

    /// <summary>
    /// §13: the repo hears of every lapsed claim, naming the previous holder, also when someone else
    /// claims or moves the task before the sweep comes by (the sweep then has nothing to return).
    /// </summary>
    [TestCase("claim")]
    [TestCase("claim-next")]
    [TestCase("patch")]
    public async Task LapsedClaim_TakenOverBeforeTheSweep_TheRepoHearsOfItOnce(string how)
    {
        var task = await CreateTaskAsync(_workstream, "T01");
        await SendOkAsync(HttpMethod.Post, $"/tasks/{Id(task)}/claim", new { claimant = "agent-a", ttl_seconds = 30 });
        Factory.Clock.Advance(TimeSpan.FromSeconds(31));

        _ = how switch
        {
            "claim" => await SendOkAsync(HttpMethod.Post, $"/tasks/{Id(task)}/claim", new { claimant = "agent-b", ttl_seconds = 300 }),
            "claim-next" => await SendOkAsync(HttpMethod.Post, "/repos/agents/claim-next", new { claimant = "agent-b", ttl_seconds = 300 }),
            _ => await SendOkAsync(HttpMethod.Patch, $"/tasks/{Id(task)}", new { status = "done" }),
        };

        var events = (await GetOkAsync("/repos/agents/events")).AsArray().Where(e => e!["kind"]!.GetValue<string>() == "task_claim_expired").ToList();
        Assert.That(events, Has.Count.EqualTo(1));
        Assert.That(events[0]!["data"]!["previous_holder"]!.GetValue<string>(), Is.EqualTo("agent-a"));
        Assert.That(events[0]!["summary"]!.GetValue<string>(), Does.Contain(how == "patch" ? "the task is done now" : "now claimed by 'agent-b'"));
        var messages = (await GetOkAsync("/repos/agents/inbox")).AsArray().Where(m => m!["kind"]!.GetValue<string>() == "task_claim_expired").ToList();
        Assert.That(messages, Has.Count.EqualTo(1));
        Assert.That(messages[0]!["subject"]!.GetValue<string>(), Does.Contain("'agent-a'"));
    }

    /// <summary>
    /// The holder itself claiming again after its claim lapsed gets a new token (work under the old
    /// one is fenced off), so the lapse is announced as the sweep would have: whichever comes first,
    /// the repo hears of it once.
    /// </summary>
    [Test]
    public async Task LapsedClaim_ClaimedAgainByTheSameHolder_IsAnnouncedOnce_AsTheSweepWouldHave()
    {
        var task = await CreateTaskAsync(_workstream, "T01");
        var first = await SendOkAsync(HttpMethod.Post, $"/tasks/{Id(task)}/claim", new { claimant = "agent-a", ttl_seconds = 30 });
        Factory.Clock.Advance(TimeSpan.FromSeconds(31));
        var again = await SendOkAsync(HttpMethod.Post, $"/tasks/{Id(task)}/claim", new { claimant = "agent-a", ttl_seconds = 30 });
        await SendOkAsync(HttpMethod.Post, $"/tasks/{Id(task)}/claim", new { claimant = "agent-a", ttl_seconds = 30 });

        Assert.That(again["claim_token"]!.GetValue<long>(), Is.GreaterThan(first["claim_token"]!.GetValue<long>()));
        var events = (await GetOkAsync("/repos/agents/events")).AsArray().Where(e => e!["kind"]!.GetValue<string>() == "task_claim_expired").ToList();
        Assert.That(events, Has.Count.EqualTo(1), "the renewal within the new claim is no news");
        Assert.That(events[0]!["data"]!["previous_holder"]!.GetValue<string>(), Is.EqualTo("agent-a"));
        var messages = (await GetOkAsync("/repos/agents/inbox")).AsArray().Where(m => m!["kind"]!.GetValue<string>() == "task_claim_expired");
        Assert.That(messages.Count(), Is.EqualTo(1));
    }

    [Test]
    public async Task PatchStatus_LapsedHolderWithOldToken_Is409AndTheNewHoldersWorkStands()
    {
        var task = await CreateTaskAsync(_workstream, "T01");
        var a = await SendOkAsync(HttpMethod.Post, $"/tasks/{Id(task)}/claim", new { claimant = "agent-a", ttl_seconds = 30 });
        Factory.Clock.Advance(TimeSpan.FromSeconds(31));
        var b = await SendOkAsync(HttpMethod.Post, $"/tasks/{Id(task)}/claim", new { claimant = "agent-b", ttl_seconds = 300 });

        using (var stale = await PatchWithTokenAsync(Id(task), new { status = "done" }, a["claim_token"]!.GetValue<long>()))
            Assert.That((await AssertProblemAsync(stale, HttpStatusCode.Conflict))["detail"]!.GetValue<string>(), Does.Contain("agent-b"));
        using (var renew = await PostJsonAsync(Client, $"/tasks/{Id(task)}/renew", new { claim_token = a["claim_token"]!.GetValue<long>(), ttl_seconds = 60 }))
            await AssertProblemAsync(renew, HttpStatusCode.Conflict);
        using (var release = await PostJsonAsync(Client, $"/tasks/{Id(task)}/release", new { claim_token = a["claim_token"]!.GetValue<long>(), status = "done" }))
            await AssertProblemAsync(release, HttpStatusCode.Conflict);

        var read = await GetOkAsync($"/tasks/{Id(task)}");
        Assert.That(read["status"]!.GetValue<string>(), Is.EqualTo("in_progress"));
        Assert.That(read["claimed_by"]!.GetValue<string>(), Is.EqualTo("agent-b"));

        using var ok = await PatchWithTokenAsync(Id(task), new { status = "done" }, b["claim_token"]!.GetValue<long>());
        var done = await ReadJsonAsync(ok);
        Assert.That(ok.StatusCode, Is.EqualTo(HttpStatusCode.OK), done.ToJsonString());
        Assert.That(done["status"]!.GetValue<string>(), Is.EqualTo("done"));
        Assert.That(done["claimed_by"], Is.Null);
    }

    [Test]
    public async Task PatchStatus_ClaimedTaskWithoutToken_Is409_OtherFieldsNeedNoToken()
    {
        var task = await CreateTaskAsync(_workstream, "T01");
        await SendOkAsync(HttpMethod.Post, $"/tasks/{Id(task)}/claim", new { claimant = "agent-a" });

        using (var response = await PatchAsync(Client, $"/tasks/{Id(task)}", new { status = "done" }))
            Assert.That((await AssertProblemAsync(response, HttpStatusCode.Conflict))["detail"]!.GetValue<string>(), Does.Contain("Claim-Token"));

        var retitled = await SendOkAsync(HttpMethod.Patch, $"/tasks/{Id(task)}", new { title = "Renamed" });
        Assert.That(retitled["title"]!.GetValue<string>(), Is.EqualTo("Renamed"));
        Assert.That(retitled["status"]!.GetValue<string>(), Is.EqualTo("in_progress"));
    }

    [Test]
    public async Task RenewAndRelease_CurrentToken_ExtendThenFreeTheTask()
    {
        var task = await CreateTaskAsync(_workstream, "T01");
        var claimed = await SendOkAsync(HttpMethod.Post, $"/tasks/{Id(task)}/claim", new { claimant = "agent-a", ttl_seconds = 60 });
        var token = claimed["claim_token"]!.GetValue<long>();
        Factory.Clock.Advance(TimeSpan.FromSeconds(50));

        var renewed = await SendOkAsync(HttpMethod.Post, $"/tasks/{Id(task)}/renew", new { claim_token = token, ttl_seconds = 120 });
        Assert.That(renewed["claim_expires_at"]!.GetValue<DateTimeOffset>(), Is.EqualTo(Factory.Clock.GetUtcNow().AddSeconds(120)).Within(TimeSpan.FromMilliseconds(1)));
        Assert.That(renewed["claim_token"]!.GetValue<long>(), Is.EqualTo(token));

        var released = await SendOkAsync(HttpMethod.Post, $"/tasks/{Id(task)}/release", new { claim_token = token });
        Assert.That(released["status"]!.GetValue<string>(), Is.EqualTo("todo"));
        Assert.That(released["claimed_by"], Is.Null);
        Assert.That(released["ready"]!.GetValue<bool>(), Is.True);

        using var again = await PostJsonAsync(Client, $"/tasks/{Id(task)}/release", new { claim_token = token });
        await AssertProblemAsync(again, HttpStatusCode.Conflict);
    }

    [Test]
    public async Task Release_InProgressStatus_Is422()
    {
        var task = await CreateTaskAsync(_workstream, "T01");
        var claimed = await SendOkAsync(HttpMethod.Post, $"/tasks/{Id(task)}/claim", new { claimant = "agent-a" });
        using var response = await PostJsonAsync(Client, $"/tasks/{Id(task)}/release", new { claim_token = claimed["claim_token"]!.GetValue<long>(), status = "in_progress" });
        await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
    }

    [Test]
    public async Task ClaimNext_TakesTheMostUrgentReadyTask_Then204()
    {
        await CreateTaskAsync(_workstream, "T-LOW", priority: 4);
        await CreateTaskAsync(_workstream, "T-URGENT-OLD", priority: 1);
        await CreateTaskAsync(_workstream, "T-URGENT-NEW", priority: 1);
        await CreateTaskAsync(_workstream, "T-DONE", priority: 1, status: "done");
        var paused = await CreateWorkstreamAsync("agents", "WP-PAUSED", status: "paused");
        await CreateTaskAsync(paused, "T-PAUSED", priority: 1);

        var dispatch = await GetOkAsync("/repos/agents/dispatch");
        Assert.That(dispatch["next_task"]!["key"]!.GetValue<string>(), Is.EqualTo("T-URGENT-OLD"));

        var keys = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var claimed = await SendOkAsync(HttpMethod.Post, "/repos/agents/claim-next", new { claimant = $"agent-{i}", ttl_seconds = 60 });
            Assert.That(claimed["claimed_by"]!.GetValue<string>(), Is.EqualTo($"agent-{i}"));
            keys.Add(claimed["key"]!.GetValue<string>());
        }

        Assert.That(keys, Is.EqualTo(new[] { "T-URGENT-OLD", "T-URGENT-NEW", "T-LOW" }));
        using var none = await PostJsonAsync(Client, "/repos/agents/claim-next", new { claimant = "agent-x" });
        Assert.That(none.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await GetOkAsync("/repos/agents/dispatch"))["next_task"], Is.Null);
    }

    [Test]
    public async Task ClaimNext_UnknownRepo_Is404()
    {
        using var response = await PostJsonAsync(Client, "/repos/nope/claim-next", new { claimant = "agent-a" });
        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task ClaimTask_TwentyConcurrentClaimantsBehindARowLockBarrier_OneWins()
    {
        var task = await CreateTaskAsync(_workstream, "T01");

        // The test holds the task's row so that all twenty requests are inside their transactions,
        // waiting, before any of them decides: without the claim's row lock each would have read
        // "todo" already and all twenty would succeed.
        await using var barrier = await RowLockBarrier.HoldRowAsync("tasks", Guid.Parse(Id(task)));
        var requests = Enumerable.Range(0, 20)
            .Select(i => PostJsonAsync(Client, $"/tasks/{Id(task)}/claim", new { claimant = $"agent-{i}", ttl_seconds = 60 }))
            .ToList();
        await barrier.WaitForWaitersAsync(20);
        await barrier.ReleaseAsync();

        var responses = await Task.WhenAll(requests);
        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.OK), Is.EqualTo(1));
        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.Conflict), Is.EqualTo(19));
        foreach (var response in responses)
            response.Dispose();
        var read = await GetOkAsync($"/tasks/{Id(task)}");
        Assert.That(read["claim_token"]!.GetValue<long>(), Is.EqualTo(1));
    }

    private async Task<HttpResponseMessage> PatchWithTokenAsync(string taskId, object body, long token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/tasks/{taskId}") { Content = Json(body) };
        request.Headers.Add("Claim-Token", token.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return await Client.SendAsync(request);
    }
}

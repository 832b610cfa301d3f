using System.Net;

namespace StateHub.WebApi.FunctionalTests.Work;

public sealed class WorkstreamsEndpointsTests : WorkFunctionalTestBase
{
    [SetUp]
    public async Task CreateRepo()
    {
        await CreateDomainAsync();
        await RegisterRepoAsync("app");
    }

    [Test]
    public async Task CreateWorkstream_ValidBody_Returns201WithDefaults()
    {
        var response = await Client.PostAsync("/repos/app/workstreams", Json(new { key = "CUST-WP-0033", title = "Interface Change Registry" }));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var workstream = await ReadJsonAsync(response);
        Assert.That(response.Headers.Location?.ToString(), Does.EndWith($"/workstreams/{Id(workstream)}"));
        Assert.That(workstream["repo_slug"]!.GetValue<string>(), Is.EqualTo("app"));
        Assert.That(workstream["key"]!.GetValue<string>(), Is.EqualTo("CUST-WP-0033"));
        Assert.That(workstream["title"]!.GetValue<string>(), Is.EqualTo("Interface Change Registry"));
        Assert.That(workstream["status"]!.GetValue<string>(), Is.EqualTo("active"));
        Assert.That(workstream["source_path"], Is.Null);
    }

    [Test]
    public async Task CreateWorkstream_WithStatusAndSourcePath_KeepsThem()
    {
        var workstream = await PostCreatedAsync("/repos/app/workstreams/", new { key = "WP-1", title = "One", status = "paused", source_path = "workplans/wp-1.md" });

        Assert.That(workstream["status"]!.GetValue<string>(), Is.EqualTo("paused"));
        Assert.That(workstream["source_path"]!.GetValue<string>(), Is.EqualTo("workplans/wp-1.md"));
    }

    [Test]
    public async Task CreateWorkstream_DuplicateKeyInRepo_Returns409()
    {
        await CreateWorkstreamAsync("app", "WP-1");

        var response = await Client.PostAsync("/repos/app/workstreams", Json(new { key = "WP-1", title = "Again" }));

        var problem = await AssertProblemAsync(response, HttpStatusCode.Conflict);
        Assert.That(problem["detail"]!.GetValue<string>(), Is.EqualTo("Repo 'app' already has a workstream with key 'WP-1'"));
    }

    [Test]
    public async Task CreateWorkstream_ConcurrentCreatesOfOneKey_OneWinsOthersGet409()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            Client.PostAsync("/repos/app/workstreams", Json(new { key = "WP-RACE", title = "Race" }))));

        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.Created), Is.EqualTo(1));
        foreach (var response in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
            await AssertProblemAsync(response, HttpStatusCode.Conflict);
        Assert.That(Values(await GetOkAsync("/repos/app/workstreams"), "key"), Is.EqualTo(new[] { "WP-RACE" }));
    }

    [Test]
    public async Task CreateWorkstream_SameKeyInAnotherRepo_Returns201()
    {
        await RegisterRepoAsync("other");
        await CreateWorkstreamAsync("other", "WP-1");

        var workstream = await CreateWorkstreamAsync("app", "WP-1");

        Assert.That(workstream["repo_slug"]!.GetValue<string>(), Is.EqualTo("app"));
    }

    [Test]
    public async Task CreateWorkstream_UnknownRepo_Returns404() =>
        await AssertProblemAsync(await Client.PostAsync("/repos/nope/workstreams", Json(new { key = "WP-1", title = "X" })), HttpStatusCode.NotFound);

    [Test]
    public async Task CreateWorkstream_MissingKey_Returns422()
    {
        var response = await Client.PostAsync("/repos/app/workstreams", Json(new { title = "X" }));

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["errors"]!["key"], Is.Not.Null);
    }

    [Test]
    public async Task CreateWorkstream_UnknownStatus_Returns422()
    {
        var response = await Client.PostAsync("/repos/app/workstreams", Json(new { key = "WP-1", title = "X", status = "sleeping" }));

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("active, paused, done, archived"));
    }

    [Test]
    public async Task CreateWorkstream_MalformedJson_Returns400() =>
        await AssertProblemAsync(await Client.PostAsync("/repos/app/workstreams", RawJson("{\"key\": ")), HttpStatusCode.BadRequest);

    [Test]
    public async Task ListWorkstreams_OrdersByCreation()
    {
        await CreateWorkstreamAsync("app", "WP-B");
        await CreateWorkstreamAsync("app", "WP-A", status: "done");
        await CreateWorkstreamAsync("app", "WP-C");

        var list = await GetOkAsync("/repos/app/workstreams");

        Assert.That(Values(list, "key"), Is.EqualTo(new[] { "WP-B", "WP-A", "WP-C" }));
    }

    [Test]
    public async Task ListWorkstreams_UnknownRepo_Returns404() =>
        await AssertProblemAsync(await Client.GetAsync("/repos/nope/workstreams"), HttpStatusCode.NotFound);

    [Test]
    public async Task GetWorkstream_Existing_Returns200()
    {
        var created = await CreateWorkstreamAsync("app", "WP-1", "One");

        var workstream = await GetOkAsync($"/workstreams/{Id(created)}");

        Assert.That(workstream["key"]!.GetValue<string>(), Is.EqualTo("WP-1"));
        Assert.That(workstream["repo_slug"]!.GetValue<string>(), Is.EqualTo("app"));
    }

    [Test]
    public async Task GetWorkstream_Unknown_Returns404()
    {
        var id = Guid.NewGuid();

        var problem = await AssertProblemAsync(await Client.GetAsync($"/workstreams/{id}"), HttpStatusCode.NotFound);

        Assert.That(problem["detail"]!.GetValue<string>(), Is.EqualTo($"Workstream '{id}' not found"));
    }

    [Test]
    public async Task GetWorkstream_IdNotUuid_Returns422() =>
        await AssertProblemAsync(await Client.GetAsync("/workstreams/WP-1"), HttpStatusCode.UnprocessableEntity);

    [Test]
    public async Task UpdateWorkstream_StatusOnly_ChangesOnlyStatus()
    {
        var created = await PostCreatedAsync("/repos/app/workstreams", new { key = "WP-1", title = "One", source_path = "workplans/wp-1.md" });
        Tick();

        var workstream = await SendOkAsync(HttpMethod.Patch, $"/workstreams/{Id(created)}", new { status = "paused" });

        Assert.That(workstream["status"]!.GetValue<string>(), Is.EqualTo("paused"));
        Assert.That(workstream["title"]!.GetValue<string>(), Is.EqualTo("One"));
        Assert.That(workstream["key"]!.GetValue<string>(), Is.EqualTo("WP-1"));
        Assert.That(workstream["source_path"]!.GetValue<string>(), Is.EqualTo("workplans/wp-1.md"));
        Assert.That(workstream["updated_at"]!.GetValue<DateTimeOffset>(), Is.GreaterThan(workstream["created_at"]!.GetValue<DateTimeOffset>()));
        var reread = await GetOkAsync($"/workstreams/{Id(created)}");
        Assert.That(reread["status"]!.GetValue<string>(), Is.EqualTo("paused"));
    }

    [Test]
    public async Task UpdateWorkstream_TitleKeyAndNullSourcePath_ChangeAll()
    {
        var created = await PostCreatedAsync("/repos/app/workstreams", new { key = "WP-1", title = "One", source_path = "workplans/wp-1.md" });

        var workstream = await SendOkAsync(HttpMethod.Patch, $"/workstreams/{Id(created)}", new { key = "WP-2", title = "Two", source_path = (string?)null });

        Assert.That(workstream["key"]!.GetValue<string>(), Is.EqualTo("WP-2"));
        Assert.That(workstream["title"]!.GetValue<string>(), Is.EqualTo("Two"));
        Assert.That(workstream["source_path"], Is.Null);
    }

    [Test]
    public async Task UpdateWorkstream_KeyTakenInRepo_Returns409()
    {
        await CreateWorkstreamAsync("app", "WP-1");
        var second = await CreateWorkstreamAsync("app", "WP-2");

        var response = await PatchAsync(Client, $"/workstreams/{Id(second)}", new { key = "WP-1" });

        await AssertProblemAsync(response, HttpStatusCode.Conflict);
        var reread = await GetOkAsync($"/workstreams/{Id(second)}");
        Assert.That(reread["key"]!.GetValue<string>(), Is.EqualTo("WP-2"));
    }

    [Test]
    public async Task UpdateWorkstream_UnknownStatus_Returns422()
    {
        var created = await CreateWorkstreamAsync("app", "WP-1");

        var response = await PatchAsync(Client, $"/workstreams/{Id(created)}", new { status = "finished" });

        await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
    }

    [Test]
    public async Task UpdateWorkstream_NullStatus_Returns422()
    {
        var created = await CreateWorkstreamAsync("app", "WP-1");

        var response = await PatchAsync(Client, $"/workstreams/{Id(created)}", new { status = (string?)null });

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["errors"]!["status"], Is.Not.Null);
    }

    [Test]
    public async Task UpdateWorkstream_Unknown_Returns404() =>
        await AssertProblemAsync(await PatchAsync(Client, $"/workstreams/{Guid.NewGuid()}", new { status = "paused" }), HttpStatusCode.NotFound);
}

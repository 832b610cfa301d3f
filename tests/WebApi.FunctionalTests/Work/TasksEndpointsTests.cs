using System.Net;
using System.Text.Json.Nodes;

namespace StateHub.WebApi.FunctionalTests.Work;

public sealed class TasksEndpointsTests : WorkFunctionalTestBase
{
    private JsonNode _workstream = null!;

    [SetUp]
    public async Task CreateWorkstream()
    {
        await CreateDomainAsync();
        await RegisterRepoAsync("app");
        _workstream = await CreateWorkstreamAsync("app", "WP-1");
    }

    private string TasksUrl => $"/workstreams/{Id(_workstream)}/tasks";

    [Test]
    public async Task CreateTask_KeyAndTitleOnly_Returns201WithDefaults()
    {
        var response = await Client.PostAsync(TasksUrl, Json(new { key = "T01", title = "interface_changes table" }));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var task = await ReadJsonAsync(response);
        Assert.That(response.Headers.Location?.ToString(), Does.EndWith($"/tasks/{Id(task)}"));
        Assert.That(task["workstream_id"]!.GetValue<string>(), Is.EqualTo(Id(_workstream)));
        Assert.That(task["key"]!.GetValue<string>(), Is.EqualTo("T01"));
        Assert.That(task["priority"]!.GetValue<int>(), Is.EqualTo(3));
        Assert.That(task["status"]!.GetValue<string>(), Is.EqualTo("todo"));
        Assert.That(task["needs_human"]!.GetValue<bool>(), Is.False);
    }

    [Test]
    public async Task CreateTask_AllFields_KeepsThem()
    {
        var task = await PostCreatedAsync(TasksUrl, new { key = "T02", title = "Decide", priority = 1, status = "in_progress", needs_human = true });

        Assert.That(task["priority"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(task["status"]!.GetValue<string>(), Is.EqualTo("in_progress"));
        Assert.That(task["needs_human"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public async Task CreateTask_DuplicateKeyInWorkstream_Returns409()
    {
        await CreateTaskAsync(_workstream, "T01");

        var response = await Client.PostAsync(TasksUrl, Json(new { key = "T01", title = "Again" }));

        var problem = await AssertProblemAsync(response, HttpStatusCode.Conflict);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("'T01'"));
    }

    [Test]
    public async Task CreateTask_ConcurrentCreatesOfOneKey_OneWinsOthersGet409()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            Client.PostAsync(TasksUrl, Json(new { key = "T-RACE", title = "Race" }))));

        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.Created), Is.EqualTo(1));
        foreach (var response in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
            await AssertProblemAsync(response, HttpStatusCode.Conflict);
    }

    [Test]
    public async Task CreateTask_SameKeyInAnotherWorkstream_Returns201()
    {
        var other = await CreateWorkstreamAsync("app", "WP-2");
        await CreateTaskAsync(other, "T01");

        var task = await CreateTaskAsync(_workstream, "T01");

        Assert.That(task["workstream_id"]!.GetValue<string>(), Is.EqualTo(Id(_workstream)));
    }

    [Test]
    public async Task CreateTask_UnknownWorkstream_Returns404()
    {
        var id = Guid.NewGuid();

        var response = await Client.PostAsync($"/workstreams/{id}/tasks", Json(new { key = "T01", title = "X" }));

        var problem = await AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.That(problem["detail"]!.GetValue<string>(), Is.EqualTo($"Workstream '{id}' not found"));
    }

    [TestCase(0)]
    [TestCase(-1)]
    [TestCase(1001)]
    public async Task CreateTask_PriorityOutOfRange_Returns422(int priority)
    {
        var response = await Client.PostAsync(TasksUrl, Json(new { key = "T01", title = "X", priority }));

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["errors"]!["priority"], Is.Not.Null);
    }

    [Test]
    public async Task CreateTask_UnknownStatus_Returns422()
    {
        var response = await Client.PostAsync(TasksUrl, Json(new { key = "T01", title = "X", status = "waiting" }));

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("todo, in_progress, blocked, done, cancelled"));
    }

    [Test]
    public async Task CreateTask_MissingTitle_Returns422()
    {
        var response = await Client.PostAsync(TasksUrl, Json(new { key = "T01" }));

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["errors"]!["title"], Is.Not.Null);
    }

    [Test]
    public async Task ListTasks_OrdersByPriorityThenCreation()
    {
        await CreateTaskAsync(_workstream, "T01", priority: 3);
        await CreateTaskAsync(_workstream, "T02", priority: 1);
        await CreateTaskAsync(_workstream, "T03", priority: 3, status: "done");
        await CreateTaskAsync(_workstream, "T04", priority: 1);

        var tasks = await GetOkAsync(TasksUrl + "/");

        Assert.That(Values(tasks, "key"), Is.EqualTo(new[] { "T02", "T04", "T01", "T03" }));
    }

    [Test]
    public async Task ListTasks_UnknownWorkstream_Returns404() =>
        await AssertProblemAsync(await Client.GetAsync($"/workstreams/{Guid.NewGuid()}/tasks"), HttpStatusCode.NotFound);

    [Test]
    public async Task GetTask_Existing_Returns200()
    {
        var created = await CreateTaskAsync(_workstream, "T01", title: "First");

        var task = await GetOkAsync($"/tasks/{Id(created)}");

        Assert.That(task["title"]!.GetValue<string>(), Is.EqualTo("First"));
    }

    [Test]
    public async Task GetTask_Unknown_Returns404() =>
        await AssertProblemAsync(await Client.GetAsync($"/tasks/{Guid.NewGuid()}"), HttpStatusCode.NotFound);

    [Test]
    public async Task UpdateTask_StatusOnly_ChangesOnlyStatus()
    {
        var created = await CreateTaskAsync(_workstream, "T01", priority: 2, needsHuman: true, title: "First");
        Tick();

        var task = await SendOkAsync(HttpMethod.Patch, $"/tasks/{Id(created)}", new { status = "done" });

        Assert.That(task["status"]!.GetValue<string>(), Is.EqualTo("done"));
        Assert.That(task["priority"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(task["needs_human"]!.GetValue<bool>(), Is.True);
        Assert.That(task["title"]!.GetValue<string>(), Is.EqualTo("First"));
        Assert.That(task["updated_at"]!.GetValue<DateTimeOffset>(), Is.GreaterThan(task["created_at"]!.GetValue<DateTimeOffset>()));
        var reread = await GetOkAsync($"/tasks/{Id(created)}");
        Assert.That(reread["status"]!.GetValue<string>(), Is.EqualTo("done"));
    }

    [Test]
    public async Task UpdateTask_NeedsHumanPriorityTitleAndKey_ChangeAll()
    {
        var created = await CreateTaskAsync(_workstream, "T01");

        var task = await SendOkAsync(HttpMethod.Patch, $"/tasks/{Id(created)}/", new { needs_human = true, priority = 1, title = "Renamed", key = "T09" });

        Assert.That(task["needs_human"]!.GetValue<bool>(), Is.True);
        Assert.That(task["priority"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(task["title"]!.GetValue<string>(), Is.EqualTo("Renamed"));
        Assert.That(task["key"]!.GetValue<string>(), Is.EqualTo("T09"));
    }

    [Test]
    public async Task UpdateTask_KeyTakenInWorkstream_Returns409()
    {
        await CreateTaskAsync(_workstream, "T01");
        var second = await CreateTaskAsync(_workstream, "T02");

        var response = await PatchAsync(Client, $"/tasks/{Id(second)}", new { key = "T01" });

        await AssertProblemAsync(response, HttpStatusCode.Conflict);
    }

    [Test]
    public async Task UpdateTask_UnknownStatus_Returns422()
    {
        var created = await CreateTaskAsync(_workstream, "T01");

        var response = await PatchAsync(Client, $"/tasks/{Id(created)}", new { status = "finished" });

        await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
    }

    [Test]
    public async Task UpdateTask_NullNeedsHuman_Returns422()
    {
        var created = await CreateTaskAsync(_workstream, "T01");

        var response = await PatchAsync(Client, $"/tasks/{Id(created)}", new { needs_human = (bool?)null });

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["errors"]!["needs_human"], Is.Not.Null);
    }

    [Test]
    public async Task UpdateTask_Unknown_Returns404()
    {
        var id = Guid.NewGuid();

        var problem = await AssertProblemAsync(await PatchAsync(Client, $"/tasks/{id}", new { status = "done" }), HttpStatusCode.NotFound);

        Assert.That(problem["detail"]!.GetValue<string>(), Is.EqualTo($"Task '{id}' not found"));
    }
}

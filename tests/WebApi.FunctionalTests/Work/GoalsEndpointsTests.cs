using System.Net;

namespace StateHub.WebApi.FunctionalTests.Work;

public sealed class GoalsEndpointsTests : WorkFunctionalTestBase
{
    [SetUp]
    public async Task CreateRepo()
    {
        await CreateDomainAsync();
        await RegisterRepoAsync("app");
    }

    [Test]
    public async Task CreateGoal_ValidBody_Returns201WithWireFields()
    {
        var response = await Client.PostAsync("/repos/app/goals", Json(new { title = "Ship v1", description = "First release", priority = 2 }));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var goal = await ReadJsonAsync(response);
        Assert.That(response.Headers.Location?.ToString(), Does.EndWith($"/goals/{Id(goal)}"));
        Assert.That(goal["repo_slug"]!.GetValue<string>(), Is.EqualTo("app"));
        Assert.That(goal["title"]!.GetValue<string>(), Is.EqualTo("Ship v1"));
        Assert.That(goal["description"]!.GetValue<string>(), Is.EqualTo("First release"));
        Assert.That(goal["priority"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(goal["status"]!.GetValue<string>(), Is.EqualTo("active"));
        Assert.That(goal["created_at"]!.GetValue<string>(), Does.EndWith("+00:00"));
    }

    [Test]
    public async Task CreateGoal_NoPriority_DefaultsToThree()
    {
        var goal = await PostCreatedAsync("/repos/app/goals", new { title = "Tidy up" });

        Assert.That(goal["priority"]!.GetValue<int>(), Is.EqualTo(3));
    }

    [Test]
    public async Task CreateGoal_UnknownRepo_Returns404()
    {
        var response = await Client.PostAsync("/repos/nope/goals", Json(new { title = "X", priority = 1 }));

        var problem = await AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.That(problem["detail"]!.GetValue<string>(), Is.EqualTo("Repo 'nope' not found"));
    }

    [Test]
    public async Task CreateGoal_MissingTitle_Returns422()
    {
        var response = await Client.PostAsync("/repos/app/goals", Json(new { priority = 1 }));

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["errors"]!["title"], Is.Not.Null);
    }

    [TestCase(0)]
    [TestCase(1001)]
    public async Task CreateGoal_PriorityOutOfRange_Returns422(int priority)
    {
        var response = await Client.PostAsync("/repos/app/goals", Json(new { title = "X", priority }));

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["errors"]!["priority"], Is.Not.Null);
    }

    [Test]
    public async Task CreateGoal_UnknownStatus_Returns422()
    {
        var response = await Client.PostAsync("/repos/app/goals", Json(new { title = "X", status = "dreaming" }));

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("active, achieved, abandoned"));
    }

    [Test]
    public async Task ListGoals_OrdersByPriorityThenCreation()
    {
        await CreateGoalAsync("app", "low", 5);
        await CreateGoalAsync("app", "urgent-older", 1);
        await CreateGoalAsync("app", "urgent-newer", 1);
        await CreateGoalAsync("app", "middle", 2, status: "achieved");

        var goals = await GetOkAsync("/repos/app/goals/");

        Assert.That(Values(goals, "title"), Is.EqualTo(new[] { "urgent-older", "urgent-newer", "middle", "low" }));
    }

    [Test]
    public async Task ListGoals_OtherReposGoals_AreNotListed()
    {
        await RegisterRepoAsync("other");
        await CreateGoalAsync("other", "theirs", 1);

        var goals = await GetOkAsync("/repos/app/goals");

        Assert.That(goals.AsArray(), Is.Empty);
    }

    [Test]
    public async Task ListGoals_UnknownRepo_Returns404() =>
        await AssertProblemAsync(await Client.GetAsync("/repos/nope/goals"), HttpStatusCode.NotFound);

    [Test]
    public async Task GetGoal_Existing_Returns200()
    {
        var created = await CreateGoalAsync("app", "Ship", 1);

        var goal = await GetOkAsync($"/goals/{Id(created)}");

        Assert.That(goal["title"]!.GetValue<string>(), Is.EqualTo("Ship"));
        Assert.That(goal["repo_slug"]!.GetValue<string>(), Is.EqualTo("app"));
    }

    [Test]
    public async Task GetGoal_Unknown_Returns404() =>
        await AssertProblemAsync(await Client.GetAsync($"/goals/{Guid.NewGuid()}"), HttpStatusCode.NotFound);

    [Test]
    public async Task UpdateGoal_StatusOnly_ChangesOnlyStatus()
    {
        var created = await CreateGoalAsync("app", "Ship", 2, description: "keep me");
        Tick();

        var goal = await SendOkAsync(HttpMethod.Patch, $"/goals/{Id(created)}", new { status = "achieved" });

        Assert.That(goal["status"]!.GetValue<string>(), Is.EqualTo("achieved"));
        Assert.That(goal["title"]!.GetValue<string>(), Is.EqualTo("Ship"));
        Assert.That(goal["description"]!.GetValue<string>(), Is.EqualTo("keep me"));
        Assert.That(goal["priority"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(goal["updated_at"]!.GetValue<DateTimeOffset>(), Is.GreaterThan(goal["created_at"]!.GetValue<DateTimeOffset>()));
        var listed = await GetOkAsync("/repos/app/goals");
        Assert.That(Values(listed, "status"), Is.EqualTo(new[] { "achieved" }));
    }

    [Test]
    public async Task UpdateGoal_PriorityAndExplicitNullDescription_ChangeBoth()
    {
        var created = await CreateGoalAsync("app", "Ship", 2, description: "drop me");

        var goal = await SendOkAsync(HttpMethod.Patch, $"/goals/{Id(created)}", new { priority = 1, description = (string?)null });

        Assert.That(goal["priority"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(goal["description"], Is.Null);
    }

    [Test]
    public async Task UpdateGoal_UnknownStatus_Returns422()
    {
        var created = await CreateGoalAsync("app", "Ship", 2);

        var response = await PatchAsync(Client, $"/goals/{Id(created)}", new { status = "finished" });

        await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
    }

    [Test]
    public async Task UpdateGoal_NullTitle_Returns422()
    {
        var created = await CreateGoalAsync("app", "Ship", 2);

        var response = await PatchAsync(Client, $"/goals/{Id(created)}", new { title = (string?)null });

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["errors"]!["title"], Is.Not.Null);
    }

    [Test]
    public async Task UpdateGoal_UnknownField_Returns422()
    {
        var created = await CreateGoalAsync("app", "Ship", 2);

        var response = await PatchAsync(Client, $"/goals/{Id(created)}", new { urgency = 1 });

        await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
    }

    [Test]
    public async Task UpdateGoal_UnknownGoal_Returns404()
    {
        var id = Guid.NewGuid();

        var response = await PatchAsync(Client, $"/goals/{id}", new { status = "achieved" });

        var problem = await AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.That(problem["detail"]!.GetValue<string>(), Is.EqualTo($"Goal '{id}' not found"));
    }

    [Test]
    public async Task UpdateGoal_IdNotUuid_Returns422() =>
        await AssertProblemAsync(await PatchAsync(Client, "/goals/not-a-uuid", new { status = "achieved" }), HttpStatusCode.UnprocessableEntity);
}

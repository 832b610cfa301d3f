using System.Net;
using System.Text.Json.Nodes;
using StateHub.Domain.Events;

namespace StateHub.WebApi.FunctionalTests.Work;

public sealed class ProgressEventsEndpointsTests : WorkFunctionalTestBase
{
    [SetUp]
    public async Task CreateRepo()
    {
        await CreateDomainAsync();
        await RegisterRepoAsync("app");
    }

    [Test]
    public async Task LogProgressEvent_WithDataObject_Returns201AndDataAsObject()
    {
        var response = await Client.PostAsync("/repos/app/events", RawJson(
            """{"kind":"task_done","summary":"Finished T01","data":{"task_key":"T01","files":["a.cs","b.cs"],"nested":{"CamelCase":1}}}"""));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var logged = await ReadJsonAsync(response);
        Assert.That(logged["repo_slug"]!.GetValue<string>(), Is.EqualTo("app"));
        Assert.That(logged["kind"]!.GetValue<string>(), Is.EqualTo("task_done"));
        Assert.That(logged["summary"]!.GetValue<string>(), Is.EqualTo("Finished T01"));
        Assert.That(logged["data"], Is.InstanceOf<JsonObject>());
        Assert.That(logged["data"]!["task_key"]!.GetValue<string>(), Is.EqualTo("T01"));
        Assert.That(logged["data"]!["files"]!.AsArray().Select(f => f!.GetValue<string>()), Is.EqualTo(new[] { "a.cs", "b.cs" }));
        Assert.That(logged["data"]!["nested"]!["CamelCase"]!.GetValue<int>(), Is.EqualTo(1), "keys inside data are kept as sent");

        var listed = await GetOkAsync("/repos/app/events");
        Assert.That(listed[0]!["data"]!["nested"]!["CamelCase"]!.GetValue<int>(), Is.EqualTo(1));
    }

    [Test]
    public async Task LogProgressEvent_NoData_ReturnsEmptyObject()
    {
        var logged = await PostCreatedAsync("/repos/app/events/", new { kind = "note", summary = "Hello" });

        Assert.That(logged["data"]!.AsObject(), Is.Empty);
    }

    [Test]
    public async Task LogProgressEvent_NullData_ReturnsEmptyObject()
    {
        var response = await Client.PostAsync("/repos/app/events", RawJson("""{"kind":"note","summary":"x","data":null}"""));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        Assert.That((await ReadJsonAsync(response))["data"]!.AsObject(), Is.Empty);
    }

    [TestCase("[1, 2]")]
    [TestCase("\"text\"")]
    [TestCase("42")]
    public async Task LogProgressEvent_DataNotObject_Returns422(string data)
    {
        var response = await Client.PostAsync("/repos/app/events", RawJson($$"""{"kind":"note","summary":"x","data":{{data}}}"""));

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["errors"]!["data"], Is.Not.Null, problem.ToJsonString());
    }

    [Test]
    public async Task LogProgressEvent_MissingKind_Returns422()
    {
        var response = await Client.PostAsync("/repos/app/events", Json(new { summary = "x" }));

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["errors"]!["kind"], Is.Not.Null);
    }

    [Test]
    public async Task LogProgressEvent_UnknownRepo_Returns404() =>
        await AssertProblemAsync(await Client.PostAsync("/repos/nope/events", Json(new { kind = "note", summary = "x" })), HttpStatusCode.NotFound);

    [Test]
    public async Task ListProgressEvents_NewestFirst()
    {
        foreach (var summary in new[] { "first", "second", "third" })
        {
            Tick();
            await PostCreatedAsync("/repos/app/events", new { kind = "note", summary });
        }

        var events = await GetOkAsync("/repos/app/events");

        Assert.That(Values(events, "summary"), Is.EqualTo(new[] { "third", "second", "first" }));
    }

    [Test]
    public async Task ListProgressEvents_NoLimit_ReturnsNewestFifty()
    {
        await ArrangeEventsAsync(55);

        var events = await GetOkAsync("/repos/app/events");

        Assert.That(events.AsArray(), Has.Count.EqualTo(50));
        Assert.That(events[0]!["summary"]!.GetValue<string>(), Is.EqualTo("event 55"));
        Assert.That(events[49]!["summary"]!.GetValue<string>(), Is.EqualTo("event 6"));
    }

    [Test]
    public async Task ListProgressEvents_Limit_ReturnsThatManyNewest()
    {
        await ArrangeEventsAsync(5);

        var events = await GetOkAsync("/repos/app/events?limit=2");

        Assert.That(Values(events, "summary"), Is.EqualTo(new[] { "event 5", "event 4" }));
    }

    [Test]
    public async Task ListProgressEvents_LimitFiveHundred_IsAccepted()
    {
        await ArrangeEventsAsync(3);

        var events = await GetOkAsync("/repos/app/events?limit=500");

        Assert.That(events.AsArray(), Has.Count.EqualTo(3));
    }

    [TestCase("0")]
    [TestCase("-1")]
    [TestCase("501")]
    [TestCase("many")]
    public async Task ListProgressEvents_LimitOutOfRange_Returns422(string limit)
    {
        var response = await Client.GetAsync($"/repos/app/events?limit={limit}");

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["errors"]!["limit"], Is.Not.Null, problem.ToJsonString());
    }

    [Test]
    public async Task ListProgressEvents_OtherReposEvents_AreNotListed()
    {
        await RegisterRepoAsync("other");
        await PostCreatedAsync("/repos/other/events", new { kind = "note", summary = "theirs" });

        var events = await GetOkAsync("/repos/app/events");

        Assert.That(events.AsArray(), Is.Empty);
    }

    [Test]
    public async Task ListProgressEvents_UnknownRepo_Returns404() =>
        await AssertProblemAsync(await Client.GetAsync("/repos/nope/events"), HttpStatusCode.NotFound);

    /// <summary>Writes <paramref name="count"/> events straight to the database, one second apart, "event 1" oldest.</summary>
    private Task ArrangeEventsAsync(int count) => WithDbAsync(async db =>
    {
        var repoId = db.Repos.Single(r => r.Slug == "app").Id;
        for (var i = 1; i <= count; i++)
        {
            Tick();
            db.ProgressEvents.Add(ProgressEvent.Create(repoId, "note", $"event {i}"));
            await db.SaveChangesAsync();
        }
    });
}

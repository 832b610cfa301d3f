using System.Net;
using StateHub.WebApi.FunctionalTests.Infrastructure;

namespace StateHub.WebApi.FunctionalTests.Robustness;

/// <summary>
/// Body property names are matched exactly as the wire spells them (snake_case) and each may be given
/// once: another spelling is an unknown field, a name given twice a 422; neither changes anything.
/// </summary>
public sealed class PropertyNamesTests : FunctionalTestBase
{
    [SetUp]
    public async Task Arrange()
    {
        await CreateDomainAsync();
        await RegisterRepoAsync("alpha", localPath: "/srv/alpha");
    }

    [TestCase("""{"Name":"x"}""", "Name")]
    [TestCase("""{"NAME":"x"}""", "NAME")]
    [TestCase("""{"LOCAL_PATH":"/x"}""", "LOCAL_PATH")]
    [TestCase("""{"localPath":"/x"}""", "localPath")]
    [TestCase("""{"name":"x","Name":"y"}""", "Name")]
    public async Task Patch_NameInAnotherCase_Returns422AsAnUnknownFieldAndChangesNothing(string body, string field)
    {
        var response = await Client.PatchAsync("/repos/alpha", RawJson(body));

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["errors"]![field], Is.Not.Null, problem.ToJsonString());
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("Unknown field"));
        var repo = await GetOkAsync("/repos/alpha");
        Assert.That(repo["name"]!.GetValue<string>(), Is.EqualTo("alpha"));
        Assert.That(repo["local_path"]!.GetValue<string>(), Is.EqualTo("/srv/alpha"));
    }

    [Test]
    public async Task Patch_NameGivenTwice_Returns422NamingItAndChangesNothing()
    {
        var response = await Client.PatchAsync("/repos/alpha", RawJson("""{"name":"x","name":"y"}"""));

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["errors"]!["name"]![0]!.GetValue<string>(), Does.Contain("'name'").And.Contain("more than once"));
        Assert.That((await GetOkAsync("/repos/alpha"))["name"]!.GetValue<string>(), Is.EqualTo("alpha"));
    }

    [Test]
    public async Task Post_NameGivenTwice_Returns422AndCreatesNothing()
    {
        var response = await Client.PostAsync("/domains/", RawJson("""{"slug":"one","name":"One","slug":"two"}"""));

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["errors"]!["slug"], Is.Not.Null, problem.ToJsonString());
        Assert.That((await Client.GetAsync("/domains/one")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await Client.GetAsync("/domains/two")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task EventData_NameGivenTwice_Returns422NamingItAndStoresNothing()
    {
        var response = await Client.PostAsync("/repos/alpha/events", RawJson("""{"kind":"k","summary":"s","data":{"run":{"status":"ok","status":"failed"}}}"""));

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("'status'").And.Contain("more than once"));
        Assert.That((await GetOkAsync("/repos/alpha/events")).AsArray(), Is.Empty);
    }

    [Test]
    public async Task Patch_ExactSnakeCaseNames_AreApplied()
    {
        var repo = await SendOkAsync(HttpMethod.Patch, "/repos/alpha", new { name = "Alpha", local_path = "/srv/alpha2" });

        Assert.That(repo["name"]!.GetValue<string>(), Is.EqualTo("Alpha"));
        Assert.That(repo["local_path"]!.GetValue<string>(), Is.EqualTo("/srv/alpha2"));
    }
}

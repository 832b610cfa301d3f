using System.Net;
using StateHub.WebApi.FunctionalTests.Infrastructure;

namespace StateHub.WebApi.FunctionalTests.Robustness;

/// <summary>§15: an unknown query parameter is a 422 naming it; health, OpenAPI and the dashboard are excepted.</summary>
public sealed class UnknownQueryParametersTests : FunctionalTestBase
{
    [SetUp]
    public async Task Arrange()
    {
        await CreateDomainAsync();
        await RegisterRepoAsync("alpha");
    }

    [Test]
    public async Task TypoInAFilter_Returns422NamingIt()
    {
        var response = await Client.GetAsync("/repos/alpha/inbox?unred=true");

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("'unred'"));
        Assert.That(problem["errors"]!["unred"], Is.Not.Null);
    }

    /// <summary>A parameter given twice binds its last value, whatever its type, as the Python service did.</summary>
    [Test]
    public async Task RepeatedParameter_TheLastValueCounts()
    {
        await CreateDomainAsync("second");
        await CreateDomainAsync("third");

        Assert.That((await GetOkAsync("/domains/?limit=1&limit=3")).AsArray(), Has.Count.EqualTo(3));
        Assert.That((await GetOkAsync("/domains/?limit=3&limit=1")).AsArray(), Has.Count.EqualTo(1));
        Assert.That((await GetOkAsync("/repos/?domain=nope&domain=platform")).AsArray(), Has.Count.EqualTo(1));
        using var unknownLast = await Client.GetAsync("/repos/?domain=platform&domain=nope");
        await AssertProblemAsync(unknownLast, HttpStatusCode.NotFound);
    }

    [TestCase("/domains/?x=1", "x")]
    [TestCase("/repos/alpha?verbose=1", "verbose")]
    [TestCase("/repos/?domain=platform&sort=name", "sort")]
    [TestCase("/repos/alpha/events?limt=5", "limt")]
    [TestCase("/repos/?Domain=nope", "Domain")]
    [TestCase("/repos/alpha/inbox?UNREAD=true", "UNREAD")]
    [TestCase("/repos/alpha/events?LIMIT=1", "LIMIT")]
    [TestCase("/repos/by-fingerprint?hash=abc&Remote_Url=x", "Remote_Url")]
    public async Task UnknownParameter_OnAnyOperation_Returns422(string url, string name)
    {
        var problem = await AssertProblemAsync(await Client.GetAsync(url), HttpStatusCode.UnprocessableEntity);

        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain($"'{name}'"));
    }

    [Test]
    public async Task EmptyNameBesideAParameterNamedQuery_Returns422NamingBoth()
    {
        // The empty name is reported under "query": both must land there, not collide.
        var response = await Client.GetAsync("/domains/?=1&query=x");

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["errors"]!["query"]!.AsArray(), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task UnknownParameter_OnAWrite_Returns422AndWritesNothing()
    {
        var response = await Client.PostAsync("/domains/?dry_run=true", Json(new { slug = "d2", name = "D2" }));

        await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.That((await Client.GetAsync("/domains/d2")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [TestCase("/repos/alpha/inbox?unread=true")]
    [TestCase("/repos/?domain=platform")]
    [TestCase("/repos/alpha/events?limit=5")]
    public async Task KnownParameters_AreAccepted(string url)
    {
        var response = await Client.GetAsync(url);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    [TestCase("/health/live?probe=1")]
    [TestCase("/health/ready?probe=1")]
    [TestCase("/swagger/v1/swagger.json?v=2")]
    [TestCase("/dashboard?x=1")]
    public async Task ExceptedRoutes_IgnoreUnknownParameters(string url)
    {
        var response = await Client.GetAsync(url);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }
}

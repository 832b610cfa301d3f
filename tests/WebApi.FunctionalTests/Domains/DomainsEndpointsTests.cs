using System.Net;
using StateHub.WebApi.FunctionalTests.Infrastructure;

namespace StateHub.WebApi.FunctionalTests.Domains;

public sealed class DomainsEndpointsTests : FunctionalTestBase
{
    [Test]
    public async Task CreateDomain_ValidBody_Returns201WithSnakeCaseBody()
    {
        var domain = await CreateDomainAsync("platform", "Platform");

        Assert.That(domain["slug"]!.GetValue<string>(), Is.EqualTo("platform"));
        Assert.That(domain["status"]!.GetValue<string>(), Is.EqualTo("active"));
        Assert.That(domain["created_at"]!.GetValue<string>(), Does.EndWith("+00:00"));
        Assert.That(Guid.TryParse(domain["id"]!.GetValue<string>(), out _), Is.True);
    }

    [Test]
    public async Task CreateDomain_DuplicateSlug_Returns409()
    {
        await CreateDomainAsync("platform");

        var response = await Client.PostAsync("/domains", Json(new { slug = "platform", name = "Again" }));

        await AssertProblemAsync(response, HttpStatusCode.Conflict);
    }

    [Test]
    public async Task CreateDomain_InvalidSlug_Returns422WithErrorsMap()
    {
        var response = await Client.PostAsync("/domains/", Json(new { slug = "Not A Slug", name = "X" }));

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["errors"]!["slug"], Is.Not.Null);
    }

    [Test]
    public async Task CreateDomain_UnknownStatus_Returns422()
    {
        var response = await Client.PostAsync("/domains/", Json(new { slug = "x", name = "X", status = "sleeping" }));

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("active, paused, archived"));
    }

    [Test]
    public async Task CreateDomain_MalformedJson_Returns400()
    {
        var response = await Client.PostAsync("/domains/", RawJson("{\"slug\": "));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task ListDomains_OrdersByName()
    {
        await CreateDomainAsync("zeta", "Alpha");
        await CreateDomainAsync("alpha", "Zeta");

        var list = (await GetOkAsync("/domains")).AsArray();

        Assert.That(list.Select(d => d!["slug"]!.GetValue<string>()), Is.EqualTo(new[] { "zeta", "alpha" }));
    }

    [Test]
    public async Task ListDomains_MixedCaseNames_OrdersCaseInsensitively()
    {
        await CreateDomainAsync("gamma", "Gamma");
        await CreateDomainAsync("beta", "beta");
        await CreateDomainAsync("alpha", "Alpha");

        var list = (await GetOkAsync("/domains/")).AsArray();

        Assert.That(list.Select(d => d!["slug"]!.GetValue<string>()), Is.EqualTo(new[] { "alpha", "beta", "gamma" }));
    }

    [Test]
    public async Task GetDomain_Unknown_Returns404()
    {
        var response = await Client.GetAsync("/domains/nope");

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task GetDomain_Known_Returns200()
    {
        await CreateDomainAsync("platform");

        var domain = await GetOkAsync("/domains/platform/");

        Assert.That(domain["name"]!.GetValue<string>(), Is.EqualTo("Platform"));
    }

    [Test]
    public async Task UpdateDomain_StatusOnly_ChangesStatusAndKeepsName()
    {
        await CreateDomainAsync("platform", "Platform");

        var domain = await SendOkAsync(HttpMethod.Patch, "/domains/platform", new { status = "paused" });

        Assert.That(domain["status"]!.GetValue<string>(), Is.EqualTo("paused"));
        Assert.That(domain["name"]!.GetValue<string>(), Is.EqualTo("Platform"));
    }

    [Test]
    public async Task UpdateDomain_Unknown_Returns404()
    {
        var response = await PatchAsync(Client, "/domains/nope", new { name = "X" });

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task UpdateDomain_UnknownField_Returns422()
    {
        await CreateDomainAsync("platform");

        var response = await PatchAsync(Client, "/domains/platform", new { nmae = "typo" });

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["errors"]!["nmae"], Is.Not.Null);
    }
}

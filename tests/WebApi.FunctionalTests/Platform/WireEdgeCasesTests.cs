using System.Net;
using System.Net.Http.Headers;
using StateHub.WebApi.FunctionalTests.Infrastructure;

namespace StateHub.WebApi.FunctionalTests.Platform;

/// <summary>Inputs at the edges of the wire format: each gets a clear 4xx problem, or is normalised, never a 500.</summary>
public sealed class WireEdgeCasesTests : FunctionalTestBase
{
    [SetUp]
    public async Task Arrange()
    {
        await CreateDomainAsync();
        await RegisterRepoAsync("alpha");
    }

    [Test]
    public async Task Body_StringWithNulCharacter_Returns422()
    {
        var response = await Client.PostAsync("/domains/", RawJson("{\"slug\":\"x8\",\"name\":\"X\\u0000Y\"}"));

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("NUL"));
    }

    [TestCase("/repos/by-remote?url=a%00b")]
    [TestCase("/repos/by-fingerprint?hash=a%00b")]
    [TestCase("/repos/?domain=a%00b")]
    public async Task Query_ValueWithNulCharacter_Returns422(string url)
    {
        var response = await Client.GetAsync(url);

        await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
    }

    [Test]
    public async Task Timestamp_WithNonUtcOffset_IsStoredAndReturnedAsTheSameInstantInUtc()
    {
        var updated = await SendOkAsync(HttpMethod.Patch, "/repos/alpha", new { last_sbom_at = "2026-11-20T10:00:00+02:00" });
        var read = await GetOkAsync("/repos/alpha");

        Assert.That(updated["last_sbom_at"]!.GetValue<string>(), Is.EqualTo("2026-11-20T08:00:00+00:00"));
        Assert.That(read["last_sbom_at"]!.GetValue<string>(), Is.EqualTo("2026-11-20T08:00:00+00:00"));
    }

    [Test]
    public async Task Timestamp_WithSubMicrosecondDigits_ReadsBackExactlyAsAnswered()
    {
        var updated = await SendOkAsync(HttpMethod.Patch, "/repos/alpha", new { last_sbom_at = "2026-11-20T10:00:00.1234567+00:00" });
        var read = await GetOkAsync("/repos/alpha");

        Assert.That(updated["last_sbom_at"]!.GetValue<string>(), Is.EqualTo("2026-11-20T10:00:00.123456+00:00"));
        Assert.That(read["last_sbom_at"]!.GetValue<string>(), Is.EqualTo(updated["last_sbom_at"]!.GetValue<string>()));
    }

    [Test]
    public async Task Timestamp_NotATimestamp_Returns422()
    {
        var response = await PatchAsync(Client, "/repos/alpha", new { last_sbom_at = "yesterday" });

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["errors"]!["last_sbom_at"], Is.Not.Null);
    }

    [Test]
    public async Task Body_FieldTakenFromTheUrl_Returns422AndChangesNothing()
    {
        var response = await PatchAsync(Client, "/repos/alpha", new { slug = "zzz" });

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["errors"]!["slug"], Is.Not.Null);
        Assert.That((await GetOkAsync("/repos/alpha"))["slug"]!.GetValue<string>(), Is.EqualTo("alpha"));
    }

    [Test]
    public async Task Sync_FixInTheBodyInsteadOfTheQuery_Returns422()
    {
        var response = await Client.PostAsync("/repos/alpha/sync", Json(new { fix = false, files = Array.Empty<object>() }));

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["errors"]!["fix"], Is.Not.Null);
    }

    [TestCase("ACTIVE")]
    [TestCase("Active")]
    [TestCase("paused ")]
    public async Task Enum_NotExactlySnakeCase_Returns422ListingAllowedValues(string status)
    {
        var response = await PatchAsync(Client, "/domains/platform", new { status });

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("active, paused, archived"));
    }

    [Test]
    public async Task Problem_WithAcceptXml_IsStillProblemJsonWithDetail()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/repos/nope");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/xml"));

        var response = await Client.SendAsync(request);

        var problem = await AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.That(problem["detail"]!.GetValue<string>(), Is.EqualTo("Repo 'nope' not found"));
    }

    [Test]
    public async Task UnknownRoute_WithAcceptTextPlain_IsStillProblemJsonWithDetail()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/no-such-route");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/plain"));

        var response = await Client.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task CreatedTimestamps_InTheResponse_EqualThoseReadBack()
    {
        Factory.Clock.Advance(TimeSpan.FromTicks(1234567));
        var goal = await PostCreatedAsync("/repos/alpha/goals", new { title = "Ship", priority = 1 });

        var read = await GetOkAsync($"/goals/{goal["id"]!.GetValue<string>()}");

        Assert.That(read["created_at"]!.GetValue<string>(), Is.EqualTo(goal["created_at"]!.GetValue<string>()));
        Assert.That(read["updated_at"]!.GetValue<string>(), Is.EqualTo(goal["updated_at"]!.GetValue<string>()));
    }
}

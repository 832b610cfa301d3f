using System.Net;
using StateHub.WebApi.FunctionalTests.Infrastructure;

namespace StateHub.WebApi.FunctionalTests.Access;

/// <summary>
/// A browser page of another site can send simple writes with no CORS preflight, and this host lets
/// keyless callers act as admin (as Development on loopback and Auth:AllowAnonymous do): such writes
/// are refused by what the browser says about where they came from; programs send neither header.
/// </summary>
public sealed class CrossSiteWriteTests : FunctionalTestBase
{
    private async Task<HttpResponseMessage> PostDomainAsync(string slug, string header, string value)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/domains/") { Content = Json(new { slug, name = slug }) };
        request.Headers.TryAddWithoutValidation(header, value);
        return await Client.SendAsync(request);
    }

    [TestCase("Sec-Fetch-Site", "cross-site")]
    [TestCase("Sec-Fetch-Site", "same-site")]
    [TestCase("Origin", "http://evil.example")]
    [TestCase("Origin", "null")]
    public async Task WriteFromAnotherSite_Is403AndChangesNothing(string header, string value)
    {
        using var response = await PostDomainAsync("forged", header, value);

        var problem = await AssertProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("another site"));
        Assert.That((await Client.GetAsync("/domains/forged")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [TestCase("Sec-Fetch-Site", "same-origin")]
    [TestCase("Sec-Fetch-Site", "none")]
    [TestCase("Origin", "http://localhost")]
    [TestCase("X-Nothing", "program")]
    public async Task WriteFromThisSiteOrAProgram_IsServed(string header, string value)
    {
        using var response = await PostDomainAsync("served", header, value);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task ReadFromAnotherSite_IsServed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/domains/");
        request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "cross-site");

        using var response = await Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace StateHub.WebApi.FunctionalTests.Access;

/// <summary>
/// As FastAPI does, a body sent without a Content-Type header is read as JSON, for a caller that
/// sends its key (Authorization or X-Api-Key: headers a cross-site page cannot add without a preflight).
/// </summary>
public sealed class UntypedJsonBodyTests : AccessTestBase
{
    private async Task<HttpResponseMessage> SendUntypedAsync(HttpMethod method, string url, string json, bool xApiKey = false)
    {
        using var request = new HttpRequestMessage(method, url) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(json)) };
        if (xApiKey)
            request.Headers.Add("X-Api-Key", BootstrapKey);
        else
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", BootstrapKey);
        return await Client.SendAsync(request);
    }

    [Test]
    public async Task JsonBodyWithoutContentType_FromACallerWithAKey_IsReadAsJson()
    {
        using var created = await SendUntypedAsync(HttpMethod.Post, "/domains/", "{\"slug\":\"untyped\",\"name\":\"Untyped\"}");
        using var patched = await SendUntypedAsync(HttpMethod.Patch, "/domains/untyped", "{\"description\":\"set without a header\"}", xApiKey: true);
        using var invalid = await SendUntypedAsync(HttpMethod.Post, "/domains/", "{\"slug\":\"Bad Slug\",\"name\":\"x\"}");
        using var malformed = await SendUntypedAsync(HttpMethod.Post, "/domains/", "slug=x");

        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        Assert.That(JsonNode.Parse(await patched.Content.ReadAsStringAsync())!["description"]!.GetValue<string>(), Is.EqualTo("set without a header"));
        await AssertProblemAsync(invalid, HttpStatusCode.UnprocessableEntity);
        await AssertProblemAsync(malformed, HttpStatusCode.BadRequest);
    }
}

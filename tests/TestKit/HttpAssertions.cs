using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StateHub.TestKit;

/// <summary>Requests and assertions that speak the wire format (snake_case JSON, RFC 9457 problems) rather than the server's types.</summary>
public static class HttpAssertions
{
    public static StringContent Json(object body) =>
        new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    /// <summary>Sends a request that must answer <paramref name="expected"/>, and returns its JSON body.</summary>
    public static async Task<JsonNode> SendOkAsync(HttpClient client, HttpMethod method, string url, object? body = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : Json(body) };
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(expected), $"{method} {url} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>Asserts a problem response: the status, the problem content type and a non-empty detail.</summary>
    public static async Task<JsonNode> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), text);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), text);
        var problem = JsonNode.Parse(text)!;
        Assert.That(problem["detail"]?.GetValue<string>(), Is.Not.Null.And.Not.Empty, text);
        Assert.That(problem["status"]?.GetValue<int>(), Is.EqualTo((int)status), text);
        return problem;
    }
}

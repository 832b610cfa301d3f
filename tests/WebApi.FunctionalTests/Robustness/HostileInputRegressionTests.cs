using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using StateHub.WebApi.FunctionalTests.Infrastructure;

namespace StateHub.WebApi.FunctionalTests.Robustness;

/// <summary>The six requests that gave a 500 (issue 17), each now a 4xx problem with a detail, and what they must not break.</summary>
public sealed class HostileInputRegressionTests : FunctionalTestBase
{
    [SetUp]
    public async Task Arrange()
    {
        await CreateDomainAsync();
        await RegisterRepoAsync("alpha");
    }

    private static ByteArrayContent Bytes(byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        // Without validation: the client library refuses some of the odd values the tests send.
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    private static byte[] Latin1(string text) => Encoding.Latin1.GetBytes(text);

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        return await Client.SendAsync(request);
    }

    private static async Task AssertClientProblemAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.InRange(400, 499), text);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), text);
        Assert.That(System.Text.Json.Nodes.JsonNode.Parse(text)!["detail"]?.GetValue<string>(), Is.Not.Null.And.Not.Empty, text);
    }

    [Test]
    public async Task Cause1_LoneSurrogateInAString_Returns422()
    {
        var response = await Client.PostAsync("/domains/", RawJson("{\"slug\":\"d1\",\"name\":\"\\ud800\"}"));

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("surrogate"));
        Assert.That((await Client.GetAsync("/domains/d1")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Cause1_LoneLowSurrogateInAPatch_Returns422()
    {
        var response = await Client.PatchAsync("/repos/alpha", RawJson("{\"description\":\"\\udc00\"}"));

        await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
    }

    [Test]
    public async Task Cause1_LoneSurrogateInAKey_Returns422()
    {
        var response = await Client.PostAsync("/repos/alpha/events", RawJson("{\"\\ud800\":1}"));

        await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
    }

    [Test]
    public async Task Cause2_InvalidUtf8InAKey_OnAnOperationWithUrlBoundFields_Returns400()
    {
        var response = await Client.PostAsync("/repos/alpha/events", Bytes(Latin1("{\"\xff\":1}"), "application/json"));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("UTF-8"));
    }

    [Test]
    public async Task Cause3_InvalidUtf8InsideEventData_Returns400AndStoresNothing()
    {
        var response = await Client.PostAsync("/repos/alpha/events",
            Bytes(Latin1("{\"kind\":\"k\",\"summary\":\"s\",\"data\":{\"a\":\"\x80\"}}"), "application/json"));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.That((await GetOkAsync("/repos/alpha/events")).AsArray(), Is.Empty);
    }

    [Test]
    public async Task Cause4_Utf16CharsetWithAnOddLengthBody_Returns400()
    {
        var response = await Client.PostAsync("/domains/", Bytes("{\"slug\":\"d1\"}"u8.ToArray(), "application/json; charset=utf-16"));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Cause4_Utf16CharsetWithAValidBody_IsRead()
    {
        var response = await Client.PostAsync("/domains/", Bytes(Encoding.Unicode.GetBytes("{\"slug\":\"d16\",\"name\":\"Sixteen\"}"), "application/json; charset=utf-16"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
    }

    [TestCase("application/json; charset=latin1")]
    [TestCase("application/json; charset=x-no-such-charset")]
    [TestCase("application/json; charset=")]
    [TestCase("application/json; charset=\"\"")]
    [TestCase("application/json; charset= ")]
    public async Task OddCharset_Returns4xxProblem(string contentType)
    {
        var response = await Client.PostAsync("/domains/", Bytes("{\"slug\":\"d1\",\"name\":\"D\"}"u8.ToArray(), contentType));

        await AssertClientProblemAsync(response);
    }

    [Test]
    public async Task Cause5_FormContentTypeWithABracketedKey_OnAList_IsIgnored()
    {
        var response = await SendAsync(HttpMethod.Get, "/domains/", Bytes("["u8.ToArray(), "application/x-www-form-urlencoded"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Cause5_FormContentTypeWithABracketedKey_OnPublish_IsNotA500()
    {
        var change = await PostCreatedAsync("/interface-changes/", new
        {
            origin_repo_slug = "alpha", title = "t", change_type = "additive", interface_type = "http_api",
        });

        var response = await Client.PostAsync($"/interface-changes/{change["id"]}/publish", Bytes("a[=1"u8.ToArray(), "application/x-www-form-urlencoded"));

        Assert.That((int)response.StatusCode, Is.LessThan(500), await response.Content.ReadAsStringAsync());
        if ((int)response.StatusCode >= 400)
            await AssertClientProblemAsync(response);
    }

    [Test]
    public async Task Cause5_FormBodyOnAJsonOperation_Returns415()
    {
        var response = await Client.PostAsync("/domains/", Bytes("slug=x&name[=y"u8.ToArray(), "application/x-www-form-urlencoded"));

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    private static string Nested(int depth) =>
        string.Concat(Enumerable.Repeat("{\"a\":", depth - 1)) + "{}" + new string('}', depth - 1);

    [Test]
    public async Task Cause6_EventDataNested63Deep_Returns422NamingTheLimit()
    {
        var response = await Client.PostAsync("/repos/alpha/events", RawJson($"{{\"kind\":\"k\",\"summary\":\"s\",\"data\":{Nested(63)}}}"));

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("32"));
        Assert.That((await GetOkAsync("/repos/alpha/events")).AsArray(), Is.Empty);
    }

    [Test]
    public async Task EventDataAtTheDepthLimit_IsStoredAndReadBack()
    {
        await PostCreatedAsync("/repos/alpha/events", new { kind = "k", summary = "s", data = System.Text.Json.Nodes.JsonNode.Parse(Nested(32)) });

        var list = await GetOkAsync("/repos/alpha/events");

        Assert.That(list.AsArray(), Has.Count.EqualTo(1));
        Assert.That(list[0]!["data"]!.ToJsonString(), Is.EqualTo(Nested(32)));
    }

    [Test]
    public async Task EventDataOverTheSizeLimit_Returns422NamingTheLimit()
    {
        var big = new string('x', 70 * 1024);
        var response = await Client.PostAsync("/repos/alpha/events", Json(new { kind = "k", summary = "s", data = new { big } }));

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("65536"));
    }

    [Test]
    public async Task BodyNestedDeeperThanTheRequestLimit_Returns400()
    {
        var response = await Client.PostAsync("/repos/alpha/events", RawJson($"{{\"kind\":\"k\",\"summary\":\"s\",\"data\":{Nested(200)}}}"));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [TestCase(63)]
    [TestCase(200)]
    [TestCase(300)]
    public async Task Cause6_APoisonedRowStoredBeforeTheLimit_StillReadsBack(int depth)
    {
        await PostCreatedAsync("/repos/alpha/events", new { kind = "newer", summary = "s" });
        await WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "INSERT INTO progress_events (id, repo_id, kind, summary, data, created_at, updated_at) " +
            "SELECT gen_random_uuid(), id, 'deep', 'old', {0}::jsonb, '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z' FROM managed_repos WHERE slug = 'alpha'",
            Nested(depth)));

        var response = await Client.GetAsync("/repos/alpha/events");
        var text = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        var list = System.Text.Json.Nodes.JsonNode.Parse(text, documentOptions: new System.Text.Json.JsonDocumentOptions { MaxDepth = 1024 })!.AsArray();
        Assert.That(list.Select(e => e!["kind"]!.GetValue<string>()).ToList(), Is.EqualTo(new[] { "newer", "deep" }));
        if (depth <= 256)
            Assert.That(list[1]!["data"]!.ToJsonString(), Is.EqualTo(Nested(depth)));
        else
            Assert.That(list[1]!["data"]!["unreadable"], Is.Not.Null);
    }

    [Test]
    public async Task ServiceUnavailable_NoReadableRepoPath_CarriesRetryAfter()
    {
        var response = await Client.PostAsync("/repos/alpha/sync", null);

        await AssertProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.That(response.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromHours(1)), "the exception's own delay, written by the one Retry-After middleware");
    }
}

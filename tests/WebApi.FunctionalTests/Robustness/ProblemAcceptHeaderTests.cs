using System.Net;
using System.Net.Http.Headers;
using System.Text;
using StateHub.WebApi.FunctionalTests.Infrastructure;

namespace StateHub.WebApi.FunctionalTests.Robustness;

/// <summary>
/// §1: every error is application/problem+json with a detail, whatever the client's Accept header
/// says; the problem is the same full one (type, instance, trace_id) a JSON client gets.
/// </summary>
public sealed class ProblemAcceptHeaderTests : FunctionalTestBase
{
    private static readonly string[] Accepts = ["application/xml", "text/html", "text/plain"];

    // method, path and query, body, content type, status.
    private static readonly (string Method, string Url, string? Body, string? ContentType, HttpStatusCode Status)[] Requests =
    [
        ("POST", "/domains/", "{bad", "application/json", HttpStatusCode.BadRequest),
        ("POST", "/domains/", "slug=x", "text/plain", HttpStatusCode.UnsupportedMediaType),
        ("GET", "/domains/?zzz=1", null, null, HttpStatusCode.UnprocessableEntity),
        ("PATCH", "/repos/alpha", """{"bogus":1}""", "application/json", HttpStatusCode.UnprocessableEntity),
        ("GET", "/goals/not-a-uuid", null, null, HttpStatusCode.UnprocessableEntity),
        ("GET", "/repos/alpha/inbox?unread=maybe", null, null, HttpStatusCode.UnprocessableEntity),
        ("GET", "/repos/nope", null, null, HttpStatusCode.NotFound),
        ("GET", "/no-such-route", null, null, HttpStatusCode.NotFound),
        ("DELETE", "/domains/", null, null, HttpStatusCode.MethodNotAllowed),
    ];

    private static IEnumerable<TestCaseData> Cases() =>
        from accept in Accepts
        from r in Requests
        select new TestCaseData(accept, r.Method, r.Url, r.Body, r.ContentType, r.Status).SetName($"{{m}}({accept}, {r.Method} {r.Url}, {(int)r.Status})");

    [SetUp]
    public async Task Arrange()
    {
        await CreateDomainAsync();
        await RegisterRepoAsync("alpha");
    }

    [TestCaseSource(nameof(Cases))]
    public async Task Problem_UnderAnAcceptWithoutJson_IsTheFullProblemJson(
        string accept, string method, string url, string? body, string? contentType, HttpStatusCode status)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null)
            request.Content = new StringContent(body, Encoding.UTF8, contentType!);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));

        using var response = await Client.SendAsync(request);

        var problem = await AssertProblemAsync(response, status);
        Assert.That(problem["type"]?.GetValue<string>(), Does.StartWith("https://"), problem.ToJsonString());
        Assert.That(problem["title"]?.GetValue<string>(), Is.Not.Null.And.Not.Empty, problem.ToJsonString());
        Assert.That(problem["instance"]?.GetValue<string>(), Is.EqualTo(url.Split('?')[0]), problem.ToJsonString());
        Assert.That(problem["trace_id"]?.GetValue<string>(), Is.Not.Null.And.Not.Empty, problem.ToJsonString());
        Assert.That(problem["traceId"], Is.Null, problem.ToJsonString());
    }

    [TestCase("application/xml")]
    [TestCase("text/html")]
    public async Task Problem_UnderAnAcceptWithoutJson_EqualsTheOneAJsonClientGets(string accept)
    {
        var json = await AssertProblemAsync(await SendAsync("application/json"), HttpStatusCode.UnprocessableEntity);
        var other = await AssertProblemAsync(await SendAsync(accept), HttpStatusCode.UnprocessableEntity);

        json.AsObject().Remove("trace_id");
        other.AsObject().Remove("trace_id");
        Assert.That(other.ToJsonString(), Is.EqualTo(json.ToJsonString()));

        async Task<HttpResponseMessage> SendAsync(string acceptHeader)
        {
            using var request = new HttpRequestMessage(HttpMethod.Patch, "/repos/alpha") { Content = RawJson("""{"bogus":1}""") };
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(acceptHeader));
            return await Client.SendAsync(request);
        }
    }
}

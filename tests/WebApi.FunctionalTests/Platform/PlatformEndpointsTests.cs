using System.Net;
using StateHub.WebApi.FunctionalTests.Infrastructure;

namespace StateHub.WebApi.FunctionalTests.Platform;

public sealed class PlatformEndpointsTests : FunctionalTestBase
{
    [Test]
    public async Task HealthLive_Returns200()
    {
        var response = await Client.GetAsync("/health/live");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task HealthReady_WithDatabase_Returns200Healthy()
    {
        var body = await GetOkAsync("/health/ready");

        Assert.That(body["status"]!.GetValue<string>(), Is.EqualTo("healthy"));
        Assert.That(body["checks"]!["database"]!["status"]!.GetValue<string>(), Is.EqualTo("healthy"));
    }

    [Test]
    public async Task UnknownRoute_Returns404ProblemWithDetail()
    {
        var response = await Client.GetAsync("/no-such-thing");

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task WrongMethod_Returns405ProblemWithDetail()
    {
        var response = await Client.DeleteAsync("/domains/");

        await AssertProblemAsync(response, HttpStatusCode.MethodNotAllowed);
    }

    [Test]
    public async Task WrongContentType_Returns415ProblemWithDetail()
    {
        var response = await Client.PostAsync("/domains/", new StringContent("slug=x", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    /// <summary>
    /// A keyless caller's body without a Content-Type stays a 415: a browser page can send one to
    /// another site without a CORS preflight, and here a keyless caller acts as admin.
    /// </summary>
    [Test]
    public async Task JsonBodyWithoutContentType_FromAKeylessCaller_Is415AndWritesNothing()
    {
        using var response = await Client.PostAsync("/domains/", new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes("{\"slug\":\"untyped\",\"name\":\"Untyped\"}")));

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.That((await Client.GetAsync("/domains/untyped")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task OpenApiDocument_IsServedWithOperationIdsAndStringEnums()
    {
        var document = await GetOkAsync("/swagger/v1/swagger.json");

        var register = document["paths"]!["/repos"]!["post"]!;
        Assert.That(register["operationId"]!.GetValue<string>(), Is.Not.Empty);
        Assert.That(register["responses"]!["201"], Is.Not.Null);
        Assert.That(register["responses"]!["409"], Is.Not.Null);
        var status = document["components"]!["schemas"]!["RepoStatus"]!;
        Assert.That(status["type"]!.GetValue<string>(), Is.EqualTo("string"));
        Assert.That(status["enum"]!.AsArray().Select(v => v!.GetValue<string>()), Is.EqualTo(new[] { "active", "archived" }));
    }

    [Test]
    public async Task SwaggerConsole_IsServed()
    {
        var response = await Client.GetAsync("/swagger/index.html");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("swagger"));
    }
}

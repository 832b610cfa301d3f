using System.Net;
using StateHub.WebApi.FunctionalTests.Infrastructure;

namespace StateHub.WebApi.FunctionalTests.Robustness;

/// <summary>
/// §15: stored JSON is limited at write time so that whatever was accepted can be read back. jsonb
/// keeps numbers as numerics, which PostgreSQL prints back in full (<c>1e131071</c>: 131072 digits),
/// so the limits count numbers as they will be printed, not as they were sent.
/// </summary>
public sealed class StoredJsonNumbersTests : FunctionalTestBase
{
    [SetUp]
    public async Task Arrange()
    {
        await CreateDomainAsync();
        await RegisterRepoAsync("alpha");
    }

    private Task<HttpResponseMessage> LogAsync(string data) =>
        Client.PostAsync("/repos/alpha/events", RawJson($"{{\"kind\":\"k\",\"summary\":\"s\",\"data\":{data}}}"));

    [Test]
    public async Task EventData_NumberLongerWrittenOutThanTheLimit_Returns422NamingItsPath()
    {
        var response = await LogAsync("""{"readings":[1,1e70000]}""");

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["errors"]!["data"], Is.Not.Null);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("data.readings[1]").And.Contain("1000"));
        Assert.That((await GetOkAsync("/repos/alpha/events")).AsArray(), Is.Empty);
    }

    [Test]
    public async Task EventData_ThousandsOfHugeExponents_Returns422AndStoresNothing()
    {
        // About 64 KB sent; once stored it would read back as ~511 MB of digits.
        var data = "{" + string.Join(",", Enumerable.Range(0, 3900).Select(i => $"\"k{i}\":1e131071")) + "}";

        var response = await LogAsync(data);

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["errors"]!["data"], Is.Not.Null);
        Assert.That((await GetOkAsync("/repos/alpha/events")).AsArray(), Is.Empty);
    }

    [TestCase("1e-20000")]
    [TestCase("0e-20000")]
    [TestCase("1e131072")]
    public async Task EventData_NumberPostgresCannotHold_Returns422(string number)
    {
        var response = await LogAsync($$"""{"x":{{number}}}""");

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("data.x"));
    }

    [Test]
    public async Task EventData_ShortNumbersThatExpandPastTheSizeLimit_Returns422NamingTheLimit()
    {
        // 100 numbers of 1000 characters each once stored: each within its own limit, 100 KB together.
        var data = "{" + string.Join(",", Enumerable.Range(0, 100).Select(i => $"\"k{i}\":1e999")) + "}";

        var response = await LogAsync(data);

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("65536"));
        Assert.That((await GetOkAsync("/repos/alpha/events")).AsArray(), Is.Empty);
    }

    [Test]
    public async Task EventData_NumbersWithinTheLimits_AreStoredAndReadBackWrittenOut()
    {
        await PostCreatedAsync("/repos/alpha/events", new { kind = "k", summary = "s", data = System.Text.Json.Nodes.JsonNode.Parse("""{"big":1e999,"small":-1e-997,"scaled":1.50e1}""") });

        var data = (await GetOkAsync("/repos/alpha/events"))[0]!["data"]!;

        Assert.That(data["big"]!.ToJsonString(), Is.EqualTo("1" + new string('0', 999)));
        Assert.That(data["small"]!.ToJsonString(), Is.EqualTo("-0." + new string('0', 996) + "1"));
        Assert.That(data["scaled"]!.ToJsonString(), Is.EqualTo("15.0"));
    }
}

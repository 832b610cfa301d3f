using System.Net;
using System.Text;
using StateHub.TestKit;
using StateHub.WebApi.FunctionalTests.Infrastructure;

namespace StateHub.WebApi.FunctionalTests.Robustness;

/// <summary>§15 Idempotency-Key on POST: stored, replayed byte for byte, 422 for another body, 409 while running, across nodes.</summary>
public sealed class IdempotencyTests : FunctionalTestBase
{
    [SetUp]
    public async Task Arrange()
    {
        await CreateDomainAsync();
        await RegisterRepoAsync("alpha");
    }

    private static HttpRequestMessage Post(string url, string json, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = RawJson(json) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private async Task<int> EventCountAsync() => (await GetOkAsync("/repos/alpha/events?limit=500")).AsArray().Count;

    [Test]
    public async Task RetryAfterSuccess_ReplaysTheFirstResponseByteForByte_AndCreatesNothingMore()
    {
        const string body = "{\"slug\":\"d-idem\",\"name\":\"Idem\"}";
        using var first = await Client.SendAsync(Post("/domains/", body, "key-1"));
        var firstBytes = await first.Content.ReadAsByteArrayAsync();
        Factory.Clock.Advance(TimeSpan.FromMinutes(5));

        using var retry = await Client.SendAsync(Post("/domains/", body, "key-1"));
        var retryBytes = await retry.Content.ReadAsByteArrayAsync();

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(retryBytes, Is.EqualTo(firstBytes));
        Assert.That(retry.Headers.ETag, Is.EqualTo(first.Headers.ETag));
        Assert.That(retry.Content.Headers.ContentType?.ToString(), Is.EqualTo(first.Content.Headers.ContentType?.ToString()));
        Assert.That(retry.Headers.GetValues("Idempotent-Replayed").Single(), Is.EqualTo("true"));
    }

    [Test]
    public async Task SameKey_AnotherBody_Returns422()
    {
        using var first = await Client.SendAsync(Post("/repos/alpha/events", "{\"kind\":\"k\",\"summary\":\"one\"}", "key-2"));
        using var second = await Client.SendAsync(Post("/repos/alpha/events", "{\"kind\":\"k\",\"summary\":\"two\"}", "key-2"));

        var problem = await AssertProblemAsync(second, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("Idempotency-Key"));
        Assert.That(await EventCountAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task ClientErrors_AreStoredAndReplayedToo()
    {
        using var first = await Client.SendAsync(Post("/repos/ghost/events", "{\"kind\":\"k\",\"summary\":\"s\"}", "key-3"));
        using var retry = await Client.SendAsync(Post("/repos/ghost/events", "{\"kind\":\"k\",\"summary\":\"s\"}", "key-3"));

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await retry.Content.ReadAsByteArrayAsync(), Is.EqualTo(await first.Content.ReadAsByteArrayAsync()));
    }

    [Test]
    public async Task ExpiredKey_RunsTheRequestAgain()
    {
        using var first = await Client.SendAsync(Post("/repos/alpha/events", "{\"kind\":\"k\",\"summary\":\"s\"}", "key-4"));
        Factory.Clock.Advance(TimeSpan.FromHours(25));

        using var later = await Client.SendAsync(Post("/repos/alpha/events", "{\"kind\":\"k\",\"summary\":\"s\"}", "key-4"));

        Assert.That(later.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(later.Headers.Contains("Idempotent-Replayed"), Is.False);
        Assert.That(await EventCountAsync(), Is.EqualTo(2));
    }

    [TestCase("has space")]
    [TestCase("{\"json\": 1}")]
    public async Task MalformedKey_Returns422(string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/repos/alpha/events") { Content = RawJson("{\"kind\":\"k\",\"summary\":\"s\"}") };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);

        await AssertProblemAsync(await Client.SendAsync(request), HttpStatusCode.UnprocessableEntity);
    }

    [Test]
    public async Task TooLongKey_Returns422()
    {
        await AssertProblemAsync(await Client.SendAsync(Post("/repos/alpha/events", "{\"kind\":\"k\",\"summary\":\"s\"}", new string('k', 256))), HttpStatusCode.UnprocessableEntity);
    }

    private static readonly Dictionary<string, string?> SecondNode = new() { ["Tests:Node"] = "second" };

    [Test]
    public async Task TwoConcurrentPostsWithOneKey_ThroughTwoHosts_CreateOneEvent([Range(1, 5)] int round)
    {
        // A second node on the same database (one for the run: every round starts from an empty database).
        using var otherNode = TestHosts.Get(SecondNode).CreateClient();
        const string body = "{\"kind\":\"k\",\"summary\":\"raced\"}";
        var key = $"race-{round}";

        var answers = await Task.WhenAll(
            Client.SendAsync(Post("/repos/alpha/events", body, key)),
            otherNode.SendAsync(Post("/repos/alpha/events", body, key)));

        var statuses = answers.Select(a => a.StatusCode).ToList();
        Assert.That(statuses, Has.Member(HttpStatusCode.Created));
        Assert.That(statuses.All(s => s is HttpStatusCode.Created or HttpStatusCode.Conflict), string.Join(", ", statuses));
        if (statuses.All(s => s == HttpStatusCode.Created))
            Assert.That(await answers[1].Content.ReadAsByteArrayAsync(), Is.EqualTo(await answers[0].Content.ReadAsByteArrayAsync()), "the second is the replay");
        Assert.That(await EventCountAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task PurgeJob_DeletesOnlyExpiredKeys()
    {
        using var first = await Client.SendAsync(Post("/repos/alpha/events", "{\"kind\":\"k\",\"summary\":\"s\"}", "key-old"));
        Factory.Clock.Advance(TimeSpan.FromHours(23));
        using var second = await Client.SendAsync(Post("/repos/alpha/events", "{\"kind\":\"k\",\"summary\":\"s\"}", "key-new"));
        var store = (Application.Common.Abstractions.IIdempotencyStore)Factory.Services.GetService(typeof(Application.Common.Abstractions.IIdempotencyStore))!;

        var purged = await store.PurgeExpiredAsync(Factory.Clock.GetUtcNow().AddHours(2), 1000, CancellationToken.None);

        Assert.That(purged, Is.EqualTo(1));
    }

    [Test]
    public async Task NoContentAnswer_WithAKey_IsSentAndReplayed_OnOneKeptAliveConnection()
    {
        // Kestrel itself (the in-memory server lets a write to a 204 pass): it refused the empty write
        // of the kept body, logged an error and closed the connection.
        await using var served = new StateHubApiFactory(new Dictionary<string, string?> { ["Tests:Node"] = "kestrel" });
        served.StartOnLoopback();
        using var socket = new System.Net.Sockets.TcpClient();
        await socket.ConnectAsync(served.BaseAddress.Host, served.BaseAddress.Port);
        var stream = socket.GetStream();
        const string body = "{\"claimant\":\"agent-1\"}";
        var request = System.Text.Encoding.ASCII.GetBytes(
            $"POST /repos/alpha/claim-next HTTP/1.1\r\nHost: {served.BaseAddress.Authority}\r\nContent-Type: application/json\r\n"
            + $"Idempotency-Key: idle-1\r\nContent-Length: {body.Length}\r\n\r\n{body}");

        await stream.WriteAsync(request);
        var first = await ReadHeadAsync(stream);
        await stream.WriteAsync(request);
        var replay = await ReadHeadAsync(stream);

        Assert.That(first, Does.StartWith("HTTP/1.1 204"), first);
        Assert.That(first, Does.Not.Contain("Connection: close"), first);
        Assert.That(replay, Does.StartWith("HTTP/1.1 204"), replay);
        Assert.That(replay, Does.Contain("Idempotent-Replayed: true"), replay);
    }

    /// <summary>A response without a body, as read off the socket: everything up to the blank line ("" when the connection closed first).</summary>
    private static async Task<string> ReadHeadAsync(System.Net.Sockets.NetworkStream stream)
    {
        var head = new StringBuilder();
        var buffer = new byte[1];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(buffer, timeout.Token) == 1)
            head.Append((char)buffer[0]);
        return head.ToString();
    }
}

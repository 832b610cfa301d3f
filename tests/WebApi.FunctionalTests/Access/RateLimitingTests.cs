using System.Net;
using StateHub.WebApi.FunctionalTests.Infrastructure;

namespace StateHub.WebApi.FunctionalTests.Access;

/// <summary>Per-key rate limiting with a limit of 3 a minute: the 4th is a 429 with Retry-After; admin keys and health are exempt.</summary>
public sealed class RateLimitingTests : AccessTestBase
{
    protected override StateHubApiFactory CreateFactory() =>
        new(new Dictionary<string, string?>(SecuredSettings) { ["RateLimiting:PerKeyPerMinute"] = "3" });

    [Test]
    public async Task Key_OverItsLimit_Gets429WithRetryAfter_OthersUnaffected()
    {
        var reader = (await CreateKeyAsync("busy", "reader"))["key"]!.GetValue<string>();
        var other = (await CreateKeyAsync("quiet", "reader"))["key"]!.GetValue<string>();
        for (var i = 0; i < 3; i++)
            Assert.That((await SendAsync(reader, HttpMethod.Get, "/domains/")).StatusCode, Is.EqualTo(HttpStatusCode.OK), $"request {i + 1}");

        using var limited = await SendAsync(reader, HttpMethod.Get, "/domains/");
        var problem = await AssertProblemAsync(limited, (HttpStatusCode)429);
        Assert.That(limited.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("retry after"));
        Assert.That(problem["type"]!.GetValue<string>(), Does.Contain("rfc6585"), "every problem names its type");

        Assert.That((await SendAsync(other, HttpMethod.Get, "/domains/")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "limits are per key");
        for (var i = 0; i < 5; i++)
        {
            Assert.That((await SendAsync(BootstrapKey, HttpMethod.Get, "/domains/")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "admin keys are exempt");
            Assert.That((await SendAsync(reader, HttpMethod.Get, "/health/live")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "health is exempt");
        }
    }
}

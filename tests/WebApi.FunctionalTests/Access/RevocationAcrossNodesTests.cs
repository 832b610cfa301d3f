using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using StateHub.WebApi.FunctionalTests.Infrastructure;

namespace StateHub.WebApi.FunctionalTests.Access;

/// <summary>Two in-memory hosts on one database: a key revoked through one is refused by the other within 5 seconds.</summary>
public sealed class RevocationAcrossNodesTests : AccessTestBase
{
    [Test]
    public async Task KeyRevokedOnOneNode_IsRefusedByTheOtherWithinFiveSeconds([Values(1, 2, 3)] int round)
    {
        await using var otherNode = new StateHubApiFactory(SecuredSettings);
        using var otherClient = otherNode.CreateClient();
        var key = await CreateKeyAsync($"roaming-{round}", "reader");
        var secret = key["key"]!.GetValue<string>();

        Assert.That((await GetAsync(otherClient, secret)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the other node accepts the key first");
        await AdminAsync(HttpMethod.Post, $"/api-keys/{Id(key)}/revoke");

        var clock = Stopwatch.StartNew();
        HttpStatusCode status;
        do
        {
            status = (await GetAsync(otherClient, secret)).StatusCode;
            if (status == HttpStatusCode.Unauthorized)
                break;
            await Task.Delay(100);
        }
        while (clock.Elapsed < TimeSpan.FromSeconds(5));

        Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized), $"still accepted after {clock.Elapsed}");
        TestContext.Out.WriteLine($"refused by the other node {clock.Elapsed.TotalMilliseconds:F0} ms after the revocation");
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/domains/");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return await client.SendAsync(request);
    }
}

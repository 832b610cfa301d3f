using StateHub.WebApi.FunctionalTests.Infrastructure;

namespace StateHub.WebApi.FunctionalTests.Operations;

/// <summary>
/// Behind the TLS proxy of the production setup (deploy/statehub.service sets
/// ASPNETCORE_FORWARDEDHEADERS_ENABLED=true), the URLs the hub writes into headers keep the
/// client's scheme and host: a client following <c>Link: rel="next"</c> must not fall back to
/// plain http and send its key in clear text.
/// </summary>
public sealed class ForwardedHeadersTests : FunctionalTestBase
{
    protected override IReadOnlyDictionary<string, string?>? HostSettings { get; } = new Dictionary<string, string?>
    {
        ["ForwardedHeaders_Enabled"] = "true",
    };

    [Test]
    public async Task NextPageLink_BehindATlsProxy_SaysHttpsAndTheProxysHost()
    {
        await CreateDomainAsync("alpha");
        await CreateDomainAsync("beta");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/domains/?limit=1");
        request.Headers.Host = "statehub.example.com";
        request.Headers.Add("X-Forwarded-Proto", "https");

        using var response = await Client.SendAsync(request);

        Assert.That(response.Headers.GetValues("Link").Single(), Does.StartWith("<https://statehub.example.com/domains"));
    }
}

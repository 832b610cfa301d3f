using System.Net;

namespace StateHub.WebApi.FunctionalTests.Access;

/// <summary>The dashboard's webhooks page follows the API's rule (admin only), as an HTML page rather than problem JSON.</summary>
public sealed class WebhookDashboardAccessTests : AccessTestBase
{
    [Test]
    public async Task WebhooksPage_ReaderOrAgent_Gets403PageSayingAdminOnly_AdminSeesTheSubscriptions()
    {
        var fleet = await ArrangeFleetAsync("alpha", "beta");
        await AdminAsync(HttpMethod.Post, "/webhooks/", new { url = "http://93.184.215.14/secret-path", event_types = new[] { "*" } }, HttpStatusCode.Created);

        foreach (var who in new[] { Who.Reader, Who.OwnAgent })
        {
            using var refused = await SendAsync(fleet.Keys[who], HttpMethod.Get, "/dashboard/webhooks");
            var html = await refused.Content.ReadAsStringAsync();
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), html);
            Assert.That(refused.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
            Assert.That(html, Does.Contain("Admin only"));
            Assert.That(html, Does.Not.Contain("secret-path"), "no subscription leaks to a non-admin");
        }

        using var admin = await SendAsync(fleet.Keys[Who.Admin], HttpMethod.Get, "/dashboard/webhooks");
        Assert.That(admin.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await admin.Content.ReadAsStringAsync(), Does.Contain("secret-path"));
    }
}

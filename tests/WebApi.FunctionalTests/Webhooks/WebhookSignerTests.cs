using StandardWebhooks;
using StateHub.Infrastructure.Webhooks;

namespace StateHub.WebApi.FunctionalTests.Webhooks;

/// <summary>The hub's signer against the Standard Webhooks test vector and the reference implementation.</summary>
public sealed class WebhookSignerTests
{
    [Test]
    public void Sign_StandardWebhooksTestVector_Matches()
    {
        const string secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        var signature = WebhookSigner.Sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}");
        Assert.That(signature, Is.EqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="));
    }

    [Test]
    public void Sign_SameAsReferenceImplementation_ForRandomInputs()
    {
        for (var i = 0; i < 20; i++)
        {
            var secret = Application.Webhooks.WebhookSecrets.New();
            var id = Guid.NewGuid().ToString();
            var at = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000 + (i * 977));
            var body = $"{{\"id\":\"{id}\",\"data\":{{\"n\":{i},\"text\":\"héllo ✓\"}}}}";
            Assert.That(WebhookSigner.Sign(secret, id, at.ToUnixTimeSeconds(), body), Is.EqualTo(new StandardWebhook(secret).Sign(id, at, body)));
        }
    }

    [Test]
    public void Header_TwoSecrets_TwoSignaturesSeparatedByASpace()
    {
        var header = WebhookSigner.Header(["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", Application.Webhooks.WebhookSecrets.New()], "msg", 1, "{}");
        Assert.That(header.Split(' '), Has.Length.EqualTo(2));
        Assert.That(header.Split(' '), Has.All.StartsWith("v1,"));
    }
}

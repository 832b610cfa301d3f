using System.Security.Cryptography;
using System.Text;
using StateHub.Application.Webhooks;

namespace StateHub.Infrastructure.Webhooks;

/// <summary>Standard Webhooks signatures: <c>v1,</c> + base64 HMAC-SHA256 over <c>{id}.{timestamp}.{body}</c>, keyed with the secret's decoded bytes.</summary>
public static class WebhookSigner
{
    public static string Sign(string secret, string messageId, long timestamp, string body)
    {
        var content = Encoding.UTF8.GetBytes($"{messageId}.{timestamp}.{body}");
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(WebhookSecrets.KeyBytes(secret), content));
    }

    /// <summary>The <c>webhook-signature</c> header: one signature per secret, separated by a space.</summary>
    public static string Header(IEnumerable<string> secrets, string messageId, long timestamp, string body) =>
        string.Join(' ', secrets.Select(s => Sign(s, messageId, timestamp, body)));
}

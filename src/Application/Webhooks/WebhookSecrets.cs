using System.Security.Cryptography;

namespace StateHub.Application.Webhooks;

/// <summary>Signing secrets in the Standard Webhooks form: <c>whsec_</c> + base64 of the key bytes.</summary>
public static class WebhookSecrets
{
    public const string Prefix = "whsec_";

    public static string New() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The key bytes of a secret (with or without the prefix).</summary>
    public static byte[] KeyBytes(string secret) =>
        Convert.FromBase64String(secret.StartsWith(Prefix, StringComparison.Ordinal) ? secret[Prefix.Length..] : secret);
}

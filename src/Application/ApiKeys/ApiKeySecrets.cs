using System.Security.Cryptography;
using System.Text;
using StateHub.Domain.Access;

namespace StateHub.Application.ApiKeys;

/// <summary>
/// Makes and hashes key secrets: <c>sh_</c> + 64 hex digits (256 random bits). A key this random
/// needs no slow hash: SHA-256 cannot be reversed and no dictionary covers the space.
/// </summary>
public static class ApiKeySecrets
{
    public const string Scheme = "sh_";

    public static string Generate() => Scheme + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>The visible first characters, e.g. <c>sh_4f2a9c1</c>.</summary>
    public static string PrefixOf(string key) => key.Length <= ApiKey.PrefixLength ? key : key[..ApiKey.PrefixLength];

    /// <summary>Compares two secrets in time independent of where they differ.</summary>
    public static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(a)), SHA256.HashData(Encoding.UTF8.GetBytes(b)));
}

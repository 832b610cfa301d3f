using System.Text.RegularExpressions;

namespace StateHub.Domain.Common;

/// <summary>Slug rules shared by domains and repos (spec §2).</summary>
public static partial class Slug
{
    public const int MaxLength = 63;

    /// <summary>The one spelling of the slug rule; validators, messages and docs quote it from here.</summary>
    public const string Pattern = "^[a-z0-9][a-z0-9-]{0,62}$";

    /// <summary>The rule in words, for messages: "'slug' must match …".</summary>
    public const string RuleText = Pattern + " (lower-case letters, digits and hyphens, at most 63 characters)";

    /// <summary>Words that are route segments under /repos and so can never name a repo.</summary>
    public static readonly IReadOnlySet<string> ReservedRepoSlugs =
        new HashSet<string>(StringComparer.Ordinal) { "by-id", "by-fingerprint", "by-remote", "doi" };

    public static bool IsValid(string? value) => value is not null && PatternRegex().IsMatch(value);

    public static string Ensure(string? value, string field = "slug")
    {
        if (!IsValid(value))
            throw new DomainValidationException(field,
                $"'{field}' must match {RuleText}.");
        return value!;
    }

    /// <summary>
    /// <see cref="Pattern"/> as the spec means it: in .NET, <c>$</c> also matches before a final
    /// newline, so "abc\n" would pass; <c>\z</c> is the end of the text.
    /// </summary>
    [GeneratedRegex(@"\A[a-z0-9][a-z0-9-]{0,62}\z", RegexOptions.CultureInvariant)]
    private static partial Regex PatternRegex();
}

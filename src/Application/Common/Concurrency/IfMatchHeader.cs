namespace StateHub.Application.Common.Concurrency;

/// <summary>
/// A parsed <c>If-Match</c> header (RFC 9110 §13.1.1): <c>*</c>, or a comma-separated list of
/// entity tags, each <c>"opaque"</c> or weak <c>W/"opaque"</c>. Comparison is strong: a weak
/// tag never matches.
/// </summary>
public sealed class IfMatchHeader
{
    private readonly IReadOnlyList<(bool Weak, string Tag)> _tags;

    private IfMatchHeader(bool isAny, IReadOnlyList<(bool Weak, string Tag)> tags)
    {
        IsAny = isAny;
        _tags = tags;
    }

    /// <summary>True for <c>If-Match: *</c>: any current representation satisfies it.</summary>
    public bool IsAny { get; }

    /// <summary>Parses a header value; null when it is neither <c>*</c> nor a list of quoted entity tags.</summary>
    public static IfMatchHeader? Parse(string value)
    {
        var text = value.AsSpan().Trim(" \t");
        if (text is "*")
            return new IfMatchHeader(isAny: true, []);

        var tags = new List<(bool Weak, string Tag)>();
        var position = 0;
        while (true)
        {
            // A list may hold empty elements ("a, , b"); skip separators and whitespace.
            while (position < text.Length && text[position] is ' ' or '\t' or ',')
                position++;
            if (position == text.Length)
                break;

            var weak = text[position..].StartsWith("W/", StringComparison.Ordinal);
            if (weak)
                position += 2;
            if (position >= text.Length || text[position] != '"')
                return null;
            var close = text[(position + 1)..].IndexOf('"');
            if (close < 0)
                return null;
            var tag = text.Slice(position, close + 2);
            foreach (var c in tag[1..^1])
            {
                // etagc = %x21 / %x23-7E / obs-text
                if (c < 0x21 || c == 0x7F)
                    return null;
            }

            tags.Add((weak, tag.ToString()));
            position += tag.Length;
            while (position < text.Length && text[position] is ' ' or '\t')
                position++;
            if (position < text.Length && text[position] != ',')
                return null;
        }

        return tags.Count == 0 ? null : new IfMatchHeader(isAny: false, tags);
    }

    /// <summary>Strong comparison against the resource's current tag (from <see cref="EntityTag"/>).</summary>
    public bool Matches(string currentTag) =>
        IsAny || _tags.Any(t => !t.Weak && string.Equals(t.Tag, currentTag, StringComparison.Ordinal));
}

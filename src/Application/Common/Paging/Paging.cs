using System.Collections;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FluentValidation;
using StateHub.Application.Common.Exceptions;

namespace StateHub.Application.Common.Paging;

/// <summary>
/// One page of a list (§15): the items, and the opaque cursor of the next page when more follow.
/// Serializes as the plain JSON array it always was; the API puts the next page in a <c>Link</c> header.
/// </summary>
public sealed class Page<T>(IReadOnlyList<T> items, string? nextCursor) : IReadOnlyList<T>
{
    public IReadOnlyList<T> Items { get; } = items;

    /// <summary>The cursor of the next page, or null when this is the last one.</summary>
    public string? NextCursor { get; } = nextCursor;

    public int Count => Items.Count;

    public T this[int index] => Items[index];

    public IEnumerator<T> GetEnumerator() => Items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public Page<TOut> Select<TOut>(Func<T, TOut> map) => new(Items.Select(map).ToList(), NextCursor);
}

/// <summary>
/// A position in a newest-first list ordered by (<see cref="At"/> desc[, <see cref="At2"/> desc], <see cref="Id"/> desc):
/// the sort keys of the last row of a page; the next page is the rows strictly after it (keyset, so stable while rows are added).
/// </summary>
public sealed record Keyset(DateTimeOffset At, Guid Id, DateTimeOffset? At2 = null);

/// <summary>Limits and opaque cursors of every list.</summary>
public static class Paging
{
    public const int MinLimit = 1;
    public const int MaxLimit = 500;

    /// <summary>The default page of lists that grow with time (inbox, interface changes, TPSC snapshots).</summary>
    public const int DefaultGrowingLimit = 100;

    /// <summary>A cursor whose row was deleted since the page before was served.</summary>
    public const string RowGoneMessage = "The cursor's row no longer exists; start again from the first page.";

    public const string CursorMessage = "Not a cursor of this list: pass back the cursor of the previous page (its Link header, or an MCP list tool's next_cursor) unchanged, with the same repo and filters.";

    /// <summary>
    /// The list name the cursors of a narrowed list carry: <paramref name="list"/>, then a short hash of what narrows it
    /// (the parent resource and the filters, in a fixed order; an empty string counts as absent, as the filters take it).
    /// A cursor is a position in one list only: one of another repo's events, or of the changes under another filter,
    /// would start this list somewhere in the middle and skip rows, so it does not decode here (a 422 naming <c>cursor</c>).
    /// A list that nothing narrows keeps its plain name.
    /// </summary>
    public static string Scoped(string list, params ReadOnlySpan<object?> scope)
    {
        if (scope.IsEmpty)
            return list;
        var text = new StringBuilder();
        foreach (var value in scope)
        {
            // Length-prefixed, so that no two scopes join to the same text.
            var part = Convert.ToString(value, CultureInfo.InvariantCulture);
            text.Append(string.IsNullOrEmpty(part) ? "-" : $"{part.Length.ToString(CultureInfo.InvariantCulture)}:{part}").Append(';');
        }

        return $"{list}@{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())).AsSpan(0, 6))}";
    }

    public static string Encode(string list, string position) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{list}|{position}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The position a cursor of <paramref name="list"/> holds, or null when it is not one.</summary>
    public static string? Decode(string list, string? cursor)
    {
        if (string.IsNullOrEmpty(cursor) || cursor.Length > 512)
            return null;
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            base64 += new string('=', (4 - (base64.Length % 4)) % 4);
            var text = new UTF8Encoding(false, true).GetString(Convert.FromBase64String(base64));
            return text.StartsWith(list + "|", StringComparison.Ordinal) ? text[(list.Length + 1)..] : null;
        }
        catch (Exception ex) when (ex is FormatException or DecoderFallbackException or ArgumentException)
        {
            return null;
        }
    }

    public static string EncodeKeyset(string list, Keyset keyset) =>
        Encode(list, string.Join('|', keyset.At.UtcTicks.ToString(CultureInfo.InvariantCulture),
            keyset.At2?.UtcTicks.ToString(CultureInfo.InvariantCulture) ?? string.Empty, keyset.Id.ToString("N")));

    public static Keyset? DecodeKeyset(string list, string? cursor)
    {
        var parts = Decode(list, cursor)?.Split('|');
        if (parts is not { Length: 3 }
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var at)
            || !Guid.TryParseExact(parts[2], "N", out var id)
            || at > DateTimeOffset.MaxValue.UtcTicks)
            return null;
        DateTimeOffset? at2 = null;
        if (parts[1].Length > 0)
        {
            if (!long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks2) || ticks2 > DateTimeOffset.MaxValue.UtcTicks)
                return null;
            at2 = new DateTimeOffset(ticks2, TimeSpan.Zero);
        }

        return new Keyset(new DateTimeOffset(at, TimeSpan.Zero), id, at2);
    }

    /// <summary>The keyset a cursor holds; a cursor that is not one of this list's is a 422.</summary>
    public static Keyset? RequireKeyset(string list, string? cursor) =>
        cursor is null ? null : DecodeKeyset(list, cursor) ?? throw new RequestValidationException("cursor", CursorMessage);

    /// <summary>Turns up to <paramref name="limit"/> + 1 rows into a page whose cursor is the last row's keyset.</summary>
    public static Page<T> FromRows<T>(IReadOnlyList<T> rows, int limit, string list, Func<T, Keyset> keysetOf) =>
        rows.Count > limit
            ? new Page<T>(rows.Take(limit).ToList(), EncodeKeyset(list, keysetOf(rows[limit - 1])))
            : new Page<T>(rows, null);

    /// <summary>
    /// Pages a complete, ordered list (registry lists, which are small and return everything when
    /// <paramref name="limit"/> is null): the cursor is the last item's id, and the next page starts after it.
    /// </summary>
    public static Page<T> InMemory<T>(IReadOnlyList<T> ordered, int? limit, string? cursor, string list, Func<T, Guid> idOf) =>
        InMemory(ordered, limit, cursor, list, item => idOf(item).ToString("N"));

    /// <summary>As above, for a list whose items are told apart by a unique string (e.g. a repo slug).</summary>
    public static Page<T> InMemory<T>(IReadOnlyList<T> ordered, int? limit, string? cursor, string list, Func<T, string> keyOf)
    {
        var start = 0;
        if (cursor is not null)
        {
            var after = Decode(list, cursor);
            if (string.IsNullOrEmpty(after))
                throw new RequestValidationException("cursor", CursorMessage);
            var index = ordered.Select((item, i) => (item, i)).FirstOrDefault(x => string.Equals(keyOf(x.item), after, StringComparison.Ordinal), (default!, -1)).Item2;
            if (index < 0)
                throw new RequestValidationException("cursor", RowGoneMessage);
            start = index + 1;
        }

        var rest = ordered.Skip(start);
        if (limit is not { } take)
            return new Page<T>(rest.ToList(), null);
        var items = rest.Take(take).ToList();
        return new Page<T>(items, start + take < ordered.Count ? Encode(list, keyOf(items[^1])) : null);
    }

    /// <summary>limit 1–500 when given.</summary>
    public static IRuleBuilderOptions<T, int?> ValidLimit<T>(this IRuleBuilder<T, int?> rule) =>
        rule.InclusiveBetween(MinLimit, MaxLimit).WithMessage($"'limit' must be between {MinLimit} and {MaxLimit}.");
}

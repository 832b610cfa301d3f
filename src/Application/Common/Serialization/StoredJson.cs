using System.Text;
using System.Text.Json;

namespace StateHub.Application.Common.Serialization;

/// <summary>
/// Limits on free-form JSON the hub stores (an event's <c>data</c>): checked at write time so that
/// whatever was accepted can always be serialized back, and a tolerant read for rows stored before
/// the limits existed. The size counts what PostgreSQL prints back: jsonb keeps a number as a
/// numeric and writes it out in full (<c>1e6</c> reads back as <c>1000000</c>), so a number counts
/// at that length, and one longer than <see cref="MaxNumberLength"/> is refused.
/// </summary>
public static class StoredJson
{
    /// <summary>How deeply stored JSON may nest (an object or array is one level).</summary>
    public const int MaxDepth = 32;

    /// <summary>The largest stored JSON document, in UTF-8 bytes.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>
    /// The longest number stored JSON may hold, in characters as PostgreSQL prints it back (sign,
    /// digits and decimal point): <c>1e999</c> (1000 characters) is accepted, <c>1e1000</c> is not.
    /// Well inside what a numeric can hold, which a longer size limit alone would not keep to
    /// (<c>1e-20000</c> is too small for PostgreSQL).
    /// </summary>
    public const int MaxNumberLength = 1000;

    /// <summary>How deeply a stored document may nest and still be read back (rows older than the limits).</summary>
    public const int ReadMaxDepth = 256;

    /// <summary>The nesting depth of <paramref name="element"/>: 0 for a scalar, 1 for a flat object or array.</summary>
    public static int Depth(JsonElement element)
    {
        var max = 0;
        var stack = new Stack<(JsonElement Element, int Depth)>();
        stack.Push((element, 0));
        while (stack.Count > 0)
        {
            var (current, depth) = stack.Pop();
            switch (current.ValueKind)
            {
                case JsonValueKind.Object:
                    max = Math.Max(max, depth + 1);
                    foreach (var property in current.EnumerateObject())
                        stack.Push((property.Value, depth + 1));
                    break;
                case JsonValueKind.Array:
                    max = Math.Max(max, depth + 1);
                    foreach (var item in current.EnumerateArray())
                        stack.Push((item, depth + 1));
                    break;
            }
        }

        return max;
    }

    /// <summary>
    /// The size of <paramref name="element"/> as UTF-8 JSON once stored: its text as sent, with each
    /// number counted at the length PostgreSQL prints it back (<see cref="PrintedNumberLength"/>).
    /// </summary>
    public static long Utf8Length(JsonElement element)
    {
        long length = Encoding.UTF8.GetByteCount(element.GetRawText());
        foreach (var (number, _) in Numbers(element, root: null))
            length += PrintedNumberLength(number) - number.Length;
        return length;
    }

    /// <summary>
    /// The path (below <paramref name="root"/>, e.g. <c>data.readings[3]</c>) and printed length of the
    /// first number in <paramref name="element"/> longer than <see cref="MaxNumberLength"/>; null when there is none.
    /// </summary>
    public static (string Path, long Length)? FindTooLongNumber(JsonElement element, string root)
    {
        foreach (var (number, path) in Numbers(element, root))
        {
            var length = PrintedNumberLength(number);
            if (length > MaxNumberLength)
                return (path!, length);
        }

        return null;
    }

    /// <summary>
    /// How many characters PostgreSQL prints for the JSON number <paramref name="number"/> once it is
    /// a numeric: every digit before the decimal point written out (<c>1e3</c> → <c>1000</c>), the digits
    /// after it as given, shifted by the exponent (<c>1.50e1</c> → <c>15.0</c>, <c>1e-3</c> → <c>0.001</c>),
    /// and no sign on zero. Saturates far above any limit instead of overflowing.
    /// </summary>
    public static long PrintedNumberLength(string number)
    {
        const long saturation = 1_000_000_000_000;
        var i = 0;
        var negative = number[i] == '-';
        if (negative)
            i++;

        var integerDigits = 0;
        var leadingZeros = 0;
        var nonZero = false;
        for (; i < number.Length && char.IsAsciiDigit(number[i]); i++)
        {
            integerDigits++;
            CountLeadingZero(number[i]);
        }

        var fractionDigits = 0;
        if (i < number.Length && number[i] == '.')
        {
            for (i++; i < number.Length && char.IsAsciiDigit(number[i]); i++)
            {
                fractionDigits++;
                CountLeadingZero(number[i]);
            }
        }

        long exponent = 0;
        if (i < number.Length && number[i] is 'e' or 'E')
        {
            i++;
            var negativeExponent = i < number.Length && number[i] == '-';
            if (i < number.Length && number[i] is '-' or '+')
                i++;
            for (; i < number.Length && char.IsAsciiDigit(number[i]); i++)
                exponent = Math.Min(saturation, exponent * 10 + (number[i] - '0'));
            if (negativeExponent)
                exponent = -exponent;
        }

        // Digits are "integer digits + fraction digits" with the point after the integer digits;
        // the exponent moves the point. Before it: the digits left of the point without leading
        // zeros (at least "0"); after it: the fraction digits as given, less those the exponent moved.
        var before = nonZero ? Math.Max(1, integerDigits + exponent - leadingZeros) : 1;
        var after = Math.Max(0, fractionDigits - exponent);
        return (negative && nonZero ? 1 : 0) + before + (after > 0 ? 1 + after : 0);

        void CountLeadingZero(char digit)
        {
            if (digit != '0')
                nonZero = true;
            else if (!nonZero)
                leadingZeros++;
        }
    }

    /// <summary>Every number in <paramref name="element"/> (its text as sent), with its path when <paramref name="root"/> is given.</summary>
    private static IEnumerable<(string Number, string? Path)> Numbers(JsonElement element, string? root)
    {
        var stack = new Stack<(JsonElement Element, string? Path)>();
        stack.Push((element, root));
        while (stack.Count > 0)
        {
            var (current, path) = stack.Pop();
            switch (current.ValueKind)
            {
                case JsonValueKind.Number:
                    yield return (current.GetRawText(), path);
                    break;
                case JsonValueKind.Object:
                    foreach (var property in current.EnumerateObject().Reverse())
                        stack.Push((property.Value, path is null ? null : $"{path}.{Shortened(property.Name)}"));
                    break;
                case JsonValueKind.Array:
                    var index = current.GetArrayLength();
                    foreach (var item in current.EnumerateArray().Reverse())
                        stack.Push((item, path is null ? null : $"{path}[{--index}]"));
                    break;
            }
        }
    }

    /// <summary>A property name short enough to quote in a message (never cut inside a surrogate pair).</summary>
    private static string Shortened(string name) =>
        name.Length <= 64 ? name : name[..(char.IsHighSurrogate(name[63]) ? 63 : 64)] + "…";

    /// <summary>
    /// Parses a stored document, however deeply it nests (up to <see cref="ReadMaxDepth"/>); a row that
    /// still cannot be parsed reads as an object saying so, rather than breaking the list it is in.
    /// </summary>
    public static JsonElement Read(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = ReadMaxDepth });
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            using var fallback = JsonDocument.Parse("{\"unreadable\":\"The stored JSON could not be read back (it nests too deeply).\"}");
            return fallback.RootElement.Clone();
        }
    }
}

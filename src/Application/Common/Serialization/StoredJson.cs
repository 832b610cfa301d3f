using System.Text;
using System.Text.Json;

namespace StateHub.Application.Common.Serialization;

/// <summary>
/// Limits on free-form JSON the hub stores (an event's <c>data</c>): checked at write time so that
/// whatever was accepted can always be serialized back, and a tolerant read for rows stored before
/// the limits existed.
/// </summary>
public static class StoredJson
{
    /// <summary>How deeply stored JSON may nest (an object or array is one level).</summary>
    public const int MaxDepth = 32;

    /// <summary>The largest stored JSON document, in UTF-8 bytes.</summary>
    public const int MaxBytes = 64 * 1024;

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

    /// <summary>The size of <paramref name="element"/> as UTF-8 JSON.</summary>
    public static int Utf8Length(JsonElement element) => Encoding.UTF8.GetByteCount(element.GetRawText());

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

using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;

namespace StateHub.Application.Common.Messaging;

/// <summary>
/// Base of partial-update requests. JSON deserialisation calls a property's setter only when the
/// property is present in the body, so each setter records its name: a handler changes exactly the
/// fields the client sent, and an explicit <c>null</c> is told apart from an absent field.
/// </summary>
public abstract record PatchRequest
{
    private readonly HashSet<string> _present = new(StringComparer.Ordinal);

    /// <summary>True when the client sent <paramref name="property"/> (use <c>nameof</c>).</summary>
    public bool Has(string property) => _present.Contains(property);

    /// <summary>The names of the properties the client sent; bookkeeping, not part of the wire format.</summary>
    [JsonIgnore]
    public IReadOnlyCollection<string> PresentProperties => _present;

    protected T Track<T>(T value, [CallerMemberName] string property = "")
    {
        _present.Add(property);
        return value;
    }
}

namespace StateHub.Application.Common.Concurrency;

/// <summary>
/// A read model of a resource that can be changed in place (it has a PATCH). Its
/// <see cref="UpdatedAt"/> is the version the API publishes as the resource's <c>ETag</c>
/// (see <see cref="EntityTag"/>), which a client sends back in <c>If-Match</c> to change it safely.
/// </summary>
public interface IVersionedDto
{
    DateTimeOffset UpdatedAt { get; }
}

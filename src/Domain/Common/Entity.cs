namespace StateHub.Domain.Common;

/// <summary>
/// Base of every persisted entity: a UUIDv7 id, increasing in the order entities are made (see <see cref="UuidV7"/>),
/// and audit timestamps stamped by persistence.
/// </summary>
public abstract class Entity
{
    public Guid Id { get; protected init; } = UuidV7.NewId();

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    private List<IDomainEvent>? _domainEvents;

    /// <summary>Records that something happened; the unit of work dispatches it when it saves.</summary>
    protected void Raise(IDomainEvent domainEvent) => (_domainEvents ??= []).Add(domainEvent);

    /// <summary>Returns the events raised since the last call and forgets them (the unit of work calls this).</summary>
    public IReadOnlyList<IDomainEvent> TakeDomainEvents()
    {
        if (_domainEvents is not { Count: > 0 } events)
            return [];
        _domainEvents = null;
        return events;
    }

    public void StampCreated(DateTimeOffset now)
    {
        CreatedAt = now;
        UpdatedAt = now;
    }

    /// <summary>
    /// Moves <see cref="UpdatedAt"/> to <paramref name="now"/>, or a microsecond past its current
    /// value when the clock has not moved on: updated_at is the resource's version (its ETag), so
    /// every change must yield a new one, even two changes within one clock tick.
    /// </summary>
    public void StampUpdated(DateTimeOffset now) =>
        UpdatedAt = now > UpdatedAt ? now : UpdatedAt.AddTicks(TimeSpan.TicksPerMicrosecond);
}

namespace StateHub.Domain.Common;

/// <summary>Base of every persisted entity: a UUID id and audit timestamps stamped by persistence.</summary>
public abstract class Entity
{
    public Guid Id { get; protected init; } = Guid.CreateVersion7();

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public void StampCreated(DateTimeOffset now)
    {
        CreatedAt = now;
        UpdatedAt = now;
    }

    public void StampUpdated(DateTimeOffset now) => UpdatedAt = now;
}

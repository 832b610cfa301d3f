namespace StateHub.Domain.Common;

/// <summary>
/// Something that happened to an entity, raised by the entity itself (<see cref="Entity.Raise"/>).
/// The unit of work collects events when it saves and hands each one, inside the same transaction,
/// to the Application's <c>IDomainEventHandler&lt;T&gt;</c>s (progress events, inbox messages, outbox).
/// </summary>
public interface IDomainEvent;

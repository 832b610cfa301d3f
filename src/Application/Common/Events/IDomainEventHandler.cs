using Microsoft.Extensions.DependencyInjection;
using StateHub.Domain.Common;

namespace StateHub.Application.Common.Events;

/// <summary>
/// Reacts to a domain event inside the transaction of the command that raised it, before commit:
/// it may load entities and add new ones (a progress event, inbox messages, an outbox row); what
/// it adds is saved with the command, and events those entities raise are dispatched in turn.
/// Register nothing: every implementation in the Application assembly is found by scanning.
/// </summary>
public interface IDomainEventHandler<in TEvent>
    where TEvent : IDomainEvent
{
    Task Handle(TEvent domainEvent, CancellationToken cancellationToken);
}

/// <summary>Hands a domain event to every <see cref="IDomainEventHandler{TEvent}"/> of its type (the unit of work calls it).</summary>
public interface IDomainEventDispatcher
{
    Task DispatchAsync(IDomainEvent domainEvent, CancellationToken cancellationToken);
}

internal sealed class DomainEventDispatcher(IServiceProvider services) : IDomainEventDispatcher
{
    public async Task DispatchAsync(IDomainEvent domainEvent, CancellationToken cancellationToken)
    {
        var dispatcher = (IDispatcher)Activator.CreateInstance(typeof(Dispatcher<>).MakeGenericType(domainEvent.GetType()))!;
        await dispatcher.DispatchAsync(services, domainEvent, cancellationToken);
    }

    private interface IDispatcher
    {
        Task DispatchAsync(IServiceProvider services, IDomainEvent domainEvent, CancellationToken cancellationToken);
    }

    private sealed class Dispatcher<TEvent> : IDispatcher
        where TEvent : IDomainEvent
    {
        public async Task DispatchAsync(IServiceProvider services, IDomainEvent domainEvent, CancellationToken cancellationToken)
        {
            foreach (var handler in services.GetServices<IDomainEventHandler<TEvent>>())
                await handler.Handle((TEvent)domainEvent, cancellationToken);
        }
    }
}

using MediatR;

namespace StateHub.Application.Common.Messaging;

/// <summary>Marks a request that changes state; the pipeline runs each one in a single transaction.</summary>
public interface ICommand<out TResponse> : IRequest<TResponse>, ICommandMarker;

/// <summary>Non-generic marker so behaviours can recognise commands without reflection over generics.</summary>
public interface ICommandMarker;

/// <summary>Marks a request that only reads.</summary>
public interface IQuery<out TResponse> : IRequest<TResponse>;

/// <summary>
/// Marks a request a background loop sends on a timer on every node (the claim sweep): logged at
/// Debug, not Information, so a node's log is not one line per tick.
/// </summary>
public interface IPeriodicRequest;

using MediatR;
using StateHub.Application.Common.Abstractions;

namespace StateHub.Application.Common.Messaging;

/// <summary>
/// Handles a command: loads aggregates through repositories, calls methods on them (which raise
/// domain events), adds new entities, and returns how to build the answer. It never saves: the
/// pipeline saves once (stamping <c>created_at</c>/<c>updated_at</c>, dispatching domain events,
/// turning provider errors into Application exceptions) and only then builds the answer, so the
/// answer carries the stamps (and the ETag) the row now has.
/// </summary>
public interface ICommandHandler<in TCommand, TResponse>
    where TCommand : ICommand<TResponse>
{
    /// <returns>A function that maps the changed entities to the response; it runs after the save.</returns>
    Task<Func<TResponse>> Handle(TCommand command, CancellationToken cancellationToken);
}

/// <summary>
/// The MediatR handler of every command: runs its <see cref="ICommandHandler{TCommand,TResponse}"/>,
/// saves through the unit of work (the only save in the Application), then builds the response.
/// The transaction behaviour around it commits.
/// </summary>
internal sealed class CommandHandlerAdapter<TCommand, TResponse>(ICommandHandler<TCommand, TResponse> inner, IUnitOfWork unitOfWork)
    : IRequestHandler<TCommand, TResponse>
    where TCommand : ICommand<TResponse>
{
    public async Task<TResponse> Handle(TCommand request, CancellationToken cancellationToken)
    {
        var respond = await inner.Handle(request, cancellationToken);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return respond();
    }
}

using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Messaging;

namespace StateHub.Application.Common.Behaviours;

/// <summary>
/// Runs each command in one transaction: everything it changed commits together, or nothing does.
/// The constraint keeps it out of every query's pipeline: the container skips an open generic whose
/// constraint a request does not meet, so a read never builds the unit of work and what it depends on.
/// </summary>
public sealed class TransactionBehaviour<TRequest, TResponse>(IUnitOfWork unitOfWork)
    : IPipelineBehavior<TRequest, TResponse>
    where TRequest : ICommandMarker
{
    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next) =>
        unitOfWork.ExecuteInTransactionAsync(_ => next(), cancellationToken);
}

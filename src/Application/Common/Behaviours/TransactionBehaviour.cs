using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Messaging;

namespace StateHub.Application.Common.Behaviours;

/// <summary>Runs each command in one transaction: everything it changed commits together, or nothing does.</summary>
public sealed class TransactionBehaviour<TRequest, TResponse>(IUnitOfWork unitOfWork)
    : IPipelineBehavior<TRequest, TResponse>
{
    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next) =>
        request is ICommandMarker
            ? unitOfWork.ExecuteInTransactionAsync(_ => next(), cancellationToken)
            : next();
}

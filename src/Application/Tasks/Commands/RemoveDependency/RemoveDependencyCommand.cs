using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Common.Messaging;
using StateHub.Application.Common.Security;

namespace StateHub.Application.Tasks.Commands.RemoveDependency;

/// <summary>Removes one of a task's dependencies; unknown task or dependency → 404.</summary>
public sealed record RemoveDependencyCommand(Guid TaskId, Guid DependencyId) : ICommand<Unit>, IRepoOwnedRequest
{
    AccessTarget IRepoOwnedRequest.AccessTarget => new(AccessTargetKind.Task, TaskId);
}

internal sealed class RemoveDependencyCommandHandler(IWorkstreamRepository workstreams, ITaskDependencyRepository dependencies)
    : ICommandHandler<RemoveDependencyCommand, Unit>
{
    public async Task<Func<Unit>> Handle(RemoveDependencyCommand request, CancellationToken cancellationToken)
    {
        _ = await workstreams.GetTaskAsync(request.TaskId, cancellationToken) ?? throw NotFoundException.Task(request.TaskId);
        var dependency = await dependencies.GetAsync(request.TaskId, request.DependencyId, cancellationToken)
            ?? throw new NotFoundException($"Task '{request.TaskId}' has no dependency '{request.DependencyId}'");
        dependencies.Remove(dependency);
        return () => Unit.Value;
    }
}

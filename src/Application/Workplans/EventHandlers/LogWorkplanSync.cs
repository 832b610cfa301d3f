using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Events;
using StateHub.Application.Workplans.Commands.SyncRepo;
using StateHub.Domain.Events;
using StateHub.Domain.Repos;

namespace StateHub.Application.Workplans.EventHandlers;

/// <summary>A fixing sync leaves a <c>workplan_sync</c> entry on the repo's timeline.</summary>
internal sealed class LogWorkplanSync(IProgressEventRepository events) : IDomainEventHandler<WorkplanSynced>
{
    public Task Handle(WorkplanSynced domainEvent, CancellationToken cancellationToken)
    {
        events.Add(ProgressEvent.Create(domainEvent.Repo.Id, SyncRepoCommand.ProgressEventKind, domainEvent.Summary, domainEvent.Data));
        return Task.CompletedTask;
    }
}

using AutoMapper;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Common.Messaging;

namespace StateHub.Application.Inbox.Commands.MarkInboxMessageRead;

/// <summary>Marks a message read. Idempotent: marking it again keeps the first <c>read_at</c>.</summary>
public sealed record MarkInboxMessageReadCommand(Guid Id) : ICommand<InboxMessageDto>;

internal sealed class MarkInboxMessageReadCommandHandler(
    IInboxRepository inbox, IRepoRepository repos, TimeProvider clock, IMapper mapper)
    : ICommandHandler<MarkInboxMessageReadCommand, InboxMessageDto>
{
    public async Task<Func<InboxMessageDto>> Handle(MarkInboxMessageReadCommand request, CancellationToken cancellationToken)
    {
        var message = await inbox.GetForUpdateAsync(request.Id, cancellationToken)
            ?? throw NotFoundException.InboxMessage(request.Id);
        message.MarkRead(clock.GetUtcNow());


        var repo = await repos.GetByIdAsync(message.RepoId, cancellationToken)
            ?? throw new InvalidOperationException($"Recipient repo {message.RepoId} of an inbox message is missing.");
        return () => mapper.Map<InboxMessageDto>(message) with { RepoSlug = repo.Slug };
    }
}

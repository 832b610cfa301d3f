using System.Text.Json.Serialization;
using AutoMapper;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Concurrency;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Common.Messaging;

namespace StateHub.Application.InterfaceChanges.Commands.PublishInterfaceChange;

/// <summary>
/// Publishes a draft, in one transaction: stamps <c>published_at</c>, writes one inbox message to
/// each affected repo and one progress event on the origin. Only a draft can be published (409).
/// </summary>
public sealed record PublishInterfaceChangeCommand(Guid Id) : ICommand<InterfaceChangeDto>
{
    /// <summary>The request's <c>If-Match</c> header, if any (see <see cref="IfMatchPrecondition"/>); not part of the body.</summary>
    [JsonIgnore]
    public string? IfMatch { get; init; }
}

internal sealed class PublishInterfaceChangeCommandHandler(
    IInterfaceChangeRepository changes,
    IRepoRepository repos,
    IUnitOfWork unitOfWork,
    TimeProvider clock,
    IMapper mapper)
    : ICommandHandler<PublishInterfaceChangeCommand, InterfaceChangeDto>
{
    public async Task<Func<InterfaceChangeDto>> Handle(PublishInterfaceChangeCommand request, CancellationToken cancellationToken)
    {
        // The row stays locked until the transaction commits, so of concurrent moves the first
        // wins and the others find the change already moved on: nobody is notified twice. The
        // inbox messages and the origin's progress event are written by AnnounceInterfaceChange.
        var change = await changes.GetForUpdateAsync(request.Id, cancellationToken)
            ?? throw NotFoundException.InterfaceChange(request.Id);
        await unitOfWork.RequireIfMatchAsync(request.IfMatch, change, "interface change", cancellationToken);
        change.Publish(clock.GetUtcNow());

        var origin = await InterfaceChangeRules.OriginOfAsync(repos, change.OriginRepoId, cancellationToken);
        return () => mapper.Map<InterfaceChangeDto>(change) with { OriginRepoSlug = origin.Slug };
    }
}

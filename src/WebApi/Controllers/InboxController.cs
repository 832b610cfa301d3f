using Microsoft.AspNetCore.Mvc;
using StateHub.Application.Common.Paging;
using StateHub.Application.Inbox;
using StateHub.Application.Inbox.Commands.MarkInboxMessageRead;
using StateHub.Application.Inbox.Queries.ListInbox;
using StateHub.WebApi.Security;

namespace StateHub.WebApi.Controllers;

/// <summary>Each repo's inbox: what other repos told its agent, e.g. that an interface it uses is changing.</summary>
public sealed class InboxController : ApiControllerBase
{
    /// <summary>List a repo's inbox, newest first.</summary>
    /// <param name="slug">The recipient repo.</param>
    /// <param name="unread">true: only unread messages; false: only read ones; absent: all.</param>
    [HttpGet("repos/{slug}/inbox")]
    [ProducesResponseType(typeof(IReadOnlyList<InboxMessageDto>), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<IReadOnlyList<InboxMessageDto>> ListInbox(
        string slug,
        [FromQuery(Name = "unread")] bool? unread,
        [FromQuery(Name = "limit")] int? limit,
        [FromQuery(Name = "cursor")] string? cursor,
        CancellationToken cancellationToken) =>
        Paged(await Mediator.Send(new ListInboxQuery(slug, unread) { Limit = limit, Cursor = cursor }, cancellationToken));

    /// <summary>Mark a message read. Idempotent: the first read time is kept.</summary>
    [Sends(typeof(MarkInboxMessageReadCommand))]
    [HttpPost("inbox/{id}/read")]
    [ProducesResponseType(typeof(InboxMessageDto), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public Task<InboxMessageDto> MarkInboxMessageRead(Guid id, CancellationToken cancellationToken) =>
        Mediator.Send(new MarkInboxMessageReadCommand(id), cancellationToken);
}

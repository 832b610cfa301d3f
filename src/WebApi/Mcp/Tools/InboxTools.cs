using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using MediatR;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using StateHub.Application.Common.Paging;
using StateHub.Application.Inbox;
using StateHub.Application.Inbox.Commands.MarkInboxMessageRead;
using StateHub.Application.Inbox.Queries.ListInbox;
using StateHub.WebApi.Security;

namespace StateHub.WebApi.Mcp.Tools;

/// <summary>A repo's inbox as MCP tools; each sends the request its HTTP twin in <c>InboxController</c> sends.</summary>
[McpServerToolType]
public sealed class InboxTools(IMediator mediator)
{
    [McpServerTool(Name = "list_inbox", Title = "List a repo's inbox", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Lists the messages other repos sent to a repo's agent, newest first (HTTP twin: GET /repos/{slug}/inbox), e.g. "
        + "that an interface it uses is changing (kind interface_change_published or interface_change_resolved, with "
        + "interface_change_id). Pass unread=true for what is new; mark each handled message with mark_inbox_read. "
        + "Fails when the repo is not registered." + McpPage.ResultDescription)]
    public async Task<CallToolResult> ListInbox(
        [Description("Slug of the registered repo whose inbox to read.")] string repo_slug,
        [Description("true: only unread messages; false: only read ones; leave out for all.")] bool? unread = null,
        [Description(McpPage.LimitDescription + "Default 100."), Range(Paging.MinLimit, Paging.MaxLimit)] int? limit = null,
        [Description(McpPage.CursorDescription)] string? cursor = null,
        CancellationToken cancellationToken = default) =>
        McpPage.Of(await mediator.Send(new ListInboxQuery(repo_slug, unread) { Limit = limit, Cursor = cursor }, cancellationToken));

    [Sends(typeof(MarkInboxMessageReadCommand))]
    [McpServerTool(Name = "mark_inbox_read", Title = "Mark an inbox message read", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Marks one inbox message read (HTTP twin: POST /inbox/{id}/read), so it no longer counts in get_dispatch's "
        + "unread_inbox_count. Idempotent: marking it again keeps the first read_at. Returns the message.")]
    public Task<InboxMessageDto> MarkInboxRead(
        [Description("The id (UUID) of the message, as list_inbox returns it.")] Guid message_id,
        CancellationToken cancellationToken = default) =>
        mediator.Send(new MarkInboxMessageReadCommand(message_id), cancellationToken);
}

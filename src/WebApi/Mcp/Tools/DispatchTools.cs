using System.ComponentModel;
using MediatR;
using ModelContextProtocol.Server;
using StateHub.Application.Dispatch;
using StateHub.Application.Dispatch.Queries.GetDispatch;

namespace StateHub.WebApi.Mcp.Tools;

/// <summary>Dispatch as an MCP tool; sends the request <c>DispatchController</c> sends.</summary>
[McpServerToolType]
public sealed class DispatchTools(IMediator mediator)
{
    [McpServerTool(Name = "get_dispatch", Title = "Get a repo's dispatch briefing", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("What an agent calls first in a session (HTTP twin: GET /repos/{slug}/dispatch). Returns the repo's most urgent "
        + "active goal (active_goal, or null), its active workstreams with their pending (todo and in_progress) tasks by priority "
        + "(1 = most urgent), the pending tasks that need a human (human_interventions), published and unresolved interface changes "
        + "that affect the repo (pending_interface_changes, newest first), the number of unread inbox messages (unread_inbox_count) "
        + "and when its workplan files were last synced (last_state_synced_at). Fails when the repo is not registered.")]
    public Task<DispatchDto> GetDispatch(
        [Description("Slug of the registered repo to brief, e.g. \"repo-registry\".")] string repo_slug,
        CancellationToken cancellationToken = default) =>
        mediator.Send(new GetDispatchQuery(repo_slug), cancellationToken);
}

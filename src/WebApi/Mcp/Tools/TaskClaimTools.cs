using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using MediatR;
using ModelContextProtocol.Server;
using StateHub.Application.Tasks;
using StateHub.Application.Tasks.Commands.AddDependency;
using StateHub.Application.Tasks.Commands.ClaimNextTask;
using StateHub.Application.Tasks.Commands.ClaimTask;
using StateHub.Application.Tasks.Commands.ReleaseTask;
using StateHub.Application.Tasks.Commands.RenewClaim;
using StateHub.Domain.Work;
using StateHub.WebApi.Security;

namespace StateHub.WebApi.Mcp.Tools;

/// <summary>Claims and dependencies as MCP tools; each sends the request its HTTP twin in <c>TasksController</c> sends.</summary>
[McpServerToolType]
public sealed class TaskClaimTools(IMediator mediator)
{
    [Sends(typeof(ClaimTaskCommand))]
    [McpServerTool(Name = "claim_task", Title = "Claim a task", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false)]
    [Description("Claims one task for a while so no other agent takes it (HTTP twin: POST /tasks/{id}/claim): a todo task, or an "
        + "in_progress one whose claim expired, becomes in_progress with claimed_by, claim_expires_at and a new claim_token (a fencing "
        + "number: keep it, renew_claim, release_task and status changes need it). Claiming again as the same claimant renews. Fails "
        + "(conflict) when someone else holds an unexpired claim (naming them and the expiry), when the task is done, blocked or "
        + "cancelled, or when it is not ready (naming its blockers).")]
    public Task<TaskDto> ClaimTask(
        [Description("The id (UUID) of the task.")] Guid task_id,
        [Description("Who claims: free-form, e.g. the agent's name and session.")] string claimant,
        [Description("How long the claim holds, in seconds (5-86400, default 900). Renew before it lapses.")] int? ttl_seconds = null,
        CancellationToken cancellationToken = default) =>
        mediator.Send(new ClaimTaskCommand { Id = task_id, Claimant = claimant, TtlSeconds = ttl_seconds }, cancellationToken);

    [Sends(typeof(ClaimNextTaskCommand))]
    [McpServerTool(Name = "claim_next_task", Title = "Claim the most urgent ready task of a repo", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false)]
    [Description("Claims the most urgent ready task of the repo's active workstreams (priority, then creation) that nobody holds "
        + "(HTTP twin: POST /repos/{slug}/claim-next). Agents calling it at the same time always get different tasks. Returns "
        + "{claimed: true, task} with the task and its claim_token, or {claimed: false, task: null} when no task is ready.")]
    public async Task<ClaimNextTaskResult> ClaimNextTask(
        [Description("Slug of the registered repo to take work from.")] string repo_slug,
        [Description("Who claims: free-form, e.g. the agent's name and session.")] string claimant,
        [Description("How long the claim holds, in seconds (5-86400, default 900).")] int? ttl_seconds = null,
        CancellationToken cancellationToken = default)
    {
        var task = await mediator.Send(new ClaimNextTaskCommand { Slug = repo_slug, Claimant = claimant, TtlSeconds = ttl_seconds }, cancellationToken);
        return new ClaimNextTaskResult(task is not null, task);
    }

    [Sends(typeof(RenewClaimCommand))]
    [McpServerTool(Name = "renew_claim", Title = "Renew a task claim", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Extends your claim of a task to now + ttl_seconds (HTTP twin: POST /tasks/{id}/renew). Fails (conflict) when the "
        + "claim_token is stale (someone claimed the task after your claim expired) or your claim already expired.")]
    public Task<TaskDto> RenewClaim(
        [Description("The id (UUID) of the task.")] Guid task_id,
        [Description("The claim_token your claim returned.")] long claim_token,
        [Description("How long the claim holds from now, in seconds (5-86400, default 900).")] int? ttl_seconds = null,
        CancellationToken cancellationToken = default) =>
        mediator.Send(new RenewClaimCommand { Id = task_id, ClaimToken = claim_token, TtlSeconds = ttl_seconds }, cancellationToken);

    [Sends(typeof(ReleaseTaskCommand))]
    [McpServerTool(Name = "release_task", Title = "Release a claimed task", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false)]
    [Description("Ends your claim of a task and sets its status (HTTP twin: POST /tasks/{id}/release): todo (default, give it back), "
        + "done, blocked or cancelled. Fails (conflict) when the claim_token is stale or the claim expired.")]
    public Task<TaskDto> ReleaseTask(
        [Description("The id (UUID) of the task.")] Guid task_id,
        [Description("The claim_token your claim returned.")] long claim_token,
        [Description("The task's status afterwards: todo (default), done, blocked or cancelled."),
         AllowedValues(WorkTaskStatus.Todo, WorkTaskStatus.Done, WorkTaskStatus.Blocked, WorkTaskStatus.Cancelled)] WorkTaskStatus? status = null,
        CancellationToken cancellationToken = default) =>
        mediator.Send(new ReleaseTaskCommand { Id = task_id, ClaimToken = claim_token, Status = status }, cancellationToken);

    [Sends(typeof(AddDependencyCommand))]
    [McpServerTool(Name = "add_dependency", Title = "Make a task wait for another task or an interface change", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false)]
    [Description("Records that a task cannot start before another task (in any repo) is done or cancelled, or before an interface "
        + "change is resolved (HTTP twin: POST /tasks/{id}/dependencies). Give exactly one of blocked_by_task_id and "
        + "blocked_by_interface_change_id. The task is not ready (claim_next_task skips it) until then. Fails (conflict) when the "
        + "dependency would close a cycle, naming it, or already exists.")]
    public Task<DependencyDto> AddDependency(
        [Description("The id (UUID) of the task that waits.")] Guid task_id,
        [Description("The id (UUID) of the task it waits for.")] Guid? blocked_by_task_id = null,
        [Description("The id (UUID) of the interface change it waits for.")] Guid? blocked_by_interface_change_id = null,
        CancellationToken cancellationToken = default) =>
        mediator.Send(new AddDependencyCommand { TaskId = task_id, BlockedByTaskId = blocked_by_task_id, BlockedByInterfaceChangeId = blocked_by_interface_change_id }, cancellationToken);
}

/// <summary>What claim_next_task returns: the claimed task, or claimed false when none was ready.</summary>
public sealed record ClaimNextTaskResult(bool Claimed, TaskDto? Task);

using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using MediatR;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using StateHub.Application.Common.Paging;
using StateHub.Application.Goals;
using StateHub.Application.Goals.Commands.CreateGoal;
using StateHub.Application.Goals.Commands.UpdateGoal;
using StateHub.Application.Goals.Queries.ListGoals;
using StateHub.Application.Tasks;
using StateHub.Application.Tasks.Commands.CreateTask;
using StateHub.Application.Tasks.Commands.UpdateTask;
using StateHub.Application.Tasks.Queries.ListTasks;
using StateHub.Application.Workstreams;
using StateHub.Application.Workstreams.Commands.CreateWorkstream;
using StateHub.Application.Workstreams.Commands.UpdateWorkstream;
using StateHub.Application.Workstreams.Queries.ListWorkstreams;
using StateHub.Domain.Work;
using StateHub.WebApi.Security;

namespace StateHub.WebApi.Mcp.Tools;

/// <summary>
/// Goals, workstreams and tasks as MCP tools; each sends the request its HTTP twin in
/// GoalsController, WorkstreamsController or TasksController sends. Update tools change only the
/// arguments given (a partial update, as PATCH).
/// </summary>
[McpServerToolType]
public sealed class WorkTools(IMediator mediator)
{
    [McpServerTool(Name = "list_goals", Title = "List a repo's goals", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Lists a repo's goals, most urgent first (GET /repos/{slug}/goals)." + McpPage.ResultDescription)]
    public async Task<CallToolResult> ListGoals(
        [Description("The repo's slug.")] string repo_slug,
        [Description(McpPage.LimitDescription + "Leave out for all of them."), Range(Paging.MinLimit, Paging.MaxLimit)] int? limit = null,
        [Description(McpPage.CursorDescription)] string? cursor = null,
        CancellationToken cancellationToken = default) =>
        McpPage.Of(await mediator.Send(new ListGoalsQuery(repo_slug) { Limit = limit, Cursor = cursor }, cancellationToken));

    [Sends(typeof(CreateGoalCommand))]
    [McpServerTool(Name = "create_goal", Title = "Create a goal", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false)]
    [Description("Adds a goal to a repo (POST /repos/{slug}/goals); returns the goal.")]
    public Task<GoalDto> CreateGoal(
        [Description("The repo's slug.")] string repo_slug,
        [Description("Short title, e.g. \"Ship v1\".")] string title,
        [Description("Longer description, if any.")] string? description = null,
        [Description("1 is the most urgent; default 3.")] int? priority = null,
        [Description("active (default), achieved or abandoned.")] GoalStatus? status = null,
        CancellationToken cancellationToken = default) =>
        mediator.Send(new CreateGoalCommand
        {
            RepoSlug = repo_slug, Title = title, Description = description, Priority = priority, Status = status,
        }, cancellationToken);

    [Sends(typeof(UpdateGoalCommand))]
    [McpServerTool(Name = "update_goal", Title = "Update a goal", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Changes only the given fields of a goal (PATCH /goals/{id}).")]
    public Task<GoalDto> UpdateGoal(
        [Description("The goal's id (UUID).")] Guid id,
        [Description("New title for it.")] string? title = null,
        [Description("Longer description, if any.")] string? description = null,
        [Description("1 is the most urgent (1-1000).")] int? priority = null,
        [Description("active, achieved or abandoned.")] GoalStatus? status = null,
        CancellationToken cancellationToken = default)
    {
        var command = new UpdateGoalCommand { Id = id };
        if (title is not null)
            command = command with { Title = title };
        if (description is not null)
            command = command with { Description = description };
        if (priority is not null)
            command = command with { Priority = priority };
        if (status is not null)
            command = command with { Status = status };
        return mediator.Send(command, cancellationToken);
    }

    [McpServerTool(Name = "list_workstreams", Title = "List a repo's workstreams", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Lists a repo's workstreams, oldest first (GET /repos/{slug}/workstreams)." + McpPage.ResultDescription)]
    public async Task<CallToolResult> ListWorkstreams(
        [Description("The repo's slug.")] string repo_slug,
        [Description(McpPage.LimitDescription + "Leave out for all of them."), Range(Paging.MinLimit, Paging.MaxLimit)] int? limit = null,
        [Description(McpPage.CursorDescription)] string? cursor = null,
        CancellationToken cancellationToken = default) =>
        McpPage.Of(await mediator.Send(new ListWorkstreamsQuery(repo_slug) { Limit = limit, Cursor = cursor }, cancellationToken));

    [Sends(typeof(CreateWorkstreamCommand))]
    [McpServerTool(Name = "create_workstream", Title = "Create a workstream", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false)]
    [Description("Adds a workstream (workplan) to a repo (POST /repos/{slug}/workstreams).")]
    public Task<WorkstreamDto> CreateWorkstream(
        [Description("The repo's slug.")] string repo_slug,
        [Description("Unique in the repo, e.g. CUST-WP-0033.")] string key,
        [Description("Short title, e.g. \"Ship v1\".")] string title,
        [Description("active (default), paused, done or archived.")] WorkstreamStatus? status = null,
        [Description("The workplan file, relative to the repo root.")] string? source_path = null,
        CancellationToken cancellationToken = default) =>
        mediator.Send(new CreateWorkstreamCommand
        {
            RepoSlug = repo_slug, Key = key, Title = title, Status = status, SourcePath = source_path,
        }, cancellationToken);

    [Sends(typeof(UpdateWorkstreamCommand))]
    [McpServerTool(Name = "update_workstream", Title = "Update a workstream", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Changes only the given fields of a workstream (PATCH /workstreams/{id}).")]
    public Task<WorkstreamDto> UpdateWorkstream(
        [Description("The workstream's id (UUID).")] Guid id,
        [Description("New key (unique in its parent).")] string? key = null,
        [Description("New title for it.")] string? title = null,
        [Description("active, paused, done or archived.")] WorkstreamStatus? status = null,
        [Description("Workplan file, relative to the repo root.")] string? source_path = null,
        CancellationToken cancellationToken = default)
    {
        var command = new UpdateWorkstreamCommand { Id = id };
        if (key is not null)
            command = command with { Key = key };
        if (title is not null)
            command = command with { Title = title };
        if (status is not null)
            command = command with { Status = status };
        if (source_path is not null)
            command = command with { SourcePath = source_path };
        return mediator.Send(command, cancellationToken);
    }

    [McpServerTool(Name = "list_tasks", Title = "List a workstream's tasks", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Lists a workstream's tasks, most urgent first (GET /workstreams/{id}/tasks)." + McpPage.ResultDescription)]
    public async Task<CallToolResult> ListTasks(
        [Description("The workstream's id (UUID).")] Guid workstream_id,
        [Description(McpPage.LimitDescription + "Leave out for all of them."), Range(Paging.MinLimit, Paging.MaxLimit)] int? limit = null,
        [Description(McpPage.CursorDescription)] string? cursor = null,
        CancellationToken cancellationToken = default) =>
        McpPage.Of(await mediator.Send(new ListTasksQuery(workstream_id) { Limit = limit, Cursor = cursor }, cancellationToken));

    [Sends(typeof(CreateTaskCommand))]
    [McpServerTool(Name = "create_task", Title = "Create a task", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false)]
    [Description("Adds a task to a workstream (POST /workstreams/{id}/tasks); returns the task.")]
    public Task<TaskDto> CreateTask(
        [Description("The workstream's id (UUID).")] Guid workstream_id,
        [Description("Unique in the workstream, e.g. T01.")] string key,
        [Description("Short title, e.g. \"Ship v1\".")] string title,
        [Description("1 is the most urgent; default 3.")] int? priority = null,
        [Description("todo (default), in_progress, blocked, done or cancelled.")] WorkTaskStatus? status = null,
        [Description("true when a human must act on it.")] bool? needs_human = null,
        CancellationToken cancellationToken = default) =>
        mediator.Send(new CreateTaskCommand
        {
            WorkstreamId = workstream_id, Key = key, Title = title, Priority = priority, Status = status, NeedsHuman = needs_human,
        }, cancellationToken);

    [Sends(typeof(UpdateTaskCommand))]
    [McpServerTool(Name = "update_task", Title = "Update a task", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Changes the given fields of a task (PATCH /tasks/{id}), e.g. status=done; a claimed task's status change needs claim_token.")]
    public Task<TaskDto> UpdateTask(
        [Description("The task's id (UUID).")] Guid id,
        [Description("New key (unique in its parent).")] string? key = null,
        [Description("New title for it.")] string? title = null,
        [Description("1 is the most urgent (1-1000).")] int? priority = null,
        [Description("todo, in_progress, blocked, done or cancelled.")] WorkTaskStatus? status = null,
        [Description("true when a human must act on it.")] bool? needs_human = null,
        [Description("While the task is claimed, changing its status needs the holder's current claim_token (the HTTP API's Claim-Token header).")] long? claim_token = null,
        CancellationToken cancellationToken = default)
    {
        var command = new UpdateTaskCommand { Id = id, ClaimToken = claim_token };
        if (key is not null)
            command = command with { Key = key };
        if (title is not null)
            command = command with { Title = title };
        if (priority is not null)
            command = command with { Priority = priority };
        if (status is not null)
            command = command with { Status = status };
        if (needs_human is not null)
            command = command with { NeedsHuman = needs_human };
        return mediator.Send(command, cancellationToken);
    }
}

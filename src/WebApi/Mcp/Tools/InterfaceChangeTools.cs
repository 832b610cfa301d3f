using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using MediatR;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using StateHub.Application.Common.Paging;
using StateHub.Application.InterfaceChanges;
using StateHub.Application.InterfaceChanges.Commands.AcknowledgeInterfaceChange;
using StateHub.Application.InterfaceChanges.Commands.PublishInterfaceChange;
using StateHub.Application.InterfaceChanges.Commands.RegisterInterfaceChange;
using StateHub.Application.InterfaceChanges.Commands.ResolveInterfaceChange;
using StateHub.Application.InterfaceChanges.Queries.GetInterfaceChange;
using StateHub.Application.InterfaceChanges.Queries.ListInterfaceChanges;
using StateHub.Domain.InterfaceChanges;
using StateHub.WebApi.Security;

namespace StateHub.WebApi.Mcp.Tools;

/// <summary>The Interface Change Registry as MCP tools; each sends the request its HTTP twin in <c>InterfaceChangesController</c> sends.</summary>
[McpServerToolType]
public sealed class InterfaceChangeTools(IMediator mediator)
{
    [Sends(typeof(RegisterInterfaceChangeCommand))]
    [McpServerTool(Name = "register_interface_change", Title = "Register an interface change (draft)", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false)]
    [Description("Registers a draft change to an interface your repo offers to other repos (HTTP twin: POST /interface-changes/). "
        + "Nobody is notified until you call publish_interface_change with the returned id. Lifecycle: draft -> published -> resolved. "
        + "Fails when the origin repo or an affected repo is not registered.")]
    public Task<InterfaceChangeDto> RegisterInterfaceChange(
        [Description("Slug of the registered repo that offers the changing interface (usually your own repo).")] string origin_repo_slug,
        [Description("Short title of the change, e.g. \"Repo routes answer with and without a trailing slash\".")] string title,
        [Description("What kind of change: breaking (consumers must change), additive (new, nothing breaks), deprecation (still works, "
            + "will go), removal (gone), behavioural (same shape, different behaviour).")] ChangeType change_type,
        [Description("What kind of interface changes: http_api, mcp_tool, cli, library, schema, event or file_format.")] InterfaceType interface_type,
        [Description("What changes and what consumers must do; sent in the inbox message to every affected repo.")] string? description = null,
        [Description("Slugs of the registered repos that must react; each gets an inbox message on publish and on resolve.")] IReadOnlyList<string>? affected_repo_slugs = null,
        [Description("Routes, files or symbols that change, e.g. [\"/repos/\", \"POST /repos/{slug}/sync\"].")] IReadOnlyList<string>? affected_paths = null,
        [Description("When the change is planned to land, as YYYY-MM-DD.")] DateOnly? planned_for = null,
        CancellationToken cancellationToken = default) =>
        mediator.Send(new RegisterInterfaceChangeCommand
        {
            OriginRepoSlug = origin_repo_slug,
            Title = title,
            Description = description,
            ChangeType = change_type,
            InterfaceType = interface_type,
            AffectedRepoSlugs = affected_repo_slugs,
            AffectedPaths = affected_paths,
            PlannedFor = planned_for,
        }, cancellationToken);

    [McpServerTool(Name = "list_interface_changes", Title = "List interface changes", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Lists interface changes, newest first (GET /interface-changes/). Filters: status, origin, affected (repo slugs)." + McpPage.ResultDescription)]
    public async Task<CallToolResult> ListInterfaceChanges(
        [Description("draft, published or resolved.")] InterfaceChangeStatus? status = null,
        [Description("Only changes offered by this repo (slug).")] string? origin = null,
        [Description("Only changes affecting this repo (slug).")] string? affected = null,
        [Description(McpPage.LimitDescription + "Default 100."), Range(Paging.MinLimit, Paging.MaxLimit)] int? limit = null,
        [Description(McpPage.CursorDescription)] string? cursor = null,
        CancellationToken cancellationToken = default) =>
        McpPage.Of(await mediator.Send(
            new ListInterfaceChangesQuery(status, origin, affected) { Limit = limit, Cursor = cursor }, cancellationToken));

    [McpServerTool(Name = "get_interface_change", Title = "Get an interface change", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("One interface change with its consumers' statuses (GET /interface-changes/{id}).")]
    public Task<InterfaceChangeDto> GetInterfaceChange(
        [Description("The change's id (UUID).")] Guid id,
        CancellationToken cancellationToken = default) =>
        mediator.Send(new GetInterfaceChangeQuery(id), cancellationToken);

    [Sends(typeof(AcknowledgeInterfaceChangeCommand))]
    [McpServerTool(Name = "acknowledge_interface_change", Title = "Acknowledge an interface change", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Reports your repo's status for a published change (POST /interface-changes/{id}/acknowledgements/{repo_slug}): "
        + "acknowledged, then migrated or not_affected. Only forward. Once done, it leaves your dispatch.")]
    public Task<InterfaceChangeDto> AcknowledgeInterfaceChange(
        [Description("The change's id (UUID).")] Guid id,
        [Description("Your repo's slug; it must be affected by the change.")] string repo_slug,
        [Description("acknowledged, migrated or not_affected.")] ConsumerStatus status,
        [Description("What you did, or why you are not affected.")] string? note = null,
        CancellationToken cancellationToken = default) =>
        mediator.Send(new AcknowledgeInterfaceChangeCommand { Id = id, RepoSlug = repo_slug, Status = status, Note = note }, cancellationToken);

    [Sends(typeof(PublishInterfaceChangeCommand))]
    [McpServerTool(Name = "publish_interface_change", Title = "Publish an interface change", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false)]
    [Description("Publishes a draft interface change (HTTP twin: POST /interface-changes/{id}/publish): stamps published_at, sends one "
        + "inbox message to every affected repo and logs a progress event on the origin, in one transaction. From then on the change "
        + "shows in the affected repos' get_dispatch until it is resolved. Only a draft can be published; publishing again is refused "
        + "and notifies nobody twice.")]
    public Task<InterfaceChangeDto> PublishInterfaceChange(
        [Description("The id (UUID) of the draft, as returned by register_interface_change or list_interface_changes.")] Guid interface_change_id,
        CancellationToken cancellationToken = default) =>
        mediator.Send(new PublishInterfaceChangeCommand(interface_change_id), cancellationToken);

    [Sends(typeof(ResolveInterfaceChangeCommand))]
    [McpServerTool(Name = "resolve_interface_change", Title = "Resolve an interface change", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false)]
    [Description("Resolves a published change (POST /interface-changes/{id}/resolve) and notifies the affected repos. "
        + "Refused while a consumer is notified or acknowledged, unless force=true with a resolution_note.")]
    public Task<InterfaceChangeDto> ResolveInterfaceChange(
        [Description("The id (UUID) of the published change.")] Guid interface_change_id,
        [Description("How the change landed, e.g. \"All consumers migrated\".")] string? resolution_note = null,
        [Description("Resolve although some consumers have not finished (needs resolution_note).")] bool? force = null,
        CancellationToken cancellationToken = default) =>
        mediator.Send(new ResolveInterfaceChangeCommand { Id = interface_change_id, ResolutionNote = resolution_note, Force = force }, cancellationToken);
}

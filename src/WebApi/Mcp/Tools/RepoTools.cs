using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using MediatR;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Common.Paging;
using StateHub.Application.Repos;
using StateHub.Application.Repos.Commands.RegisterRepo;
using StateHub.Application.Repos.Queries.FindReposByFingerprint;
using StateHub.Application.Repos.Queries.GetRepo;
using StateHub.Application.Repos.Queries.GetRepoByRemote;
using StateHub.Application.Repos.Queries.ListRepos;
using StateHub.Domain.Common;
using StateHub.WebApi.Security;

namespace StateHub.WebApi.Mcp.Tools;

/// <summary>The repo registry as MCP tools; each sends the request its HTTP twin in <c>ReposController</c> sends.</summary>
[McpServerToolType]
public sealed class RepoTools(IMediator mediator)
{
    [Sends(typeof(RegisterRepoCommand))]
    [McpServerTool(Name = "register_repo", Title = "Register a repo", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false)]
    [Description("Registers a repository in an existing domain (HTTP twin: POST /repos/). Returns the registered repo. "
        + "Fails when the domain does not exist or the slug is taken. Record git_fingerprint and remote_url so the repo can be "
        + "found again from a checkout.")]
    public Task<RepoDto> RegisterRepo(
        [Description("Slug of the existing domain the repo belongs to, e.g. \"platform\".")] string domain_slug,
        [Description("Unique repo slug: lower-case letters, digits and hyphens, starting with a letter or digit, at most 63 characters "
            + "(" + Slug.Pattern + "); not by-id, by-fingerprint, by-remote or doi.")] string slug,
        [Description("Human-readable name of the repo.")] string name,
        [Description("Path of the checkout on the hub's host, if the hub can read it.")] string? local_path = null,
        [Description("Git remote URL, e.g. \"git@github.com:org/repo.git\".")] string? remote_url = null,
        [Description("Root-commit SHA-1 of the repository: the output of `git rev-list --max-parents=0 HEAD`.")] string? git_fingerprint = null,
        [Description("What the repo is for.")] string? description = null,
        [Description("Identifier of the repo's discussion topic in the team's chat, if any.")] string? topic_id = null,
        CancellationToken cancellationToken = default) =>
        mediator.Send(new RegisterRepoCommand
        {
            DomainSlug = domain_slug,
            Slug = slug,
            Name = name,
            LocalPath = local_path,
            RemoteUrl = remote_url,
            GitFingerprint = git_fingerprint,
            Description = description,
            TopicId = topic_id,
        }, cancellationToken);

    [McpServerTool(Name = "find_repos", Title = "Find repos from a checkout", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Finds your repo from its checkout: by hash (root commit, `git rev-list --max-parents=0 HEAD`) and/or remote_url. "
        + "Returns a list, empty when nothing matches (GET /repos/by-fingerprint, or GET /repos/by-remote for remote_url alone).")]
    public async Task<IReadOnlyList<RepoDto>> FindRepos(
        [Description("Root-commit SHA of the checkout.")] string? hash = null,
        [Description("Git remote URL of the checkout.")] string? remote_url = null,
        CancellationToken cancellationToken = default)
    {
        if (hash is not null)
            return await mediator.Send(new FindReposByFingerprintQuery(hash, remote_url), cancellationToken);
        if (remote_url is null)
            throw new RequestValidationException("hash", "Give hash, remote_url or both.");
        try
        {
            return [await mediator.Send(new GetRepoByRemoteQuery(remote_url), cancellationToken)];
        }
        catch (NotFoundException)
        {
            return [];
        }
    }

    [McpServerTool(Name = "list_repos", Title = "List repos", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Lists registered repos by name (GET /repos/), optionally of one domain." + McpPage.ResultDescription)]
    public async Task<CallToolResult> ListRepos(
        [Description("Only repos of this domain (slug).")] string? domain = null,
        [Description(McpPage.LimitDescription + "Leave out for all of them."), Range(Paging.MinLimit, Paging.MaxLimit)] int? limit = null,
        [Description(McpPage.CursorDescription)] string? cursor = null,
        CancellationToken cancellationToken = default) =>
        McpPage.Of(await mediator.Send(new ListReposQuery(domain) { Limit = limit, Cursor = cursor }, cancellationToken));

    [McpServerTool(Name = "get_repo", Title = "Get a repo", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Gets one registered repo by its slug (GET /repos/{slug}).")]
    public Task<RepoDto> GetRepo(
        [Description("The repo's slug, e.g. repo-registry.")] string slug,
        CancellationToken cancellationToken = default) =>
        mediator.Send(new GetRepoQuery(slug), cancellationToken);
}

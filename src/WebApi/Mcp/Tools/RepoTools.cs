using System.ComponentModel;
using MediatR;
using ModelContextProtocol.Server;
using StateHub.Application.Repos;
using StateHub.Application.Repos.Commands.RegisterRepo;

namespace StateHub.WebApi.Mcp.Tools;

/// <summary>The repo registry as MCP tools; each sends the request its HTTP twin in <c>ReposController</c> sends.</summary>
[McpServerToolType]
public sealed class RepoTools(IMediator mediator)
{
    [McpServerTool(Name = "register_repo", Title = "Register a repo", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false)]
    [Description("Registers a repository in an existing domain (HTTP twin: POST /repos/). Returns the registered repo. "
        + "Fails when the domain does not exist or the slug is taken. Record git_fingerprint and remote_url so the repo can be "
        + "found again from a checkout.")]
    public Task<RepoDto> RegisterRepo(
        [Description("Slug of the existing domain the repo belongs to, e.g. \"platform\".")] string domain_slug,
        [Description("Unique repo slug: lower-case letters, digits and hyphens, starting with a letter or digit, at most 63 characters "
            + "(^[a-z0-9][a-z0-9-]{0,62}$); not by-id, by-fingerprint, by-remote or doi.")] string slug,
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
}

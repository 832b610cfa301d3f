using Microsoft.EntityFrameworkCore;
using StateHub.Application.Common.Security;

namespace StateHub.Infrastructure.Persistence.Queries;

/// <summary>Finds the repo that owns a resource in one statement, for the authorization decision.</summary>
internal sealed class AccessTargetResolver(StateHubDbContext db) : IAccessTargetResolver
{
    public Task<string?> ResolveRepoSlugAsync(AccessTarget target, CancellationToken cancellationToken)
    {
        var id = target.Id;
        var slugs = target.Kind switch
        {
            AccessTargetKind.Goal => db.Goals.Where(g => g.Id == id).Join(db.Repos, g => g.RepoId, r => r.Id, (_, r) => r.Slug),
            AccessTargetKind.Workstream => db.Workstreams.Where(w => w.Id == id).Join(db.Repos, w => w.RepoId, r => r.Id, (_, r) => r.Slug),
            AccessTargetKind.Task => db.Tasks.Where(t => t.Id == id)
                .Join(db.Workstreams, t => t.WorkstreamId, w => w.Id, (_, w) => w.RepoId)
                .Join(db.Repos, repoId => repoId, r => r.Id, (_, r) => r.Slug),
            AccessTargetKind.InterfaceChange => db.InterfaceChanges.Where(c => c.Id == id).Join(db.Repos, c => c.OriginRepoId, r => r.Id, (_, r) => r.Slug),
            AccessTargetKind.InboxMessage => db.InboxMessages.Where(m => m.Id == id).Join(db.Repos, m => m.RepoId, r => r.Id, (_, r) => r.Slug),
            _ => throw new ArgumentOutOfRangeException(nameof(target), target.Kind, "Unknown access target kind."),
        };
        return slugs.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
    }
}

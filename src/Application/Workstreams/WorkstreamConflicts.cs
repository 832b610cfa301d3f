using StateHub.Application.Common.Exceptions;

namespace StateHub.Application.Workstreams;

internal static class WorkstreamConflicts
{
    public static ConflictException DuplicateKey(string repoSlug, string key) =>
        new(UniqueIndexConflicts.WorkstreamKey(repoSlug, key));
}

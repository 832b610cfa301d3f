using StateHub.Application.Common.Exceptions;

namespace StateHub.Application.Tasks;

internal static class TaskConflicts
{
    public static ConflictException DuplicateKey(Guid workstreamId, string key) =>
        new(UniqueIndexConflicts.TaskKey(workstreamId, key));
}

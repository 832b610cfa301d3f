using StateHub.Application.Common.Exceptions;

namespace StateHub.Application.Tasks;

internal static class TaskConflicts
{
    // Named by id, as the API addresses workstreams: after a failed save the transaction is
    // aborted, so the message must not need another read.
    public static ConflictException DuplicateKey(Guid workstreamId, string key) =>
        new($"Workstream '{workstreamId}' already has a task with key '{key}'");
}

using StateHub.Application.Common.Exceptions;

namespace StateHub.Application.Tasks;

internal static class TaskConflicts
{
    public static ConflictException DuplicateKey(string workstreamKey, string key) =>
        new($"Workstream '{workstreamKey}' already has a task with key '{key}'");
}

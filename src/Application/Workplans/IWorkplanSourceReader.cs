using StateHub.Domain.Repos;

namespace StateHub.Application.Workplans;

/// <summary>Collects a repo's <c>workplans/*.md</c> from its directory on this host, through the confined file reader.</summary>
public interface IWorkplanSourceReader
{
    /// <summary>null when the repo has no readable directory on this host.</summary>
    WorkplanSourceSet? ReadFromDisk(ManagedRepo repo);
}

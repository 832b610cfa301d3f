using StateHub.Application.Common.Abstractions;
using StateHub.Domain.Repos;

namespace StateHub.Application.Workplans;

/// <summary>
/// Reads <c>workplans/*.md</c> from the repo's directory on this host (<c>host_paths[host]</c>, else
/// <c>local_path</c>) through <see cref="IRepoFileSystem"/>, which refuses anything that resolves
/// outside the repo. A refused or skipped file is reported, never silently dropped, so its
/// workstream is not mistaken for an orphan.
/// </summary>
internal sealed class WorkplanSourceReader(IRepoFileSystem fileSystem, IHostIdentity host) : IWorkplanSourceReader
{
    public const string Folder = "workplans";

    public WorkplanSourceSet? ReadFromDisk(ManagedRepo repo)
    {
        ArgumentNullException.ThrowIfNull(repo);
        var directory = fileSystem.Open(repo.PathOnHost(host.HostName));
        if (directory is null)
            return null;

        // A folder that exists but cannot be listed is not an empty one: its workstreams would all
        // look like orphans of deleted files.
        if (directory.ListingRefusal(Folder) is { } refusal)
            return new WorkplanSourceSet([], [DriftItem.Invalid(Folder + "/", null, $"the {Folder} folder was not read: {refusal}")]) { FolderUnreadable = true };

        var files = new List<WorkplanSource>();
        var unreadable = new List<DriftItem>();
        long total = 0;
        foreach (var path in directory.ListFiles(Folder, "*.md").Where(p => p.EndsWith(".md", StringComparison.Ordinal)))
        {
            if (files.Count + unreadable.Count >= WorkplanLimits.MaxFiles)
            {
                unreadable.Add(DriftItem.Invalid(path, null, $"not read: a sync reads at most {WorkplanLimits.MaxFiles} workplan files"));
                continue;
            }

            if (total > WorkplanLimits.MaxTotalBytes)
            {
                unreadable.Add(DriftItem.Invalid(path, null, $"not read: a sync reads at most {WorkplanLimits.MaxTotalBytes} bytes of workplan files"));
                continue;
            }

            var read = directory.ReadText(path);
            if (!read.Succeeded)
            {
                unreadable.Add(DriftItem.Invalid(path, read.Line, read.Error!));
                continue;
            }

            total += read.Content!.Length;
            files.Add(new WorkplanSource(path, read.Content));
        }

        return new WorkplanSourceSet(files, unreadable);
    }
}

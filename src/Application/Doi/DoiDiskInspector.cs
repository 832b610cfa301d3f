using StateHub.Application.Common.Abstractions;

namespace StateHub.Application.Doi;

/// <summary>The repo directory on this host, if readable, and its cheap disk facts.</summary>
public sealed record DoiDiskLook(IRepoDirectory? Directory, DoiDiskProbe? Probe);

/// <summary>
/// Looks at a repo directory through the confined file reader: which key files are present (with
/// size and modification time) and where HEAD points. No file content is read here.
/// </summary>
public sealed class DoiDiskInspector(IRepoFileSystem fileSystem, IGitMetadataReader git)
{
    public DoiDiskLook Look(string? path)
    {
        var directory = fileSystem.Open(path);
        if (directory is null)
            return new DoiDiskLook(null, null);

        var candidates = DoiCriteria.AgentInstructionFiles
            .Append(DoiCriteria.ReadmeFile)
            .Concat(DoiCriteria.CiFiles)
            .Concat(directory.ListFiles(DoiCriteria.GitHubWorkflowsFolder, "*.yml"))
            .Concat(directory.ListFiles(DoiCriteria.GitHubWorkflowsFolder, "*.yaml"))
            .Concat(directory.ListFiles(DoiCriteria.WorkplansFolder, "*.md").Where(DoiCriteria.IsWorkplanFile));
        var files = new List<DoiFileStamp>();
        foreach (var candidate in candidates.Distinct(StringComparer.Ordinal))
        {
            if (directory.Stat(candidate) is { IsDirectory: false } info)
                files.Add(new DoiFileStamp(candidate, info.Length, info.LastModifiedUtc));
        }

        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return new DoiDiskLook(directory, new DoiDiskProbe
        {
            RootPath = directory.RootPath,
            Files = files,
            Git = git.ReadHead(directory),
        });
    }
}

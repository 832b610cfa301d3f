using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StateHub.Application.Common.Abstractions;

namespace StateHub.Infrastructure.Git;

/// <summary>
/// <see cref="IGitMetadataReader"/> by reading <c>.git</c> as files: HEAD → ref (loose or
/// packed-refs) → commit; then every parent, from loose objects and packs, until the commits
/// without parents. Nothing is executed and no git configuration is honoured.
/// </summary>
internal sealed class GitMetadataReader(ILogger<GitMetadataReader> logger) : IGitMetadataReader
{
    public GitMetadataReader()
        : this(NullLogger<GitMetadataReader>.Instance)
    {
    }

    /// <summary>The most commits one walk visits before giving up.</summary>
    public const int MaxCommits = 2_000_000;

    private const int MaxMemoEntries = 4096;

    // A root commit never changes while HEAD stays the same, so a walk is done once per HEAD.
    private readonly ConcurrentDictionary<(string ObjectsDir, string Head), string[]> _roots = new();

    public GitHeadState ReadHead(IRepoDirectory directory)
    {
        try
        {
            var layout = GitRepositoryLayout.Locate(directory.RootPath);
            return new GitHeadState(layout.ResolveHead(), layout.IsShallow(), null);
        }
        catch (GitReadException ex)
        {
            return new GitHeadState(null, false, ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Whatever a repo holds, a DoI report is never a server error: the criterion fails with the reason.
            LogIfUnexpected(ex, directory);
            return new GitHeadState(null, false, "git data could not be read: " + ex.Message);
        }
    }

    public GitRootCommits ReadRootCommits(IRepoDirectory directory)
    {
        try
        {
            var layout = GitRepositoryLayout.Locate(directory.RootPath);
            var head = layout.ResolveHead();
            var key = (layout.ObjectsDir, head);
            if (_roots.TryGetValue(key, out var known))
                return new GitRootCommits(known, null);

            var roots = Walk(layout, head);
            if (_roots.Count >= MaxMemoEntries)
                _roots.Clear();
            _roots[key] = roots;
            return new GitRootCommits(roots, null);
        }
        catch (GitReadException ex)
        {
            return GitRootCommits.Unknown(ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Whatever a repo holds, a DoI report is never a server error: the criterion fails with the reason.
            LogIfUnexpected(ex, directory);
            return GitRootCommits.Unknown("git data could not be read: " + ex.Message);
        }
    }

    /// <summary>
    /// I/O and corrupt data are the repo's business and only fail the criterion; any other
    /// exception type may be a bug of ours, so it is logged with its stack trace.
    /// </summary>
    private void LogIfUnexpected(Exception ex, IRepoDirectory directory)
    {
        if (ex is IOException or UnauthorizedAccessException or InvalidDataException)
            return;
        logger.LogWarning(ex, "Unexpected failure reading git data in {RepoRoot}", directory.RootPath);
    }

    private static string[] Walk(GitRepositoryLayout layout, string head)
    {
        var shallow = layout.ReadShallowCommits();
        using var objects = new GitObjectDatabase(layout, head.Length / 2);
        var roots = new List<string>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>();
        pending.Push(head);
        while (pending.Count > 0)
        {
            var hex = pending.Pop();
            if (!visited.Add(hex))
                continue;
            if (visited.Count > MaxCommits)
                throw new GitReadException($"the history has more than {MaxCommits} commits, more than the hub walks");
            if (shallow.Contains(hex))
                throw new GitReadException("the clone is shallow (.git/shallow): its history stops before the root commit; run 'git fetch --unshallow'");

            var parents = ReadParents(layout, objects, hex);
            if (parents.Count == 0)
            {
                roots.Add(hex);
                continue;
            }

            // Pushed in reverse so the first parent is walked first: roots[0] ends the first-parent chain.
            for (var i = parents.Count - 1; i >= 0; i--)
                pending.Push(parents[i]);
        }

        return [.. roots];
    }

    private static List<string> ReadParents(GitRepositoryLayout layout, GitObjectDatabase objects, string hex)
    {
        for (var peel = 0; peel < 8; peel++)
        {
            var obj = objects.Read(hex) ?? throw MissingObject(layout, hex);
            switch (obj.Type)
            {
                case GitObjectType.Commit:
                    return HeaderValues(obj.Data, "parent", hex);
                case GitObjectType.Tag:
                    hex = HeaderValues(obj.Data, "object", hex).FirstOrDefault()
                        ?? throw new GitReadException($"tag {hex} names no object");
                    continue;
                default:
                    throw new GitReadException($"{hex} is a {obj.Type.ToString().ToLowerInvariant()}, not a commit");
            }
        }

        throw new GitReadException($"{hex} is a chain of tags too long to follow");
    }

    private static GitReadException MissingObject(GitRepositoryLayout layout, string hex) =>
        new(layout.HasAlternates()
            ? $"commit {hex} is not in the repository's own object store (it uses alternates, which the hub does not follow)"
            : $"commit {hex} is missing from the object store (a partial or damaged clone)");

    /// <summary>The values of the header lines named <paramref name="field"/>, before the blank line that starts the message.</summary>
    private static List<string> HeaderValues(byte[] data, string field, string hex)
    {
        var values = new List<string>();
        var prefix = Encoding.ASCII.GetBytes(field + " ");
        var pos = 0;
        while (pos < data.Length)
        {
            var end = Array.IndexOf(data, (byte)'\n', pos);
            if (end < 0)
                end = data.Length;
            if (end == pos)
                break;
            var line = data.AsSpan(pos, end - pos);
            if (line.StartsWith(prefix))
            {
                var value = Encoding.ASCII.GetString(line[prefix.Length..]).Trim();
                if (!GitRepositoryLayout.IsHex(value))
                    throw new GitReadException($"commit {hex} has a malformed '{field}' line");
                values.Add(value);
            }

            pos = end + 1;
        }

        return values;
    }
}

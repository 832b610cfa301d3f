using System.Text;
using StateHub.Infrastructure.FileSystem;

namespace StateHub.Infrastructure.Git;

/// <summary>
/// Where a repository's git data lives, confined to the repo root: the git dir (HEAD), the common
/// dir (refs, objects, shallow) and how refs resolve. Every file is opened only after its real path
/// is checked to lie under the root.
/// </summary>
internal sealed class GitRepositoryLayout
{
    private const int MaxSmallFileBytes = 64 * 1024;
    private const long MaxPackedRefsBytes = 64L * 1024 * 1024;
    private const int MaxSymbolicRefDepth = 10;

    private GitRepositoryLayout(string root, string gitDir, string commonDir)
    {
        Root = root;
        GitDir = gitDir;
        CommonDir = commonDir;
    }

    /// <summary>The real path of the repository's working tree root.</summary>
    public string Root { get; }

    /// <summary>The real path of the git dir (holds HEAD).</summary>
    public string GitDir { get; }

    /// <summary>The real path of the common dir (holds refs, objects, shallow); the git dir unless this is a linked worktree.</summary>
    public string CommonDir { get; }

    public string ObjectsDir => Path.Combine(CommonDir, "objects");

    /// <summary>Finds the git dir of the working tree at <paramref name="root"/> (a real, symlink-free path).</summary>
    public static GitRepositoryLayout Locate(string root)
    {
        var dotGit = Path.Combine(root, ".git");
        if (!File.Exists(dotGit) && !Directory.Exists(dotGit) && new FileInfo(dotGit).LinkTarget is null)
            throw new GitReadException("the directory is not a git repository (there is no .git at its root)");

        var realDotGit = Confine(root, dotGit)
            ?? throw new GitReadException(".git resolves to a location outside the repository, and the hub does not read outside it");

        string gitDir;
        if (Directory.Exists(realDotGit))
        {
            gitDir = realDotGit;
        }
        else
        {
            // A .git file: a linked worktree or a submodule whose git dir lives elsewhere.
            var text = ReadSmallTextAt(realDotGit) ?? throw new GitReadException(".git is a file that could not be read");
            var line = text.Split('\n', 2)[0].Trim();
            if (!line.StartsWith("gitdir:", StringComparison.Ordinal))
                throw new GitReadException(".git is a file without a 'gitdir:' line");
            var target = line["gitdir:".Length..].Trim();
            var candidate = Path.IsPathRooted(target) ? target : Path.Combine(root, target);
            gitDir = Confine(root, candidate) is { } inside && Directory.Exists(inside)
                ? inside
                : throw new GitReadException($".git is a file pointing to '{target}', outside the repository (a linked worktree or a submodule); the hub does not follow it");
        }

        var commonDir = gitDir;
        var commonDirFile = Confine(root, Path.Combine(gitDir, "commondir"));
        if (commonDirFile is not null && File.Exists(commonDirFile))
        {
            var target = (ReadSmallTextAt(commonDirFile) ?? string.Empty).Trim();
            var candidate = Path.IsPathRooted(target) ? target : Path.Combine(gitDir, target);
            commonDir = Confine(root, candidate) is { } inside && Directory.Exists(inside)
                ? inside
                : throw new GitReadException($"the git dir's commondir points to '{target}', outside the repository; the hub does not follow it");
        }

        return new GitRepositoryLayout(root, gitDir, commonDir);
    }

    /// <summary>The real path of <paramref name="path"/> when it exists under the root; otherwise null.</summary>
    public string? Confine(string path) => Confine(Root, path);

    /// <summary>The commit HEAD resolves to, as lower-case hex.</summary>
    public string ResolveHead()
    {
        var head = ReadSmallText(Path.Combine(GitDir, "HEAD"))
            ?? throw new GitReadException("the git dir has no readable HEAD file");
        return ResolveRefContent("HEAD", head, 0);
    }

    /// <summary>Commits listed in the shallow file: their parents are missing from this clone.</summary>
    public IReadOnlySet<string> ReadShallowCommits()
    {
        var path = Confine(Path.Combine(CommonDir, "shallow"));
        if (path is null || !File.Exists(path))
            return new HashSet<string>();
        var info = new FileInfo(path);
        if (info.Length > MaxPackedRefsBytes)
            throw new GitReadException("the shallow file is too large to read");
        return File.ReadAllLines(path, Encoding.ASCII)
            .Select(l => l.Trim().ToLowerInvariant())
            .Where(IsHex)
            .ToHashSet(StringComparer.Ordinal);
    }

    public bool IsShallow()
    {
        var path = Confine(Path.Combine(CommonDir, "shallow"));
        return path is not null && File.Exists(path);
    }

    public bool HasAlternates()
    {
        var path = Confine(Path.Combine(ObjectsDir, "info", "alternates"));
        return path is not null && File.Exists(path);
    }

    public static bool IsHex(string value) =>
        value.Length is 40 or 64 && value.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    private string ResolveRefContent(string name, string content, int depth)
    {
        var value = content.Trim();
        if (value.StartsWith("ref:", StringComparison.Ordinal))
        {
            if (depth >= MaxSymbolicRefDepth)
                throw new GitReadException($"'{name}' is a chain of more than {MaxSymbolicRefDepth} symbolic refs");
            return ResolveRef(value["ref:".Length..].Trim(), depth + 1);
        }

        var hex = value.ToLowerInvariant();
        return IsHex(hex) ? hex : throw new GitReadException($"'{name}' holds neither a commit id nor a ref");
    }

    private string ResolveRef(string refName, int depth)
    {
        if (!IsSafeRefName(refName))
            throw new GitReadException($"HEAD names '{refName}', which is not a valid ref name");

        // Per-worktree refs live in the git dir; shared ones in the common dir.
        foreach (var dir in GitDir == CommonDir ? new[] { CommonDir } : [GitDir, CommonDir])
        {
            var loose = ReadSmallText(Path.Combine(dir, refName));
            if (loose is not null)
                return ResolveRefContent(refName, loose, depth);
        }

        var packed = FindPackedRef(refName);
        return packed ?? throw new GitReadException($"HEAD points to '{refName}', which has no commits yet");
    }

    private string? FindPackedRef(string refName)
    {
        var path = Confine(Path.Combine(CommonDir, "packed-refs"));
        if (path is null || !File.Exists(path))
            return null;
        if (new FileInfo(path).Length > MaxPackedRefsBytes)
            throw new GitReadException("packed-refs is too large to read");
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            if (line.Length == 0 || line[0] is '#' or '^')
                continue;
            var space = line.IndexOf(' ');
            if (space > 0 && line.AsSpan(space + 1).TrimEnd().SequenceEqual(refName))
            {
                var hex = line[..space].ToLowerInvariant();
                return IsHex(hex) ? hex : throw new GitReadException($"packed-refs holds a malformed entry for '{refName}'");
            }
        }

        return null;
    }

    private static bool IsSafeRefName(string name) =>
        name.StartsWith("refs/", StringComparison.Ordinal)
        && !name.Contains("..", StringComparison.Ordinal)
        && !name.Contains('\0')
        && !name.Contains('\\')
        && !name.EndsWith('/');

    private string? ReadSmallText(string path)
    {
        var real = Confine(path);
        return real is null ? null : ReadSmallTextAt(real);
    }

    private static string? ReadSmallTextAt(string realPath)
    {
        try
        {
            var info = new FileInfo(realPath);
            if (!info.Exists || info.Length > MaxSmallFileBytes)
                return null;
            return File.ReadAllText(realPath, Encoding.UTF8);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? Confine(string root, string path)
    {
        var real = RealPath.Resolve(path);
        if (real is null)
            return null;
        return real == root || real.StartsWith(root + "/", StringComparison.Ordinal) ? real : null;
    }
}

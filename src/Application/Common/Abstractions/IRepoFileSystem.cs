namespace StateHub.Application.Common.Abstractions;

/// <summary>
/// Read-only access to a repo's working tree on this host, confined to the repo root: no absolute
/// paths, no <c>..</c>, and no symlink whose real target lies outside the root is ever followed.
/// Nothing is executed. File sizes are capped.
/// </summary>
public interface IRepoFileSystem
{
    /// <summary>The repo directory at <paramref name="rootPath"/>, or null when it is not an existing, readable directory.</summary>
    IRepoDirectory? Open(string? rootPath);
}

/// <summary>A repo root opened through <see cref="IRepoFileSystem"/>. Paths are relative to the root, '/'-separated.</summary>
public interface IRepoDirectory
{
    /// <summary>The real (symlink-free) absolute path of the root.</summary>
    string RootPath { get; }

    /// <summary>Regular files directly in <paramref name="relativeDirectory"/> matching <paramref name="searchPattern"/>, as root-relative paths sorted ordinally. Empty when the folder is missing or outside the root.</summary>
    IReadOnlyList<string> ListFiles(string relativeDirectory, string searchPattern);

    /// <summary>
    /// Why <paramref name="relativeDirectory"/> exists but cannot be listed (it resolves outside the
    /// root, or it cannot be read), or null when it can be listed or does not exist: an empty
    /// <see cref="ListFiles"/> then means "no files", not "files unknown".
    /// </summary>
    string? ListingRefusal(string relativeDirectory);

    /// <summary>Facts about a file or folder inside the root; null when it does not exist or resolves outside the root.</summary>
    RepoEntryInfo? Stat(string relativePath);

    /// <summary>Reads a UTF-8 text file inside the root. Never throws for what the repo contains: a refusal is a failed result with a reason.</summary>
    RepoFileReadResult ReadText(string relativePath);
}

public sealed record RepoEntryInfo(string RelativePath, bool IsDirectory, long Length, DateTimeOffset LastModifiedUtc);

/// <summary>
/// A file's text, or why it was not read. <see cref="Line"/> is set when the refusal is about a
/// place in the file (a NUL byte, bytes that are not UTF-8): the 1-based line of the first bad byte.
/// </summary>
public sealed record RepoFileReadResult(string RelativePath, string? Content, string? Error, int? Line = null)
{
    public bool Succeeded => Error is null;

    public static RepoFileReadResult Ok(string path, string content) => new(path, content, null);

    public static RepoFileReadResult Refused(string path, string reason, int? line = null) => new(path, null, reason, line);
}

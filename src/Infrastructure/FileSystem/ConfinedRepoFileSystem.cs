using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;
using Microsoft.Extensions.Options;
using StateHub.Application.Common.Abstractions;

namespace StateHub.Infrastructure.FileSystem;

/// <summary>
/// <see cref="IRepoFileSystem"/> over the local disk. Every access resolves the candidate's real
/// path (all symlinks followed, as the kernel would) and refuses it unless it is the root or lies
/// under it, so a symlink cannot lead a read outside the repository.
/// </summary>
internal sealed class ConfinedRepoFileSystem(IOptions<RepoFileSystemOptions> options) : IRepoFileSystem
{
    public IRepoDirectory? Open(string? rootPath)
    {
        if (string.IsNullOrWhiteSpace(rootPath) || !Path.IsPathFullyQualified(rootPath) || rootPath.Contains('\0'))
            return null;
        var real = RealPath.Resolve(rootPath);
        if (real is null || !Directory.Exists(real))
            return null;
        try
        {
            // Readable means listable: a folder we cannot enumerate is as good as absent.
            using var probe = Directory.EnumerateFileSystemEntries(real).GetEnumerator();
            probe.MoveNext();
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            return null;
        }

        return new ConfinedRepoDirectory(real, options.Value);
    }

    private sealed class ConfinedRepoDirectory(string root, RepoFileSystemOptions options) : IRepoDirectory
    {
        public string RootPath { get; } = root;

        public IReadOnlyList<string> ListFiles(string relativeDirectory, string searchPattern)
        {
            var directory = Confine(relativeDirectory);
            if (directory is null || !Directory.Exists(directory))
                return [];
            try
            {
                var prefix = relativeDirectory.Trim('/');
                return Directory.EnumerateFiles(directory, searchPattern, SearchOption.TopDirectoryOnly)
                    .Take(options.MaxListedEntries)
                    .Select(f => prefix.Length == 0 ? Path.GetFileName(f) : prefix + "/" + Path.GetFileName(f))
                    .Order(StringComparer.Ordinal)
                    .ToList();
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
            {
                return [];
            }
        }

        public string? ListingRefusal(string relativeDirectory)
        {
            if (!IsSafeRelative(relativeDirectory))
                return "the folder path is not a plain path inside the repository";
            var lexical = Path.Combine(RootPath, relativeDirectory.Trim('/'));
            if (!Path.Exists(lexical) && !IsLink(lexical))
                return null;
            if (Confine(relativeDirectory) is not { } real)
                return "the folder resolves to a location outside the repository (or to nothing) and was not read";
            if (!Directory.Exists(real))
                return "it is not a folder";
            try
            {
                using var entries = Directory.EnumerateFileSystemEntries(real).GetEnumerator();
                entries.MoveNext();
                return null;
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
            {
                return "the folder cannot be read on this host";
            }
        }

        public RepoEntryInfo? Stat(string relativePath)
        {
            var real = Confine(relativePath);
            if (real is null)
                return null;
            try
            {
                if (Directory.Exists(real))
                    return new RepoEntryInfo(relativePath, true, 0, new DateTimeOffset(Directory.GetLastWriteTimeUtc(real), TimeSpan.Zero));
                if (File.Exists(real))
                    return new RepoEntryInfo(relativePath, false, new FileInfo(real).Length, new DateTimeOffset(File.GetLastWriteTimeUtc(real), TimeSpan.Zero));
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
            {
            }

            return null;
        }

        public RepoFileReadResult ReadText(string relativePath)
        {
            if (!IsSafeRelative(relativePath))
                return RepoFileReadResult.Refused(relativePath, "the path must be relative to the repository root, without '..'");
            var real = Confine(relativePath);
            if (real is null)
            {
                return File.Exists(Path.Combine(RootPath, relativePath)) || IsLink(Path.Combine(RootPath, relativePath))
                    ? RepoFileReadResult.Refused(relativePath, "the file resolves to a location outside the repository and was not read")
                    : RepoFileReadResult.Refused(relativePath, "the file does not exist");
            }

            try
            {
                var info = new FileInfo(real);
                if (!info.Exists)
                    return RepoFileReadResult.Refused(relativePath, "the file does not exist or is not a regular file");
                if (info.Length > options.MaxFileBytes)
                    return RepoFileReadResult.Refused(relativePath, $"the file is {info.Length} bytes, over the {options.MaxFileBytes}-byte limit");

                // Nothing to read, and never open it: a FIFO also reports length 0, and opening one blocks.
                if (info.Length == 0)
                    return RepoFileReadResult.Ok(relativePath, string.Empty);

                // The file may grow between the size check and the read: read no more than the cap allows.
                var bytes = ReadAtMost(real, options.MaxFileBytes + 1);
                if (bytes.Length > options.MaxFileBytes)
                    return RepoFileReadResult.Refused(relativePath, $"the file is over the {options.MaxFileBytes}-byte limit");
                var nul = Array.IndexOf(bytes, (byte)0);
                if (nul >= 0)
                    return RepoFileReadResult.Refused(relativePath, "the file is binary, not text", LineAt(bytes, nul));
                var chars = new char[bytes.Length];
                if (Utf8.ToUtf16(bytes, chars, out var valid, out var written, replaceInvalidSequences: false) != OperationStatus.Done)
                    return RepoFileReadResult.Refused(relativePath, "the file is not UTF-8 text", LineAt(bytes, valid));
                var text = new string(chars, 0, written);
                return RepoFileReadResult.Ok(relativePath, text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text);
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
            {
                return RepoFileReadResult.Refused(relativePath, "the file could not be read: " + ex.Message);
            }
        }

        /// <summary>The 1-based line of the byte at <paramref name="index"/>, counting '\n'.</summary>
        private static int LineAt(byte[] bytes, int index) => 1 + bytes.AsSpan(0, index).Count((byte)'\n');

        private static byte[] ReadAtMost(string path, long limit)
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var buffer = new byte[(int)Math.Min(limit, Math.Max(stream.Length, 4096))];
            var total = 0;
            int read;
            while (total < limit && (read = stream.Read(buffer, total, (int)Math.Min(buffer.Length - total, limit - total))) > 0)
            {
                total += read;
                if (total == buffer.Length && total < limit)
                    Array.Resize(ref buffer, (int)Math.Min(limit, (long)buffer.Length * 2));
            }

            return buffer.AsSpan(0, total).ToArray();
        }

        /// <summary>The real path of <paramref name="relativePath"/> when it exists inside the root; otherwise null.</summary>
        private string? Confine(string relativePath)
        {
            if (!IsSafeRelative(relativePath))
                return null;
            var candidate = relativePath.Trim('/').Length == 0 ? RootPath : Path.Combine(RootPath, relativePath.Trim('/'));
            var real = RealPath.Resolve(candidate);
            if (real is null)
                return null;
            return real == RootPath || real.StartsWith(RootPath + "/", StringComparison.Ordinal) ? real : null;
        }

        private static bool IsSafeRelative(string? path) =>
            path is not null
            && !path.Contains('\0')
            && !path.Contains('\\')
            && !Path.IsPathRooted(path)
            && path.Split('/').All(segment => segment != "..");

        private static bool IsLink(string path)
        {
            try
            {
                return new FileInfo(path).LinkTarget is not null;
            }
            catch (IOException)
            {
                return false;
            }
        }
    }
}

/// <summary>The kernel's idea of a path: libc realpath(3), all symlinks resolved.</summary>
internal static class RealPath
{
    public static string? Resolve(string path)
    {
        var resolved = realpath(path, IntPtr.Zero);
        if (resolved == IntPtr.Zero)
            return null;
        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            free(resolved);
        }
    }

    // Plain DllImport: on Unix, CharSet.Ansi marshals as UTF-8, and no unsafe code is needed.
    [DllImport("libc", CharSet = CharSet.Ansi, SetLastError = true)]
    private static extern IntPtr realpath(string path, IntPtr resolvedPath);

    [DllImport("libc")]
    private static extern void free(IntPtr pointer);
}

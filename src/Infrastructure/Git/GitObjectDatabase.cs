using System.IO.Compression;
using System.Text;

namespace StateHub.Infrastructure.Git;

/// <summary>The kinds of object git stores; the numbers are the pack file's type codes.</summary>
internal enum GitObjectType
{
    Commit = 1,
    Tree = 2,
    Blob = 3,
    Tag = 4,
    OffsetDelta = 6,
    RefDelta = 7,
}

/// <summary>An object's type and inflated content.</summary>
internal sealed record GitObject(GitObjectType Type, byte[] Data);

/// <summary>
/// Reads objects from a repository's object store: loose objects (zlib-deflated files under
/// <c>objects/xx/</c>) and packs (<c>objects/pack/*.idx</c> v1/v2 with their <c>.pack</c>,
/// including offset and ref deltas). Alternates are never followed: they may point outside the repo.
/// </summary>
internal sealed class GitObjectDatabase : IDisposable
{
    /// <summary>The largest object inflated; commits are tiny, so anything bigger is not a commit worth reading.</summary>
    public const int MaxObjectBytes = 16 * 1024 * 1024;

    private const long MaxLooseFileBytes = 32L * 1024 * 1024;
    private const int MaxDeltaChain = 10_000;
    private const int MaxPacks = 10_000;

    private readonly GitRepositoryLayout _layout;
    private readonly int _hashBytes;
    private List<GitPack>? _packs;

    public GitObjectDatabase(GitRepositoryLayout layout, int hashBytes)
    {
        _layout = layout;
        _hashBytes = hashBytes;
    }

    /// <summary>The object named <paramref name="hex"/>, or null when the store does not hold it.</summary>
    public GitObject? Read(string hex)
    {
        // Packs first, as git does: in a long-lived clone nearly every commit is packed.
        var name = Convert.FromHexString(hex);
        foreach (var pack in Packs())
        {
            var offset = pack.Index.Find(name);
            if (offset is not null)
                return ReadPacked(pack, offset.Value, 0);
        }

        return ReadLoose(hex);
    }

    public void Dispose()
    {
        if (_packs is null)
            return;
        foreach (var pack in _packs)
            pack.Dispose();
        _packs = null;
    }

    private GitObject? ReadLoose(string hex)
    {
        var path = _layout.Confine(Path.Combine(_layout.ObjectsDir, hex[..2], hex[2..]));
        if (path is null || !File.Exists(path))
            return null;
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (file.Length > MaxLooseFileBytes)
                throw new GitReadException($"loose object {hex} is larger than the hub reads");
            using var zlib = new ZLibStream(file, CompressionMode.Decompress);
            var header = ReadLooseHeader(zlib, hex);
            var space = header.IndexOf(' ');
            if (space <= 0 || !int.TryParse(header.AsSpan(space + 1), out var size) || size < 0)
                throw new GitReadException($"loose object {hex} has a malformed header");
            if (size > MaxObjectBytes)
                throw new GitReadException($"object {hex} is larger than {MaxObjectBytes} bytes");
            var type = header[..space] switch
            {
                "commit" => GitObjectType.Commit,
                "tree" => GitObjectType.Tree,
                "blob" => GitObjectType.Blob,
                "tag" => GitObjectType.Tag,
                _ => throw new GitReadException($"loose object {hex} has an unknown type"),
            };
            return new GitObject(type, ReadExactly(zlib, size, hex));
        }
        catch (InvalidDataException)
        {
            throw new GitReadException($"loose object {hex} is not valid zlib data");
        }
    }

    private static string ReadLooseHeader(Stream zlib, string hex)
    {
        var header = new StringBuilder();
        for (var i = 0; i < 64; i++)
        {
            var b = zlib.ReadByte();
            if (b < 0)
                break;
            if (b == 0)
                return header.ToString();
            header.Append((char)b);
        }

        throw new GitReadException($"loose object {hex} has a malformed header");
    }

    private GitObject ReadPacked(GitPack pack, long offset, int depth)
    {
        // Follow the delta chain down to its base, then apply the deltas back up.
        var deltas = new Stack<byte[]>();
        var current = pack;
        var currentOffset = offset;
        while (true)
        {
            if (deltas.Count > MaxDeltaChain)
                throw new GitReadException($"a delta chain in {current.Name} is deeper than {MaxDeltaChain}");
            var entry = current.ReadEntry(currentOffset, _hashBytes);
            switch (entry.Type)
            {
                case GitObjectType.OffsetDelta:
                    deltas.Push(entry.Data);
                    currentOffset = entry.BaseOffset;
                    continue;
                case GitObjectType.RefDelta:
                {
                    deltas.Push(entry.Data);
                    var baseOffset = current.Index.Find(entry.BaseName!);
                    if (baseOffset is not null)
                    {
                        currentOffset = baseOffset.Value;
                        continue;
                    }

                    // A thin pack's base may live elsewhere in the store.
                    if (depth > 16)
                        throw new GitReadException("ref deltas refer across packs too deeply");
                    var baseHex = Convert.ToHexStringLower(entry.BaseName!);
                    var baseObject = ReadLoose(baseHex) ?? ReadFromOtherPacks(entry.BaseName!, current, depth + 1)
                        ?? throw new GitReadException($"the delta base {baseHex} is missing from the object store");
                    return ApplyAll(baseObject, deltas);
                }

                default:
                    return ApplyAll(new GitObject(entry.Type, entry.Data), deltas);
            }
        }
    }

    private GitObject? ReadFromOtherPacks(byte[] name, GitPack except, int depth)
    {
        foreach (var pack in Packs())
        {
            if (ReferenceEquals(pack, except))
                continue;
            var offset = pack.Index.Find(name);
            if (offset is not null)
                return ReadPacked(pack, offset.Value, depth);
        }

        return null;
    }

    private static GitObject ApplyAll(GitObject baseObject, Stack<byte[]> deltas)
    {
        var data = baseObject.Data;
        while (deltas.Count > 0)
            data = GitDelta.Apply(data, deltas.Pop(), MaxObjectBytes);
        return new GitObject(baseObject.Type, data);
    }

    private List<GitPack> Packs()
    {
        if (_packs is not null)
            return _packs;
        _packs = [];
        var packDir = _layout.Confine(Path.Combine(_layout.ObjectsDir, "pack"));
        if (packDir is null || !Directory.Exists(packDir))
            return _packs;
        foreach (var idxPath in Directory.EnumerateFiles(packDir, "*.idx").Order(StringComparer.Ordinal).Take(MaxPacks))
        {
            var idx = _layout.Confine(idxPath);
            var pack = _layout.Confine(Path.ChangeExtension(idxPath, ".pack"));
            if (idx is null || pack is null || !File.Exists(pack))
                continue;
            _packs.Add(GitPack.Open(idx, pack, _hashBytes));
        }

        return _packs;
    }

    internal static byte[] ReadExactly(Stream stream, int size, string what)
    {
        var data = new byte[size];
        try
        {
            stream.ReadExactly(data);
        }
        catch (EndOfStreamException)
        {
            throw new GitReadException($"object {what} is truncated");
        }

        return data;
    }
}

using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.MemoryMappedFiles;

namespace StateHub.Infrastructure.Git;

/// <summary>One entry of a pack as stored: a whole object, or a delta with its base.</summary>
internal sealed record GitPackEntry(GitObjectType Type, byte[] Data, long BaseOffset, byte[]? BaseName);

/// <summary>A <c>.pack</c> file and its <c>.idx</c>, memory-mapped read-only.</summary>
internal sealed class GitPack : IDisposable
{
    private const int PackHeaderBytes = 12;

    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewStream _stream;
    private readonly long _length;

    private GitPack(string name, GitPackIndex index, MemoryMappedFile file, long length)
    {
        Name = name;
        Index = index;
        _file = file;
        _length = length;
        _stream = file.CreateViewStream(0, 0, MemoryMappedFileAccess.Read);
    }

    public string Name { get; }

    public GitPackIndex Index { get; }

    public static GitPack Open(string idxPath, string packPath, int hashBytes)
    {
        var index = GitPackIndex.Open(idxPath, hashBytes);
        try
        {
            var length = new FileInfo(packPath).Length;
            if (length < PackHeaderBytes + hashBytes)
                throw new GitReadException($"pack {Path.GetFileName(packPath)} is truncated");
            var file = MemoryMappedFile.CreateFromFile(
                new FileStream(packPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete),
                null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
            var pack = new GitPack(Path.GetFileName(packPath), index, file, length);
            pack.CheckHeader();
            return pack;
        }
        catch
        {
            index.Dispose();
            throw;
        }
    }

    public GitPackEntry ReadEntry(long offset, int hashBytes)
    {
        if (offset < PackHeaderBytes || offset >= _length - hashBytes)
            throw new GitReadException($"pack {Name} has an object offset out of range");
        _stream.Position = offset;

        var c = ReadByte();
        var type = (GitObjectType)((c >> 4) & 7);
        long size = c & 0x0f;
        var shift = 4;
        while ((c & 0x80) != 0)
        {
            c = ReadByte();
            if (shift > 56)
                throw new GitReadException($"pack {Name} has a malformed object header");
            size |= (long)(c & 0x7f) << shift;
            shift += 7;
        }

        if (size > GitObjectDatabase.MaxObjectBytes)
            throw new GitReadException($"pack {Name} holds an object larger than {GitObjectDatabase.MaxObjectBytes} bytes where a commit was expected");

        long baseOffset = 0;
        byte[]? baseName = null;
        switch (type)
        {
            case GitObjectType.Commit or GitObjectType.Tree or GitObjectType.Blob or GitObjectType.Tag:
                break;
            case GitObjectType.OffsetDelta:
            {
                c = ReadByte();
                long distance = c & 0x7f;
                while ((c & 0x80) != 0)
                {
                    c = ReadByte();
                    if (distance > (long.MaxValue >> 8))
                        throw new GitReadException($"pack {Name} has a malformed delta offset");
                    distance = ((distance + 1) << 7) | (long)(c & 0x7f);
                }

                baseOffset = offset - distance;
                if (distance <= 0 || baseOffset < PackHeaderBytes)
                    throw new GitReadException($"pack {Name} has a delta whose base lies outside the pack");
                break;
            }

            case GitObjectType.RefDelta:
                baseName = new byte[hashBytes];
                _stream.ReadExactly(baseName);
                break;
            default:
                throw new GitReadException($"pack {Name} holds an object of unknown type {(int)type}");
        }

        try
        {
            using var zlib = new ZLibStream(_stream, CompressionMode.Decompress, leaveOpen: true);
            var data = GitObjectDatabase.ReadExactly(zlib, (int)size, $"at offset {offset} of pack {Name}");
            return new GitPackEntry(type, data, baseOffset, baseName);
        }
        catch (InvalidDataException)
        {
            throw new GitReadException($"pack {Name} holds invalid zlib data at offset {offset}");
        }
    }

    public void Dispose()
    {
        _stream.Dispose();
        _file.Dispose();
        Index.Dispose();
    }

    private int ReadByte()
    {
        var b = _stream.ReadByte();
        return b >= 0 ? b : throw new GitReadException($"pack {Name} is truncated");
    }

    private void CheckHeader()
    {
        Span<byte> header = stackalloc byte[PackHeaderBytes];
        _stream.Position = 0;
        _stream.ReadExactly(header);
        var version = BinaryPrimitives.ReadUInt32BigEndian(header[4..]);
        if (!header[..4].SequenceEqual("PACK"u8) || version is not (2 or 3))
            throw new GitReadException($"{Name} is not a pack file of version 2 or 3");
    }
}

/// <summary>
/// A pack index, version 1 (fan-out, then offset+name entries) or version 2 (magic, fan-out,
/// names, CRCs, 31-bit offsets, 64-bit offsets), memory-mapped and binary-searched.
/// </summary>
internal sealed class GitPackIndex : IDisposable
{
    private const uint V2Magic = 0xff744f63;
    private const int FanoutBytes = 256 * 4;

    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly int _hashBytes;
    private readonly int _version;
    private readonly long _count;
    private readonly long _fanoutStart;
    private readonly byte[] _nameBuffer;

    private GitPackIndex(MemoryMappedFile file, MemoryMappedViewAccessor view, long length, int hashBytes, string name)
    {
        _file = file;
        _view = view;
        _hashBytes = hashBytes;
        _nameBuffer = new byte[hashBytes];
        _version = length >= 8 && ReadUInt32(0) == V2Magic ? (int)ReadUInt32(4) : 1;
        if (_version is not (1 or 2))
            throw new GitReadException($"{name} is a pack index of unsupported version {_version}");
        _fanoutStart = _version == 2 ? 8 : 0;
        if (length < _fanoutStart + FanoutBytes)
            throw new GitReadException($"{name} is truncated");
        _count = ReadUInt32(_fanoutStart + FanoutBytes - 4);
        var required = _version == 2
            ? _fanoutStart + FanoutBytes + (_count * (hashBytes + 8)) + (2L * hashBytes)
            : FanoutBytes + (_count * (hashBytes + 4)) + (2L * hashBytes);
        if (length < required)
            throw new GitReadException($"{name} is truncated or uses a different hash length");
    }

    public static GitPackIndex Open(string path, int hashBytes)
    {
        var length = new FileInfo(path).Length;
        if (length == 0)
            throw new GitReadException($"{Path.GetFileName(path)} is empty");
        var file = MemoryMappedFile.CreateFromFile(
            new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete),
            null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
        MemoryMappedViewAccessor? view = null;
        try
        {
            view = file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
            return new GitPackIndex(file, view, length, hashBytes, Path.GetFileName(path));
        }
        catch
        {
            view?.Dispose();
            file.Dispose();
            throw;
        }
    }

    /// <summary>The pack offset of the object named <paramref name="name"/>, or null when this pack lacks it.</summary>
    public long? Find(byte[] name)
    {
        var first = name[0];
        long lo = first == 0 ? 0 : ReadUInt32(_fanoutStart + ((first - 1) * 4));
        long hi = ReadUInt32(_fanoutStart + (first * 4));
        if (hi > _count || lo > hi)
            throw new GitReadException("a pack index has an inconsistent fan-out table");
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) / 2);
            var cmp = CompareNameAt(mid, name);
            if (cmp == 0)
                return OffsetAt(mid);
            if (cmp < 0)
                lo = mid + 1;
            else
                hi = mid;
        }

        return null;
    }

    public void Dispose()
    {
        _view.Dispose();
        _file.Dispose();
    }

    private int CompareNameAt(long position, byte[] name)
    {
        var at = _version == 2
            ? _fanoutStart + FanoutBytes + (position * _hashBytes)
            : FanoutBytes + (position * (_hashBytes + 4)) + 4;
        _view.ReadArray(at, _nameBuffer, 0, _hashBytes);
        return _nameBuffer.AsSpan().SequenceCompareTo(name);
    }

    private long OffsetAt(long position)
    {
        if (_version == 1)
            return ReadUInt32(FanoutBytes + (position * (_hashBytes + 4)));

        var offsetsStart = _fanoutStart + FanoutBytes + (_count * (_hashBytes + 4));
        var small = ReadUInt32(offsetsStart + (position * 4));
        if ((small & 0x80000000) == 0)
            return small;
        var largeAt = offsetsStart + (_count * 4) + ((small & 0x7fffffff) * 8L);
        if (largeAt + 8 > _view.Capacity)
            throw new GitReadException("a pack index points past its large-offset table");
        Span<byte> bytes = stackalloc byte[8];
        for (var i = 0; i < 8; i++)
            bytes[i] = _view.ReadByte(largeAt + i);
        var large = BinaryPrimitives.ReadInt64BigEndian(bytes);
        return large >= 0 ? large : throw new GitReadException("a pack index holds a negative offset");
    }

    private uint ReadUInt32(long at)
    {
        Span<byte> bytes = stackalloc byte[4];
        for (var i = 0; i < 4; i++)
            bytes[i] = _view.ReadByte(at + i);
        return BinaryPrimitives.ReadUInt32BigEndian(bytes);
    }
}

namespace StateHub.Infrastructure.Git;

/// <summary>Git's binary delta format: a base size, a result size, then copy and insert instructions.</summary>
internal static class GitDelta
{
    public static byte[] Apply(byte[] source, byte[] delta, int maxResultBytes)
    {
        var pos = 0;
        var sourceSize = ReadSize(delta, ref pos);
        var resultSize = ReadSize(delta, ref pos);
        if (sourceSize != source.Length)
            throw new GitReadException("a delta does not match the size of its base object");
        if (resultSize > maxResultBytes)
            throw new GitReadException($"a delta produces an object larger than {maxResultBytes} bytes");

        var result = new byte[(int)resultSize];
        var written = 0;
        while (pos < delta.Length)
        {
            var op = delta[pos++];
            if ((op & 0x80) != 0)
            {
                long offset = 0;
                long size = 0;
                for (var i = 0; i < 4; i++)
                {
                    if ((op & (1 << i)) != 0)
                        offset |= (long)Next(delta, ref pos) << (8 * i);
                }

                for (var i = 0; i < 3; i++)
                {
                    if ((op & (0x10 << i)) != 0)
                        size |= (long)Next(delta, ref pos) << (8 * i);
                }

                if (size == 0)
                    size = 0x10000;
                if (offset + size > source.Length || written + size > result.Length)
                    throw new GitReadException("a delta copies outside its base or result");
                Array.Copy(source, offset, result, written, size);
                written += (int)size;
            }
            else if (op != 0)
            {
                if (pos + op > delta.Length || written + op > result.Length)
                    throw new GitReadException("a delta inserts past its end");
                Array.Copy(delta, pos, result, written, op);
                pos += op;
                written += op;
            }
            else
            {
                throw new GitReadException("a delta holds a reserved instruction");
            }
        }

        return written == result.Length ? result : throw new GitReadException("a delta produced fewer bytes than it announced");
    }

    private static long ReadSize(byte[] delta, ref int pos)
    {
        long size = 0;
        var shift = 0;
        int b;
        do
        {
            b = Next(delta, ref pos);
            size |= (long)(b & 0x7f) << shift;
            shift += 7;
            if (shift > 63)
                throw new GitReadException("a delta has a malformed size");
        }
        while ((b & 0x80) != 0);
        return size;
    }

    private static byte Next(byte[] delta, ref int pos) =>
        pos < delta.Length ? delta[pos++] : throw new GitReadException("a delta is truncated");
}

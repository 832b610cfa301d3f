using System.Buffers.Binary;
using System.Security.Cryptography;

namespace StateHub.Domain.Common;

/// <summary>
/// UUIDv7 ids that strictly increase within the process: RFC 9562 §6.2 method 1, a 12-bit counter in
/// <c>rand_a</c>, seeded at random (its top bit clear) on each new millisecond and stepped within one.
/// <see cref="Guid.CreateVersion7()"/> puts random bits there, so ids made in one millisecond sort at random;
/// the rows a request creates share one created_at, and every list breaks that tie by id, so without this
/// "by priority, then creation" would shuffle the tasks a sync creates from one file.
/// </summary>
public sealed class UuidV7
{
    private const int CounterMax = 0xFFF;
    private const int CounterSeedMask = 0x7FF;

    private readonly Func<long> _unixMilliseconds;
    private readonly Lock _gate = new();
    private long _milliseconds = long.MinValue;
    private int _counter;

    /// <param name="unixMilliseconds">The clock, in milliseconds since the Unix epoch; the system clock when null.</param>
    public UuidV7(Func<long>? unixMilliseconds = null) =>
        _unixMilliseconds = unixMilliseconds ?? (() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    /// <summary>The process's generator: every entity id comes from it.</summary>
    public static UuidV7 Shared { get; } = new();

    /// <summary>A new id of <see cref="Shared"/>.</summary>
    public static Guid NewId() => Shared.Next();

    /// <summary>An id greater than every id this generator made before, even within one millisecond or with the clock set back.</summary>
    public Guid Next()
    {
        Span<byte> random = stackalloc byte[10];
        RandomNumberGenerator.Fill(random);

        long milliseconds;
        int counter;
        lock (_gate)
        {
            var now = _unixMilliseconds();
            if (now > _milliseconds)
            {
                _milliseconds = now;
                _counter = BinaryPrimitives.ReadUInt16BigEndian(random) & CounterSeedMask;
            }
            else if (_counter < CounterMax)
            {
                _counter++;
            }
            else
            {
                // The counter ran out within one millisecond: move on to the next one (RFC 9562 §6.2).
                _milliseconds++;
                _counter = 0;
            }

            milliseconds = _milliseconds;
            counter = _counter;
        }

        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteInt64BigEndian(bytes, milliseconds << 16);
        bytes[6] = (byte)(0x70 | (counter >> 8));
        bytes[7] = (byte)counter;
        bytes[8] = (byte)(0x80 | (random[2] & 0x3F));
        random[3..].CopyTo(bytes[9..]);
        return new Guid(bytes, bigEndian: true);
    }
}

using System.Text;
using StateHub.Infrastructure.Git;

namespace StateHub.Infrastructure.IntegrationTests.Git;

public sealed class GitDeltaTests
{
    private static readonly byte[] Base = Encoding.ASCII.GetBytes("hello, world");

    [Test]
    public void Apply_CopyAndInsert_BuildsTheResult()
    {
        // base size 12, result size 11; copy offset 0 size 5 ("hello"); insert "!!"; copy offset 7 size 4 ("worl").
        byte[] delta = [12, 11, 0x90, 5, 2, (byte)'!', (byte)'!', 0x91, 7, 4];

        var result = GitDelta.Apply(Base, delta, 1024);

        Assert.That(Encoding.ASCII.GetString(result), Is.EqualTo("hello!!worl"));
    }

    [TestCase(new byte[] { 11, 1, 1, (byte)'x' }, "size of its base")]
    [TestCase(new byte[] { 12, 1, 0 }, "reserved instruction")]
    [TestCase(new byte[] { 12, 5, 0x91, 10, 5 }, "outside its base")]
    [TestCase(new byte[] { 12, 3, 5, (byte)'a' }, "past its end")]
    [TestCase(new byte[] { 12, 3, 1, (byte)'a' }, "fewer bytes")]
    [TestCase(new byte[] { 12 }, "truncated")]
    public void Apply_MalformedDelta_ThrowsWithAReason(byte[] delta, string reason)
    {
        Assert.That(() => GitDelta.Apply(Base, delta, 1024), Throws.TypeOf<GitReadException>().With.Message.Contain(reason));
    }

    [Test]
    public void Apply_ResultOverTheLimit_IsRefused()
    {
        byte[] delta = [12, 0x80, 0x08, 1, (byte)'a'];

        Assert.That(() => GitDelta.Apply(Base, delta, 512), Throws.TypeOf<GitReadException>().With.Message.Contain("larger than"));
    }
}

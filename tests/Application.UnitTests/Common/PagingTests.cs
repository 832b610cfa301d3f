using StateHub.Application.Common.Paging;
using StateHub.Application.Inbox.Queries.ListInbox;
using StateHub.Application.InterfaceChanges.Queries.ListInterfaceChanges;
using StateHub.Domain.InterfaceChanges;

namespace StateHub.Application.UnitTests.Common;

public sealed class PagingTests
{
    [Test]
    public void Scoped_NothingNarrowsTheList_KeepsThePlainName()
    {
        Assert.That(Paging.Scoped("domains"), Is.EqualTo("domains"));
    }

    [Test]
    public void Scoped_SameScope_SameName_AnEmptyStringCountingAsAbsent()
    {
        Assert.That(Paging.Scoped("repos", "platform"), Is.EqualTo(Paging.Scoped("repos", "platform")));
        Assert.That(Paging.Scoped("repos", ""), Is.EqualTo(Paging.Scoped("repos", (object?)null)));
    }

    [Test]
    public void Scoped_OtherParentOrFilters_OtherName()
    {
        string[] names =
        [
            Paging.Scoped("events", "delta"),
            Paging.Scoped("events", "gamma"),
            Paging.Scoped("inbox", "delta", null),
            Paging.Scoped("inbox", "delta", true),
            Paging.Scoped("inbox", "delta", false),
            Paging.Scoped("x", "a|b", null),
            Paging.Scoped("x", "a", "|b"),
            Paging.Scoped("x", "orig", null),
            Paging.Scoped("x", null, "orig"),
        ];

        Assert.That(names.Distinct().Count(), Is.EqualTo(names.Length), string.Join(", ", names));
    }

    [Test]
    public void Cursor_OfOneScope_DoesNotDecodeInAnother()
    {
        var byOrigin = new ListInterfaceChangesQuery(null, "orig", null);
        var cursor = Paging.EncodeKeyset(byOrigin.CursorList(), new Keyset(DateTimeOffset.UnixEpoch, Guid.NewGuid()));

        Assert.That(Paging.DecodeKeyset(byOrigin.CursorList(), cursor), Is.Not.Null);
        Assert.That(Paging.DecodeKeyset(new ListInterfaceChangesQuery(null, null, "orig").CursorList(), cursor), Is.Null);
        Assert.That(Paging.DecodeKeyset(new ListInterfaceChangesQuery(InterfaceChangeStatus.Published, "orig", null).CursorList(), cursor), Is.Null);
        Assert.That(Paging.DecodeKeyset(new ListInboxQuery("orig", null).CursorList(), cursor), Is.Null);
    }
}

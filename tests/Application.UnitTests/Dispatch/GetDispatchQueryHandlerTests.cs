using Moq;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Dispatch;
using StateHub.Application.Dispatch.Queries.GetDispatch;

namespace StateHub.Application.UnitTests.Dispatch;

public sealed class GetDispatchQueryHandlerTests
{
    private readonly Mock<IDispatchQueries> _queries = new();

    private GetDispatchQueryHandler Handler => new(_queries.Object);

    [Test]
    public async Task Handle_KnownRepo_ReturnsTheReadModel()
    {
        var dispatch = new DispatchDto { RepoSlug = "app", UnreadInboxCount = 3 };
        _queries.Setup(q => q.GetDispatchAsync("app", It.IsAny<CancellationToken>())).ReturnsAsync(dispatch);

        var result = await Handler.Handle(new GetDispatchQuery("app"), CancellationToken.None);

        Assert.That(result, Is.SameAs(dispatch));
    }

    [Test]
    public void Handle_UnknownRepo_ThrowsNotFound()
    {
        var ex = Assert.ThrowsAsync<NotFoundException>(() => Handler.Handle(new GetDispatchQuery("nope"), CancellationToken.None));

        Assert.That(ex!.Message, Is.EqualTo("Repo 'nope' not found"));
    }
}

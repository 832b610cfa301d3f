using AutoMapper;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Messaging;
using StateHub.Application.Common.Security;

namespace StateHub.Application.Webhooks.Queries.ListWebhooks;

/// <summary>Every subscription, oldest first.</summary>
public sealed record ListWebhooksQuery : IQuery<IReadOnlyList<WebhookDto>>, IAdminOnlyRequest;

internal sealed class ListWebhooksQueryHandler(IWebhookStore store, IMapper mapper) : IRequestHandler<ListWebhooksQuery, IReadOnlyList<WebhookDto>>
{
    public async Task<IReadOnlyList<WebhookDto>> Handle(ListWebhooksQuery request, CancellationToken cancellationToken) =>
        mapper.Map<IReadOnlyList<WebhookDto>>(await store.ListAsync(cancellationToken));
}

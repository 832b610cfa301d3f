using AutoMapper;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Messaging;
using StateHub.Application.Common.Security;

namespace StateHub.Application.Webhooks.Queries.GetWebhook;

public sealed record GetWebhookQuery(Guid Id) : IQuery<WebhookDto>, IAdminOnlyRequest;

internal sealed class GetWebhookQueryHandler(IWebhookStore store, IMapper mapper) : IRequestHandler<GetWebhookQuery, WebhookDto>
{
    public async Task<WebhookDto> Handle(GetWebhookQuery request, CancellationToken cancellationToken) =>
        mapper.Map<WebhookDto>(await store.GetRequiredAsync(request.Id, cancellationToken));
}

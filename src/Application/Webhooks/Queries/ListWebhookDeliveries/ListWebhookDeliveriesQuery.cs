using StateHub.Application.Common.Security;
using AutoMapper;
using FluentValidation;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Messaging;
using StateHub.Domain.Webhooks;

namespace StateHub.Application.Webhooks.Queries.ListWebhookDeliveries;

/// <summary>A subscription's delivery log, one entry per attempt, newest first.</summary>
public sealed record ListWebhookDeliveriesQuery(Guid Id, WebhookDeliveryStatus? Status, int? Limit) : IQuery<IReadOnlyList<WebhookDeliveryDto>>, IAdminOnlyRequest
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;
}

public sealed class ListWebhookDeliveriesQueryValidator : AbstractValidator<ListWebhookDeliveriesQuery>
{
    public ListWebhookDeliveriesQueryValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, ListWebhookDeliveriesQuery.MaxLimit);
        RuleFor(q => q.Status).IsInEnum();
    }
}

internal sealed class ListWebhookDeliveriesQueryHandler(IWebhookStore store, IMapper mapper)
    : IRequestHandler<ListWebhookDeliveriesQuery, IReadOnlyList<WebhookDeliveryDto>>
{
    public async Task<IReadOnlyList<WebhookDeliveryDto>> Handle(ListWebhookDeliveriesQuery request, CancellationToken cancellationToken)
    {
        _ = await store.GetRequiredAsync(request.Id, cancellationToken);
        var rows = await store.ListDeliveriesAsync(request.Id, request.Status, request.Limit ?? ListWebhookDeliveriesQuery.DefaultLimit, cancellationToken);
        return mapper.Map<IReadOnlyList<WebhookDeliveryDto>>(rows);
    }
}

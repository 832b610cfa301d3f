using AutoMapper;
using FluentValidation;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Messaging;
using StateHub.Application.Common.Paging;
using StateHub.Application.Common.Security;

namespace StateHub.Application.Webhooks.Queries.ListWebhooks;

/// <summary>Every subscription, oldest first; a page of them with <see cref="Limit"/> (a registry list: everything when absent).</summary>
public sealed record ListWebhooksQuery : IQuery<Page<WebhookDto>>, IAdminOnlyRequest
{
    public const string List = "webhooks";

    public int? Limit { get; init; }

    public string? Cursor { get; init; }
}

public sealed class ListWebhooksQueryValidator : AbstractValidator<ListWebhooksQuery>
{
    public ListWebhooksQueryValidator()
    {
        RuleFor(q => q.Limit).ValidLimit();
        RuleFor(q => q.Cursor).Must(c => c is null || Paging.Decode(ListWebhooksQuery.List, c) is not null).WithMessage(Paging.CursorMessage);
    }
}

internal sealed class ListWebhooksQueryHandler(IWebhookStore store, IMapper mapper) : IRequestHandler<ListWebhooksQuery, Page<WebhookDto>>
{
    public async Task<Page<WebhookDto>> Handle(ListWebhooksQuery request, CancellationToken cancellationToken) =>
        Paging.InMemory(mapper.Map<IReadOnlyList<WebhookDto>>(await store.ListAsync(cancellationToken)), request.Limit, request.Cursor, ListWebhooksQuery.List, w => w.Id);
}

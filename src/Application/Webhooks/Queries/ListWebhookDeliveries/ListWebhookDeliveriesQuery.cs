using System.Globalization;
using StateHub.Application.Common.Security;
using AutoMapper;
using FluentValidation;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Messaging;
using StateHub.Application.Common.Paging;
using StateHub.Domain.Webhooks;

namespace StateHub.Application.Webhooks.Queries.ListWebhookDeliveries;

/// <summary>A subscription's delivery log, one entry per attempt, newest first, a page at a time (§15: default 100).</summary>
public sealed record ListWebhookDeliveriesQuery(Guid Id, WebhookDeliveryStatus? Status, int? Limit) : IQuery<Page<WebhookDeliveryDto>>, IAdminOnlyRequest
{
    public const string List = "webhook_deliveries";
    public const int DefaultLimit = Paging.DefaultGrowingLimit;

    /// <summary>The list name its cursors carry: the list, the subscription and the status filter (§15), so a cursor of another is refused.</summary>
    public string CursorList() => Paging.Scoped(List, Id, Status);

    /// <summary>The opaque cursor of the next page, from the previous page's <c>Link</c> header.</summary>
    public string? Cursor { get; init; }

    public string EncodeCursor(DeliveryPosition position) =>
        Paging.Encode(CursorList(), string.Join('|',
            position.CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture),
            position.Attempt.ToString(CultureInfo.InvariantCulture),
            position.Id.ToString("N")));

    /// <summary>The position a cursor of this list holds, or null when it is not one.</summary>
    public DeliveryPosition? DecodeCursor(string? cursor) =>
        Paging.Decode(CursorList(), cursor)?.Split('|') is [var ticks, var attempt, var id]
        && long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var at)
        && at <= DateTimeOffset.MaxValue.UtcTicks
        && int.TryParse(attempt, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
        && Guid.TryParseExact(id, "N", out var guid)
            ? new DeliveryPosition(new DateTimeOffset(at, TimeSpan.Zero), number, guid)
            : null;
}

public sealed class ListWebhookDeliveriesQueryValidator : AbstractValidator<ListWebhookDeliveriesQuery>
{
    public ListWebhookDeliveriesQueryValidator()
    {
        RuleFor(q => q.Limit).ValidLimit();
        RuleFor(q => q.Status).IsInEnum();
        RuleFor(q => q.Cursor).Must((q, c) => c is null || q.DecodeCursor(c) is not null).WithMessage(Paging.CursorMessage);
    }
}

internal sealed class ListWebhookDeliveriesQueryHandler(IWebhookStore store, IMapper mapper)
    : IRequestHandler<ListWebhookDeliveriesQuery, Page<WebhookDeliveryDto>>
{
    public async Task<Page<WebhookDeliveryDto>> Handle(ListWebhookDeliveriesQuery request, CancellationToken cancellationToken)
    {
        _ = await store.GetRequiredAsync(request.Id, cancellationToken);
        var after = request.Cursor is null
            ? null
            : request.DecodeCursor(request.Cursor) ?? throw new Common.Exceptions.RequestValidationException("cursor", Paging.CursorMessage);
        var limit = request.Limit ?? ListWebhookDeliveriesQuery.DefaultLimit;
        var rows = await store.ListDeliveriesAsync(request.Id, request.Status, limit + 1, cancellationToken, after);
        var items = mapper.Map<IReadOnlyList<WebhookDeliveryDto>>(rows.Take(limit).ToList());
        var last = rows.Count > limit ? rows[limit - 1] : null;
        return new Page<WebhookDeliveryDto>(items, last is null ? null : request.EncodeCursor(new DeliveryPosition(last.CreatedAt, last.Attempt, last.Id)));
    }
}

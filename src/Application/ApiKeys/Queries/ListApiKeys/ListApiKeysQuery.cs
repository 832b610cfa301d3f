using AutoMapper;
using FluentValidation;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Messaging;
using StateHub.Application.Common.Paging;
using StateHub.Application.Common.Security;

namespace StateHub.Application.ApiKeys.Queries.ListApiKeys;

/// <summary>Every key, oldest first, without secrets; a page of them with <see cref="Limit"/> (everything when absent). Admin only.</summary>
public sealed record ListApiKeysQuery : IQuery<Page<ApiKeyDto>>, IAdminOnlyRequest
{
    public const string List = "api_keys";

    public int? Limit { get; init; }

    public string? Cursor { get; init; }
}

public sealed class ListApiKeysQueryValidator : AbstractValidator<ListApiKeysQuery>
{
    public ListApiKeysQueryValidator()
    {
        RuleFor(q => q.Limit).ValidLimit();
        RuleFor(q => q.Cursor).Must(c => c is null || Paging.Decode(ListApiKeysQuery.List, c) is not null).WithMessage(Paging.CursorMessage);
    }
}

internal sealed class ListApiKeysQueryHandler(IApiKeyRepository keys, IMapper mapper)
    : IRequestHandler<ListApiKeysQuery, Page<ApiKeyDto>>
{
    public async Task<Page<ApiKeyDto>> Handle(ListApiKeysQuery request, CancellationToken cancellationToken) =>
        Paging.InMemory(mapper.Map<IReadOnlyList<ApiKeyDto>>(await keys.ListAsync(cancellationToken)), request.Limit, request.Cursor, ListApiKeysQuery.List, k => k.Id);
}

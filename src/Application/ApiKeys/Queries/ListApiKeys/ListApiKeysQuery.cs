using AutoMapper;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Messaging;
using StateHub.Application.Common.Security;

namespace StateHub.Application.ApiKeys.Queries.ListApiKeys;

/// <summary>Every key, oldest first, without secrets. Admin only.</summary>
public sealed record ListApiKeysQuery : IQuery<IReadOnlyList<ApiKeyDto>>, IAdminOnlyRequest;

internal sealed class ListApiKeysQueryHandler(IApiKeyRepository keys, IMapper mapper)
    : IRequestHandler<ListApiKeysQuery, IReadOnlyList<ApiKeyDto>>
{
    public async Task<IReadOnlyList<ApiKeyDto>> Handle(ListApiKeysQuery request, CancellationToken cancellationToken) =>
        mapper.Map<IReadOnlyList<ApiKeyDto>>(await keys.ListAsync(cancellationToken));
}

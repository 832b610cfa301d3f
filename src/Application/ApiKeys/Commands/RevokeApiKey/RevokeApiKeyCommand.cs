using AutoMapper;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Common.Messaging;
using StateHub.Application.Common.Security;

namespace StateHub.Application.ApiKeys.Commands.RevokeApiKey;

/// <summary>Revokes a key at once on every node (keys are checked against the database on each request). Idempotent.</summary>
public sealed record RevokeApiKeyCommand(Guid Id) : ICommand<ApiKeyDto>, IAdminOnlyRequest;

internal sealed class RevokeApiKeyCommandHandler(IApiKeyRepository keys, TimeProvider clock, IMapper mapper)
    : ICommandHandler<RevokeApiKeyCommand, ApiKeyDto>
{
    public async Task<Func<ApiKeyDto>> Handle(RevokeApiKeyCommand request, CancellationToken cancellationToken)
    {
        var key = await keys.GetByIdAsync(request.Id, cancellationToken)
            ?? throw new NotFoundException($"API key '{request.Id}' not found");
        key.Revoke(clock.GetUtcNow());
        return () => mapper.Map<ApiKeyDto>(key);
    }
}

using System.Text.Json.Serialization;
using AutoMapper;
using FluentValidation;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Concurrency;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Common.Messaging;
using StateHub.Domain.Domains;

namespace StateHub.Application.Domains.Commands.UpdateDomain;

/// <summary>Changes only the fields present in the body.</summary>
public sealed record UpdateDomainCommand : PatchRequest, ICommand<DomainDto>
{
    private readonly string? _name;
    private readonly string? _description;
    private readonly DomainStatus? _status;

    [JsonIgnore]
    public string Slug { get; init; } = null!;

    /// <summary>The request's <c>If-Match</c> header, if any (see <see cref="IfMatchPrecondition"/>); not part of the body.</summary>
    [JsonIgnore]
    public string? IfMatch { get; init; }

    public string? Name { get => _name; init => _name = Track(value); }

    /// <example>Shared services every product builds on.</example>
    public string? Description { get => _description; init => _description = Track(value); }

    /// <example>paused</example>
    public DomainStatus? Status { get => _status; init => _status = Track(value); }
}

public sealed class UpdateDomainCommandValidator : AbstractValidator<UpdateDomainCommand>
{
    public UpdateDomainCommandValidator()
    {
        When(c => c.Has(nameof(UpdateDomainCommand.Name)), () =>
            RuleFor(c => c.Name).NotEmpty().MaximumLength(RepoDomain.NameMaxLength));
        RuleFor(c => c.Description).MaximumLength(RepoDomain.DescriptionMaxLength);
        When(c => c.Has(nameof(UpdateDomainCommand.Status)), () =>
            RuleFor(c => c.Status).NotNull().IsInEnum());
    }
}

internal sealed class UpdateDomainCommandHandler(IDomainRepository domains, IUnitOfWork unitOfWork, IMapper mapper)
    : ICommandHandler<UpdateDomainCommand, DomainDto>
{
    public async Task<Func<DomainDto>> Handle(UpdateDomainCommand request, CancellationToken cancellationToken)
    {
        var domain = await domains.GetBySlugAsync(request.Slug, cancellationToken)
            ?? throw NotFoundException.Domain(request.Slug);
        await unitOfWork.RequireIfMatchAsync(request.IfMatch, domain, "domain", cancellationToken);

        if (request.Has(nameof(request.Name)))
            domain.Rename(request.Name!);
        if (request.Has(nameof(request.Description)))
            domain.Describe(request.Description);
        if (request.Has(nameof(request.Status)))
            domain.ChangeStatus(request.Status!.Value);


        return () => mapper.Map<DomainDto>(domain);
    }
}

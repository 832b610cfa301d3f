using AutoMapper;
using FluentValidation;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Common.Messaging;
using StateHub.Domain.Common;
using StateHub.Domain.Domains;

namespace StateHub.Application.Domains.Commands.CreateDomain;

/// <summary>Creates a domain, the group repos belong to.</summary>
public sealed record CreateDomainCommand : ICommand<DomainDto>
{
    /// <summary>Unique, <c>^[a-z0-9][a-z0-9-]{0,62}$</c>.</summary>
    /// <example>platform</example>
    public string Slug { get; init; } = null!;

    /// <example>Platform</example>
    public string Name { get; init; } = null!;

    /// <example>Shared services every product builds on.</example>
    public string? Description { get; init; }

    /// <summary>Defaults to active.</summary>
    /// <example>active</example>
    public DomainStatus? Status { get; init; }
}

public sealed class CreateDomainCommandValidator : AbstractValidator<CreateDomainCommand>
{
    public CreateDomainCommandValidator()
    {
        RuleFor(c => c.Slug).NotEmpty().Must(Slug.IsValid)
            .WithMessage($"'slug' must match {Slug.RuleText}.");
        RuleFor(c => c.Name).NotEmpty().MaximumLength(RepoDomain.NameMaxLength);
        RuleFor(c => c.Description).MaximumLength(RepoDomain.DescriptionMaxLength);
        RuleFor(c => c.Status).IsInEnum();
    }
}

internal sealed class CreateDomainCommandHandler(IDomainRepository domains, IMapper mapper)
    : ICommandHandler<CreateDomainCommand, DomainDto>
{
    public async Task<Func<DomainDto>> Handle(CreateDomainCommand request, CancellationToken cancellationToken)
    {
        if (await domains.SlugExistsAsync(request.Slug, cancellationToken))
            throw new ConflictException(UniqueIndexConflicts.DomainSlug(request.Slug));

        var domain = RepoDomain.Create(request.Slug, request.Name, request.Description, request.Status ?? DomainStatus.Active);
        domains.Add(domain);

        return () => mapper.Map<DomainDto>(domain);
    }
}

using System.Linq.Expressions;
using FluentValidation;
using StateHub.Domain.Common;
using StateHub.Domain.InterfaceChanges;

namespace StateHub.Application.InterfaceChanges;

/// <summary>Field rules shared by registering and editing a change, so both refuse the same input with the same words.</summary>
internal static class InterfaceChangeValidation
{
    public static void AffectedRepoSlugRules<T>(this AbstractValidator<T> validator, Expression<Func<T, IEnumerable<string>?>> slugs)
    {
        validator.RuleFor(slugs)
            .Must(l => l is null || l.Count() <= InterfaceChange.MaxAffectedRepos)
            .WithMessage($"At most {InterfaceChange.MaxAffectedRepos} affected repos.");
        validator.RuleForEach<string>(slugs!)
            .Must(Slug.IsValid)
            .WithMessage(s => $"Each affected repo slug must match {Slug.Pattern}.");
    }

    public static void AffectedPathRules<T>(this AbstractValidator<T> validator, Expression<Func<T, IEnumerable<string>?>> paths)
    {
        validator.RuleFor(paths)
            .Must(l => l is null || l.Count() <= InterfaceChange.MaxAffectedPaths)
            .WithMessage($"At most {InterfaceChange.MaxAffectedPaths} affected paths.");
        validator.RuleForEach<string>(paths!)
            .NotEmpty().WithMessage("An affected path must not be empty.")
            .MaximumLength(InterfaceChange.PathMaxLength).WithMessage($"An affected path must be at most {InterfaceChange.PathMaxLength} characters.");
    }
}
